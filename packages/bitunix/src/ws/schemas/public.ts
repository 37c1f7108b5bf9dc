import { z } from 'zod';
import { wireDecimal, wireEnum, wireIsoTime, wireOptionalDecimal } from '../../rest/schemas/common.js';

/**
 * Public channel frames — bitunix.md §6 "Public channels": `{ch, symbol, ts (int ms), data}`; `tickers` has no
 * envelope `symbol`. No sequence numbers or checksums on any frame.
 */
const envelope = { ch: z.string().min(1), ts: z.number().int().nonnegative() };

/**
 * A depth level `[price, qty]` as strings. An unknown, delisted or PREVIEW symbol gets one frame of `["",""]`
 * levels and then nothing (PROBE, fixture ws-depth-book15-unknown-symbol.json): `""` is kept as `undefined`.
 */
const wsLevel = z.tuple([z.union([z.literal(''), wireDecimal]), z.union([z.literal(''), wireDecimal])]).transform(([p, q]) => (p === '' || q === '' ? undefined : ([p, q] as const)));

/** depth_book1 / depth_book5 / depth_book15 / depth_books: a full snapshot of N levels on every push. */
export const depthFrameSchema = z.object({
  ...envelope,
  symbol: z.string().min(1),
  data: z.object({ b: z.array(wsLevel), a: z.array(wsLevel) }),
});
export type DepthFrame = z.output<typeof depthFrameSchema>;

/** The raw text levels of a depth frame, for the exact LocalOrderBook path (no Decimal round trip). */
export const depthTextFrameSchema = z.object({
  ...envelope,
  symbol: z.string().min(1),
  data: z.object({ b: z.array(z.tuple([z.string(), z.string()]).rest(z.unknown())), a: z.array(z.tuple([z.string(), z.string()]).rest(z.unknown())) }),
});
export type DepthTextFrame = z.output<typeof depthTextFrameSchema>;

/** trade: an **array** of `{t: ISO-8601, p, v, s: "buy"|"sell"}` (taker side, lower case; no trade id). */
export const tradeFrameSchema = z.object({
  ...envelope,
  symbol: z.string().min(1),
  data: z.array(z.object({ t: wireIsoTime, p: wireDecimal, v: wireDecimal, s: wireEnum(['BUY', 'SELL'] as const) })),
});
export type TradeFrame = z.output<typeof tradeFrameSchema>;

/** ticker: `{s, o, la, h, l, b, q, r}` — 24 h rolling, no bid/ask. */
const tickerData = z.object({
  s: z.string().min(1),
  o: wireOptionalDecimal,
  la: wireOptionalDecimal,
  h: wireOptionalDecimal,
  l: wireOptionalDecimal,
  b: wireOptionalDecimal,
  q: wireOptionalDecimal,
  r: wireOptionalDecimal,
});
export const tickerFrameSchema = z.object({ ...envelope, symbol: z.string().min(1), data: tickerData });
export type TickerFrame = z.output<typeof tickerFrameSchema>;

/** tickers: an **array** adding best bid/ask `bd`/`ak` and their sizes `bv`/`av`; no envelope `symbol`. */
export const tickersItemSchema = tickerData.extend({ bd: wireOptionalDecimal, ak: wireOptionalDecimal, bv: wireOptionalDecimal, av: wireOptionalDecimal });
export const tickersFrameSchema = z.object({ ...envelope, symbol: z.string().optional(), data: z.array(tickersItemSchema) });
export type TickersFrame = z.output<typeof tickersFrameSchema>;
export type TickersItem = z.output<typeof tickersItemSchema>;

/** price: `{ip, mp, fr (last settled rate, percent), ft, nft}` (ISO times). */
export const priceFrameSchema = z.object({
  ...envelope,
  symbol: z.string().min(1),
  data: z.object({ ip: wireOptionalDecimal, mp: wireOptionalDecimal, fr: wireOptionalDecimal, ft: wireIsoTime.optional(), nft: wireIsoTime.optional() }),
});
export type PriceFrame = z.output<typeof priceFrameSchema>;

/** market_kline_<iv> / mark_kline_<iv>: `{o, h, l, c, b (base vol), q (quote vol)}` — no start time, no closed flag. */
export const klineFrameSchema = z.object({
  ...envelope,
  symbol: z.string().min(1),
  data: z.object({ o: wireDecimal, h: wireDecimal, l: wireDecimal, c: wireDecimal, b: wireOptionalDecimal, q: wireOptionalDecimal }),
});
export type KlineFrame = z.output<typeof klineFrameSchema>;
