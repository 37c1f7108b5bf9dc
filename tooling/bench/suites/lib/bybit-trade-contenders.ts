/**
 * Three ways from a socket's bytes to trades, each the library's own message path:
 * - exkit: core's `decodeFrame` (what the socket layer runs) → the adapter's `parseFrame` with
 *   `wsTradeFrameSchema` → `mapWsTrade`, the body of its `publicTrade` topic handler.
 * - ccxt 4.5.84: `client.onMessage` of a ccxt.pro bybit WsClient (never connected) → `handleMessage`
 *   → `handleTrades` → `parseWsTrade` into its ArrayCache (1,000 kept, its default).
 * - bybit-api 4.7.7: `WebsocketClient.onWsMessage` (JSON.parse, routing, `update` event). It hands
 *   on the raw JSON object: no types, no numbers parsed.
 * All three start from the same Buffer: ccxt and bybit-api decode it to the text their `ws`
 * `onmessage` would hand them, exkit's `decodeFrame` does the same, so the UTF-8 decode is in
 * every contender's time.
 */
import { decodeFrame, type Market, type Trade } from '@exkit/core';
import { WebsocketClient } from 'bybit-api';
import ccxt from 'ccxt';
import { bybitTradeFrameSchema, mapBybitWsTrade, parseBybitFrame } from './venue-internals.js';

/** Handles one frame; `out` receives the items it produced (the timed loops pass a counter). */
export type FrameSink<T> = (frame: Buffer, out: (item: T) => void) => void;

export function exkitTrades(market: Market): FrameSink<Trade> {
  const what = `publicTrade.${market.id}`;
  return (frame, out) => {
    const decoded = decodeFrame(frame);
    if (!decoded.ok) throw new Error(decoded.reason);
    for (const t of parseBybitFrame(bybitTradeFrameSchema, decoded.value, what).data) out(mapBybitWsTrade(t, market));
  };
}

export interface CcxtTrade {
  readonly id: string;
  readonly symbol: string;
  readonly timestamp: number;
  readonly price: number;
  readonly amount: number;
  readonly side: string;
}

interface CcxtWsClient {
  onMessage(event: { data: string }): void;
}
interface CcxtBybitPro {
  setMarkets(markets: object[]): unknown;
  client(url: string): CcxtWsClient;
  trades: Record<string, ArrayLike<CcxtTrade> & { length: number }>;
}

/** A ccxt.pro bybit with one market set by hand (no network), and a linear public WsClient. */
export function ccxtTrades(market: Market): FrameSink<CcxtTrade> {
  const exchange = new ccxt.pro.bybit() as unknown as CcxtBybitPro;
  const [base, quote] = [market.base, market.quote];
  exchange.setMarkets([
    {
      id: market.id,
      symbol: market.symbol,
      base,
      quote,
      settle: market.settle ?? quote,
      baseId: base,
      quoteId: quote,
      settleId: market.settle ?? quote,
      type: 'swap',
      spot: false,
      margin: false,
      swap: true,
      future: false,
      option: false,
      contract: true,
      linear: true,
      inverse: false,
      active: true,
      contractSize: 1,
      precision: { price: Number(market.tickSize.toString()), amount: Number(market.stepSize.toString()) },
      limits: {},
      info: {},
    },
  ]);
  const client = exchange.client('wss://stream.bybit.com/v5/public/linear');
  return (frame, out) => {
    client.onMessage({ data: frame.toString('utf8') });
    if (out === countOnly) return; // timed runs: ccxt's work ends in its cache
    // handleTrades appended this frame's trades to the per-symbol cache; hand them on.
    const cache = exchange.trades[market.symbol];
    if (cache === undefined) return;
    const added = Math.min(cache.length, countTrades(frame));
    for (let k = cache.length - added; k < cache.length; k++) out(cache[k]!);
  };
}

let counted = 0;
/** The sink timed loops pass: counts, keeps nothing. */
export const countOnly = (_item: unknown): void => {
  counted++;
};
export const countedItems = (): number => counted;

/** Trades in a frame without parsing it: one `"i":` per trade. */
function countTrades(frame: Buffer): number {
  let n = 0;
  let at = frame.indexOf('"i":');
  while (at !== -1) {
    n++;
    at = frame.indexOf('"i":', at + 4);
  }
  return n;
}

export interface BybitApiTrade {
  readonly i: string;
  readonly T: number;
  readonly p: string;
  readonly v: string;
  readonly S: string;
}

interface BybitApiClientInternals {
  onWsMessage(event: { type: string; data: string }, wsKey: string, ws: unknown): void;
  on(event: 'update', listener: (e: { data: BybitApiTrade[] }) => void): unknown;
}

/** bybit-api's WebsocketClient (never connected) fed message events on its linear public key. */
export function bybitApiTrades(): FrameSink<BybitApiTrade> {
  const client = new WebsocketClient({ market: 'v5' }) as unknown as BybitApiClientInternals;
  let sink: (item: BybitApiTrade) => void = () => undefined;
  client.on('update', (e) => {
    for (const t of e.data) sink(t);
  });
  return (frame, out) => {
    sink = out;
    client.onWsMessage({ type: 'message', data: frame.toString('utf8') }, 'v5LinearPublic', undefined);
  };
}
