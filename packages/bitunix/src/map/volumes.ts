import type { Decimal } from '@exkit/core';

/**
 * Which of two 24 h / candle volumes is base and which is quote. The REST kline doc example (fixture
 * rest-kline.json: close 60000, `quoteVol` "1", `baseVol` "60000") and the tickers table ("quoteVol: volume of the
 * coin") read swapped, while the WS frames (`b` 5.2395 vs `q` 359348 at ~68 581) and CCXT read `baseVol` as base.
 * The value that lies within [other × low, other × high] is the quote turnover: that decides, per row. When both or
 * neither fit (price near 1, zero volumes) the names are believed.
 */
export function orderVolumes(named: { readonly base?: Decimal; readonly quote?: Decimal }, low?: Decimal, high?: Decimal): { base?: Decimal; quote?: Decimal } {
  const { base, quote } = named;
  if (base === undefined || quote === undefined || low === undefined || high === undefined || low.lte(0) || high.lt(low)) return { ...(base && { base }), ...(quote && { quote }) };
  const within = (turnover: Decimal, qty: Decimal): boolean => turnover.gte(qty.mul(low)) && turnover.lte(qty.mul(high));
  const asNamed = within(quote, base);
  const swapped = within(base, quote);
  return swapped && !asNamed ? { base: quote, quote: base } : { base, quote };
}
