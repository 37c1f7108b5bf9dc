import { ONE, formatUnifiedSymbol, type Market } from '@exkit/core';
import type { WireLinearInstrument, WireSpotInstrument } from '../rest/schemas/market.js';

/**
 * A linear perpetual → a `swap` market `BASE/QUOTE:SETTLE`. Linear `qty` is counted in the base
 * coin (reference §5 create-order; `volume` "base coin" for linear), so `contractSize` is exactly 1.
 * Dated futures (`LinearFutures`) have no unified form without an expiry suffix and are left out
 * (undefined); so are inverse contracts, which arrive on another category.
 */
export function mapLinearInstrument(w: WireLinearInstrument): Market | undefined {
  if (w.contractType !== 'LinearPerpetual') return undefined;
  const lot = w.lotSizeFilter;
  return {
    symbol: formatUnifiedSymbol({ base: w.baseCoin, quote: w.quoteCoin, settle: w.settleCoin }),
    id: w.symbol,
    type: 'swap',
    base: w.baseCoin,
    quote: w.quoteCoin,
    settle: w.settleCoin,
    active: w.status === 'Trading',
    contractSize: ONE,
    tickSize: w.priceFilter.tickSize,
    stepSize: lot.qtyStep,
    minAmount: lot.minOrderQty,
    maxAmount: lot.maxOrderQty,
    ...(lot.maxMktOrderQty !== undefined && lot.maxMktOrderQty.gt(0) && { maxMarketAmount: lot.maxMktOrderQty }),
    ...(lot.minNotionalValue !== undefined && lot.minNotionalValue.gt(0) && { minNotional: lot.minNotionalValue }),
    maxLeverage: w.leverageFilter.maxLeverage,
  };
}

/**
 * A spot pair → `BASE/QUOTE`. The amount grid is `basePrecision`; `minOrderQty` is deprecated by
 * the venue and replaced by `basePrecision` when absent; `minOrderAmt` is the minimum order value
 * (quote); `maxLimitOrderQty` / `maxMarketOrderQty` cap limit / market orders (reference §5).
 */
export function mapSpotInstrument(w: WireSpotInstrument): Market {
  const lot = w.lotSizeFilter;
  const maxAmount = lot.maxLimitOrderQty ?? lot.maxOrderQty;
  return {
    symbol: formatUnifiedSymbol({ base: w.baseCoin, quote: w.quoteCoin }),
    id: w.symbol,
    type: 'spot',
    base: w.baseCoin,
    quote: w.quoteCoin,
    active: w.status === 'Trading',
    contractSize: ONE,
    tickSize: w.priceFilter.tickSize,
    stepSize: lot.basePrecision,
    minAmount: lot.minOrderQty !== undefined && lot.minOrderQty.gt(0) ? lot.minOrderQty : lot.basePrecision,
    ...(maxAmount !== undefined && maxAmount.gt(0) && { maxAmount }),
    ...(lot.maxMarketOrderQty !== undefined && lot.maxMarketOrderQty.gt(0) && { maxMarketAmount: lot.maxMarketOrderQty }),
    ...(lot.minOrderAmt !== undefined && lot.minOrderAmt.gt(0) && { minNotional: lot.minOrderAmt }),
  };
}
