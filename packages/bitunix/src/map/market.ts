import { Decimal, ONE, type Market } from '@exkit/core';
import type { WireTradingPair } from '../rest/schemas/market.js';

/** The quote/settle currencies this adapter serves: USDT-margined perpetuals (the package's scope). */
export const SERVED_QUOTES: ReadonlySet<string> = new Set(['USDT']);

/**
 * trading_pairs row → Market, or undefined for a market outside the scope (USDC-M, coin-M `…USD`).
 * - tick = 10^-quotePrecision, step = 10^-basePrecision (no tick/step field exists; CCXT derives them the same way, bitunix.md §5).
 * - Quantities are base-coin units (USDT-M contract size 1, CCXT `contractSize: 1`), so `contractSize` is 1 and
 *   amounts go to the wire unconverted.
 * - `1000PEPEUSDT` is priced per 1 000 tokens while `base` says `PEPE` (PROBE): the unified base is taken from the
 *   native id (`1000PEPE/USDT:USDT`), so price × amount stays consistent with contract size 1.
 * - active: status OPEN and not `isApiSupported: false`; CANCEL_ONLY, STOP and PREVIEW are inactive.
 */
export function toMarket(pair: WireTradingPair): Market | undefined {
  const quote = pair.quote.trim().toUpperCase();
  if (!SERVED_QUOTES.has(quote)) return undefined;
  const id = pair.symbol.trim().toUpperCase();
  const base = id.endsWith(quote) && id.length > quote.length ? id.slice(0, -quote.length) : pair.base.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,20}$/.test(base)) return undefined;
  const step = new Decimal(10).pow(-pair.basePrecision);
  const tick = new Decimal(10).pow(-pair.quotePrecision);
  return {
    symbol: `${base}/${quote}:${quote}`,
    id,
    type: 'swap',
    base,
    quote,
    settle: quote,
    active: pair.symbolStatus === 'OPEN' && pair.isApiSupported !== false,
    contractSize: ONE,
    tickSize: tick,
    stepSize: step,
    minAmount: pair.minTradeVolume.gt(0) ? pair.minTradeVolume : step,
    ...(pair.maxLimitOrderVolume !== undefined && pair.maxLimitOrderVolume.gt(0) && { maxAmount: pair.maxLimitOrderVolume }),
    ...(pair.maxMarketOrderVolume !== undefined && pair.maxMarketOrderVolume.gt(0) && { maxMarketAmount: pair.maxMarketOrderVolume }),
    ...(pair.maxLeverage !== undefined && { maxLeverage: new Decimal(pair.maxLeverage) }),
  };
}

/** Base units → venue `qty` text (contract size 1: the same number, exactly). */
export function toWireQty(amount: Decimal, market: Market): string {
  return amount.div(market.contractSize).toFixed();
}

/** Venue `qty` → base units. */
export function fromWireQty(qty: Decimal, market: Market): Decimal {
  return qty.mul(market.contractSize);
}
