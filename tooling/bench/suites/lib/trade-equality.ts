/** The fairness check of the trade-parse suite: every contender must read the same trades. */
import type { Trade } from '@exkit/core';
import type { BybitApiTrade, CcxtTrade, FrameSink } from './bybit-trade-contenders.js';

interface Flat {
  readonly id: string;
  readonly timestamp: number;
  readonly side: string;
  readonly price: number;
  readonly size: number;
}

const collect = <T>(frames: readonly Buffer[], sink: FrameSink<T>, flat: (t: T) => Flat): Flat[] => {
  const out: Flat[] = [];
  for (const f of frames) sink(f, (t) => out.push(flat(t)));
  return out;
};

/** The first difference between the three streams of trades, or undefined when they agree. */
export function compareTradeStreams(frames: readonly Buffer[], exkit: FrameSink<Trade>, ccxt: FrameSink<CcxtTrade>, bybitApi: FrameSink<BybitApiTrade>): string | undefined {
  const ours = collect(frames, exkit, (t) => ({ id: t.id, timestamp: t.timestamp, side: t.side, price: t.price.toNumber(), size: t.size.toNumber() }));
  const theirs: Array<[string, Flat[]]> = [
    ['ccxt', collect(frames, ccxt, (t) => ({ id: t.id, timestamp: t.timestamp, side: t.side, price: t.price, size: t.amount }))],
    ['bybit-api', collect(frames, bybitApi, (t) => ({ id: t.i, timestamp: t.T, side: t.S.toLowerCase(), price: Number(t.p), size: Number(t.v) }))],
  ];
  for (const [name, list] of theirs) {
    if (list.length !== ours.length) return `${name} read ${list.length} trades, exkit ${ours.length}`;
    for (let i = 0; i < ours.length; i++) {
      const a = ours[i]!;
      const b = list[i]!;
      if (a.id !== b.id || a.timestamp !== b.timestamp || a.side !== b.side || a.price !== b.price || a.size !== b.size) {
        return `trade ${i}: exkit ${JSON.stringify(a)}, ${name} ${JSON.stringify(b)}`;
      }
    }
  }
  return undefined;
}
