/** The exactness check of the Bitunix frame suite: what exkit delivers equals what the frame says. */
import type { OrderBook, Ticker } from '@exkit/core';

interface DepthWire {
  data: { b: Array<[string, string]>; a: Array<[string, string]> };
}
interface TickersWire {
  ts: number;
  data: Array<Record<string, string>>;
}

/** A difference between the book and the frame's levels (as decimal text), or undefined. */
export function depthDiff(book: OrderBook | undefined, frame: Buffer): string | undefined {
  if (book === undefined) return 'no book delivered';
  const wire = JSON.parse(frame.toString('utf8')) as DepthWire;
  for (const [side, ours, theirs] of [['bids', book.bids, wire.data.b], ['asks', book.asks, wire.data.a]] as const) {
    if (ours.length !== theirs.length) return `${side}: ${ours.length} levels, frame ${theirs.length}`;
    for (let i = 0; i < ours.length; i++) {
      const [p, s] = theirs[i]!;
      if (!ours[i]!.price.eq(p) || !ours[i]!.size.eq(s)) return `${side}[${i}]: ${ours[i]!.price} ${ours[i]!.size}, frame ${p} ${s}`;
    }
  }
  return undefined;
}

/** A difference between the ticker and the frame's item for `nativeId`, or undefined. */
export function tickerDiff(ticker: Ticker | undefined, frame: Buffer, nativeId: string): string | undefined {
  if (ticker === undefined) return 'no ticker delivered';
  const wire = JSON.parse(frame.toString('utf8')) as TickersWire;
  const item = wire.data.find((d) => d['s'] === nativeId);
  if (item === undefined) return `frame has no ${nativeId}`;
  if (ticker.timestamp !== wire.ts) return `timestamp ${ticker.timestamp}, frame ${wire.ts}`;
  const pairs = [['bid', 'bd'], ['ask', 'ak'], ['bidSize', 'bv'], ['askSize', 'av'], ['last', 'la'], ['open24h', 'o'], ['high24h', 'h'], ['low24h', 'l'], ['baseVolume24h', 'b'], ['quoteVolume24h', 'q']] as const;
  for (const [ours, theirs] of pairs) {
    const v = ticker[ours];
    if (v === undefined || !v.eq(item[theirs]!)) return `${ours} ${String(v)}, frame ${theirs} ${item[theirs]}`;
  }
  return undefined;
}
