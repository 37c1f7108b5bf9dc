import type { Decimal, Market, Trade } from '@exkit/core';
import type { WireRecentTrade } from '../rest/schemas/market.js';
import type { WireSide } from '../rest/schemas/common.js';

export function mapSide(side: WireSide): 'buy' | 'sell' {
  return side === 'Buy' ? 'buy' : 'sell';
}

/** REST `/v5/market/recent-trade` item → Trade (`side` is the taker's). */
export function mapRecentTrade(w: WireRecentTrade, market: Market): Trade {
  return { id: w.execId, symbol: market.symbol, timestamp: w.time, price: w.price, size: w.size, side: mapSide(w.side) };
}

/** A WS `publicTrade` item (reference §6): `T` time, `S` taker side, `v` size, `p` price, `i` id. */
export interface WsTradeFields {
  readonly T: number;
  readonly S: WireSide;
  readonly v: Decimal;
  readonly p: Decimal;
  readonly i: string;
}

export function mapWsTrade(w: WsTradeFields, market: Market): Trade {
  return { id: w.i, symbol: market.symbol, timestamp: w.T, price: w.p, size: w.v, side: mapSide(w.S) };
}

const DIGITS = /^\d+$/;

/** Trade ids: numeric ones by value (`2` before `19`), others as strings (Bybit's execIds are UUIDs). */
export function compareTradeIds(a: string, b: string): number {
  if (DIGITS.test(a) && DIGITS.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ascending by time, ties by id (core's `fetchTrades` contract, CK-MD-06). */
export function compareTrades(a: Trade, b: Trade): number {
  return a.timestamp - b.timestamp || compareTradeIds(a.id, b.id);
}
