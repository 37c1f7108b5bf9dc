/** Fairness of the bybit-trades suite: the three contenders read the same trades from the same frames. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Market } from '@exkit/core';
import { startBybitRig } from '../suites/lib/bybit-sim.js';
import { bybitApiTrades, ccxtTrades, exkitTrades, type FrameSink } from '../suites/lib/bybit-trade-contenders.js';
import { bybitTradeFrames, fixtureFrame } from '../suites/lib/bybit-trade-frames.js';
import { compareTradeStreams } from '../suites/lib/trade-equality.js';

let market: Market;
beforeAll(async () => {
  const rig = await startBybitRig('bench-test');
  market = rig.market;
  await rig.close();
});

describe('bybit trade frames', () => {
  it('start with the captured fixture frame and are deterministic', () => {
    const a = bybitTradeFrames(50);
    expect(JSON.parse(a[0]!.toString())).toEqual(fixtureFrame());
    expect(a.map(String)).toEqual(bybitTradeFrames(50).map(String));
    expect(new Set(a.map(String)).size).toBe(50);
  });
});

describe('contenders', () => {
  it('all read the same trades (id, time, side, price, size)', () => {
    const frames = bybitTradeFrames(300);
    const trades: unknown[] = [];
    for (const f of frames) exkitTrades(market)(f, (t) => trades.push(t));
    expect(trades.length).toBeGreaterThan(300);
    expect(compareTradeStreams(frames, exkitTrades(market), ccxtTrades(market), bybitApiTrades())).toBeUndefined();
  });

  it('a contender that misses a frame is caught', () => {
    const frames = bybitTradeFrames(20);
    const ccxt = ccxtTrades(market);
    let n = 0;
    const skipsOne: typeof ccxt = (frame, out) => {
      if (n++ !== 7) ccxt(frame, out);
    };
    expect(compareTradeStreams(frames, exkitTrades(market), skipsOne, bybitApiTrades())).toMatch(/ccxt/);
  });

  it('a contender that reads a price differently is caught', () => {
    const frames = bybitTradeFrames(5);
    const api = bybitApiTrades();
    const shifted: FrameSink<{ i: string; T: number; p: string; v: string; S: string }> = (frame, out) => api(frame, (t) => out({ ...t, p: String(Number(t.p) + 0.1) }));
    expect(compareTradeStreams(frames, exkitTrades(market), ccxtTrades(market), shifted)).toMatch(/bybit-api/);
  });
});
