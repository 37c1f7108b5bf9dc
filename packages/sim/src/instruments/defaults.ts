import type { InstrumentDefinition } from './definition.js';

/**
 * The default markets: BTC, ETH, SOL and XRP against USDT, spot and linear perpetual. BTCUSDT's
 * grids, limits and leverage are the venue fixtures' (instruments-info linear/spot); the others
 * use the same venue's published grids for those coins. Fees are base-tier rates (perp maker
 * 0.02 %, taker 0.055 %; spot 0.1 %). A front with another venue's table passes its own.
 */
const perp = (d: Omit<InstrumentDefinition, 'type' | 'quote' | 'settle' | 'makerFee' | 'takerFee'>): InstrumentDefinition => ({
  type: 'swap',
  quote: 'USDT',
  settle: 'USDT',
  makerFee: '0.0002',
  takerFee: '0.00055',
  fundingIntervalMs: 8 * 3_600_000,
  ...d,
});
const spot = (d: Omit<InstrumentDefinition, 'type' | 'quote' | 'makerFee' | 'takerFee'>): InstrumentDefinition => ({
  type: 'spot',
  quote: 'USDT',
  makerFee: '0.001',
  takerFee: '0.001',
  ...d,
});

export const DEFAULT_INSTRUMENTS: readonly InstrumentDefinition[] = Object.freeze([
  perp({
    nativeId: 'BTCUSDT', base: 'BTC', tickSize: '0.10', stepSize: '0.001', minSize: '0.001', maxSize: '1190.000',
    maxMarketSize: '500.000', minNotional: '5', maxLeverage: '100', maintenanceMarginRate: '0.005',
    fundingRateCap: '0.00375', initialPrice: '65000.00', openInterest: '52000',
  }),
  perp({
    nativeId: 'ETHUSDT', base: 'ETH', tickSize: '0.01', stepSize: '0.01', minSize: '0.01', maxSize: '7240.00',
    maxMarketSize: '724.00', minNotional: '5', maxLeverage: '100', maintenanceMarginRate: '0.005',
    fundingRateCap: '0.00375', initialPrice: '3000.00', openInterest: '900000',
  }),
  perp({
    nativeId: 'SOLUSDT', base: 'SOL', tickSize: '0.010', stepSize: '0.1', minSize: '0.1', maxSize: '79770.0',
    maxMarketSize: '7977.0', minNotional: '5', maxLeverage: '100', maintenanceMarginRate: '0.005',
    fundingRateCap: '0.00375', initialPrice: '150.000', openInterest: '7000000',
  }),
  perp({
    nativeId: 'XRPUSDT', base: 'XRP', tickSize: '0.0001', stepSize: '1', minSize: '1', maxSize: '1530000',
    maxMarketSize: '153000', minNotional: '5', maxLeverage: '75', maintenanceMarginRate: '0.01',
    fundingRateCap: '0.00375', initialPrice: '0.5000', openInterest: '400000000',
  }),
  spot({
    nativeId: 'BTCUSDT', base: 'BTC', tickSize: '0.1', stepSize: '0.000001', minSize: '0.000011', maxSize: '83',
    maxMarketSize: '41.5', minNotional: '5', initialPrice: '65000.0',
  }),
  spot({
    nativeId: 'ETHUSDT', base: 'ETH', tickSize: '0.01', stepSize: '0.00001', minSize: '0.00008', maxSize: '1229.2336',
    maxMarketSize: '614.6168', minNotional: '5', initialPrice: '3000.00',
  }),
  spot({
    nativeId: 'SOLUSDT', base: 'SOL', tickSize: '0.01', stepSize: '0.001', minSize: '0.001', maxSize: '13000',
    maxMarketSize: '6500', minNotional: '5', initialPrice: '150.00',
  }),
  spot({
    nativeId: 'XRPUSDT', base: 'XRP', tickSize: '0.0001', stepSize: '0.01', minSize: '0.01', maxSize: '2000000',
    maxMarketSize: '1000000', minNotional: '5', initialPrice: '0.5000',
  }),
]);

/**
 * A USDC-settled perpetual whose contract is 0.001 BTC (CK-PR-04): the venue counts in contracts,
 * core in base units; step and minimum are one contract. Not in the defaults: `addInstrument` it.
 */
export const CONTRACT_MARKET_EXAMPLE: InstrumentDefinition = Object.freeze({
  nativeId: 'BTCPERP',
  type: 'swap',
  base: 'BTC',
  quote: 'USDC',
  settle: 'USDC',
  tickSize: '0.5',
  stepSize: '0.001',
  minSize: '0.001',
  contractSize: '0.001',
  maxLeverage: '50',
  makerFee: '0.0002',
  takerFee: '0.0006',
  initialPrice: '65000.0',
});
