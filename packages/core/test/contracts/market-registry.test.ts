import { describe, expect, it } from 'vitest';
import { BadSymbolError, Decimal, InvalidOrderError, MarketRegistry, parseUnifiedSymbol, roundToStep, type Market } from '../../src/index.js';

const d = (v: string) => new Decimal(v);
const perp: Market = {
  symbol: 'BTC/USDT:USDT', id: 'BTCUSDT', type: 'swap', base: 'BTC', quote: 'USDT', settle: 'USDT', active: true,
  contractSize: d('1'), tickSize: d('0.1'), stepSize: d('0.001'), minAmount: d('0.001'), maxAmount: d('100'),
  maxMarketAmount: d('50'), minNotional: d('5'), maxLeverage: d('100'),
};
const spot: Market = { ...perp, symbol: 'BTC/USDT', type: 'spot', settle: undefined, maxLeverage: undefined };
const eth: Market = { ...perp, symbol: 'ETH/USDT:USDT', id: 'ETHUSDT', base: 'ETH', tickSize: d('0.01'), stepSize: d('0.01'), minAmount: d('0.01') };
const halted: Market = { ...eth, symbol: 'XRP/USDT:USDT', id: 'XRPUSDT', base: 'XRP', active: false };

const registry = new MarketRegistry('test', [perp, spot, eth, halted]);

describe('unified symbols', () => {
  it('parses spot and perpetual forms', () => {
    expect(parseUnifiedSymbol('BTC/USDT')).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(parseUnifiedSymbol('BTC/USDT:USDT')).toEqual({ base: 'BTC', quote: 'USDT', settle: 'USDT' });
    expect(parseUnifiedSymbol('BTCUSDT')).toBeUndefined();
    expect(parseUnifiedSymbol('btc/usdt')).toBeUndefined();
  });
});

describe('MarketRegistry', () => {
  it('resolves unified symbols and unambiguous native ids to the same market', () => {
    expect(registry.resolve('ETH/USDT:USDT')).toBe(eth);
    expect(registry.resolve('ETHUSDT')).toBe(eth);
    expect(registry.toNative('ETH/USDT:USDT')).toBe('ETHUSDT');
    expect(registry.toUnified('ETHUSDT')).toBe('ETH/USDT:USDT');
  });

  it('refuses a native id shared by spot and perpetual, naming both', () => {
    expect(() => registry.resolve('BTCUSDT')).toThrow(BadSymbolError);
    expect(() => registry.resolve('BTCUSDT')).toThrow(/BTC\/USDT:USDT/);
    expect(registry.toUnified('BTCUSDT', 'swap')).toBe('BTC/USDT:USDT');
    expect(registry.toUnified('BTCUSDT', 'spot')).toBe('BTC/USDT');
  });

  it('gives BadSymbol for unknown and empty symbols, with a hint for the spot/perp confusion', () => {
    expect(() => registry.resolve('NOPE/USDT')).toThrow(BadSymbolError);
    expect(() => registry.resolve('')).toThrow(BadSymbolError);
    expect(() => registry.resolve('ETH/USDT')).toThrow(/did you mean ETH\/USDT:USDT/);
  });

  it('rounds with an explicit mode and never rounds a size up by default', () => {
    expect(registry.roundAmount('ETH/USDT:USDT', '0.019').toFixed()).toBe('0.01');
    expect(registry.roundPrice('ETH/USDT:USDT', '100.015', 'up').toFixed()).toBe('100.02');
    expect(registry.roundPrice('ETH/USDT:USDT', '100.015', 'down').toFixed()).toBe('100.01');
    expect(roundToStep(d('7.3'), d('0.5'), 'nearest').toFixed()).toBe('7.5');
  });

  it('prepares orders: passive price rounding, amount down, never below minimums', () => {
    const buy = registry.prepareOrder('BTC/USDT:USDT', { side: 'buy', type: 'limit', amount: '0.0019', price: '30000.19' }, 'round');
    expect(buy.price?.toFixed()).toBe('30000.1');
    expect(buy.amount.toFixed()).toBe('0.001');
    expect(buy.adjustments).toHaveLength(2);
    const sell = registry.prepareOrder('BTC/USDT:USDT', { side: 'sell', type: 'limit', amount: '0.001', price: '30000.11' }, 'round');
    expect(sell.price?.toFixed()).toBe('30000.2');
    expect(() => registry.prepareOrder('BTC/USDT:USDT', { side: 'buy', type: 'limit', amount: '0.0009', price: '30000' }, 'round')).toThrow(
      InvalidOrderError,
    );
    expect(() => registry.prepareOrder('BTC/USDT:USDT', { side: 'buy', type: 'limit', amount: '0.001', price: '100' }, 'round')).toThrow(
      /below the minimum 5/,
    );
  });

  it('with policy reject, refuses off-grid values instead of rounding', () => {
    expect(() => registry.prepareOrder('BTC/USDT:USDT', { side: 'buy', type: 'limit', amount: '0.0015', price: '30000' }, 'reject')).toThrow(
      /not a multiple of the step/,
    );
    expect(() => registry.prepareOrder('BTC/USDT:USDT', { side: 'buy', type: 'limit', amount: '0.001', price: '30000.05' }, 'reject')).toThrow(
      /not on the tick/,
    );
  });

  it('refuses zero, negative and oversize amounts, market caps and halted markets', () => {
    const place = (amount: string, type: 'limit' | 'market' = 'limit', symbol = 'BTC/USDT:USDT') =>
      registry.prepareOrder(symbol, { side: 'buy', type, amount, ...(type === 'limit' && { price: '30000' }) }, 'round');
    expect(() => place('0')).toThrow(InvalidOrderError);
    expect(() => place('-1')).toThrow(InvalidOrderError);
    expect(() => place('101')).toThrow(/above the maximum/);
    expect(() => place('60', 'market')).toThrow(/market order amount/);
    expect(() => place('1', 'limit', 'XRP/USDT:USDT')).toThrow(/not trading/);
  });
});
