import { TIMEFRAME_MS, timeframeNextOpen, timeframeOpen, type Timeframe } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { parseReplayCandles, SimVenue, TIMEFRAMES, type InstrumentDefinition, type PublicEvent, type SimCandle } from '../src/index.js';
import { PERP, PERP_DEF, record, testVenue } from './helpers.js';

type BookEvent = Extract<PublicEvent, { type: 'book' }>;

describe('market data', () => {
  it('closes candles at every venue interval, 1m … 1M, aligned and contiguous; live higher timeframes sum the minutes', () => {
    const v = new SimVenue({ virtual: { start: Date.UTC(2026, 0, 1) }, seed: 'candles', rate: 0.01, instruments: [PERP_DEF] });
    const closed = new Map<Timeframe, SimCandle[]>();
    v.subscribe((e) => {
      if (e.channel !== 'public' || e.type !== 'candle' || !e.candle.closed) return;
      const list = closed.get(e.candle.timeframe) ?? [];
      list.push(e.candle);
      closed.set(e.candle.timeframe, list);
    });
    v.advanceClock(33 * 86_400_000);
    for (const tf of TIMEFRAMES) {
      const cs = closed.get(tf) ?? [];
      expect(cs.length, tf).toBeGreaterThan(0);
      for (const [i, c] of cs.entries()) {
        expect(timeframeOpen(c.openTime, tf)).toBe(c.openTime);
        expect(c.closeTime).toBe(timeframeNextOpen(c.openTime, tf) - 1);
        expect(c.low.lte(c.open) && c.low.lte(c.close) && c.high.gte(c.open) && c.high.gte(c.close)).toBe(true);
        if (i > 0) expect(c.openTime).toBe(timeframeNextOpen(cs[i - 1]!.openTime, tf));
      }
    }
    expect(closed.get('1M')![0]!.openTime).toBe(Date.UTC(2026, 0, 1));
    expect(closed.get('1w')!.every((c) => new Date(c.openTime).getUTCDay() === 1)).toBe(true);
    expect(closed.get('1d')!.length).toBe(33);
    // The first live hour is exactly its sixty minutes.
    const hour = closed.get('1h')![0]!;
    const minutes = closed.get('1m')!.filter((c) => c.openTime >= hour.openTime && c.openTime < hour.openTime + 3_600_000);
    expect(minutes.length).toBe(60);
    expect(hour.volume.toFixed()).toBe(minutes.reduce((s, c) => s.plus(c.volume), hour.volume.times(0)).toFixed());
    expect(hour.high.toFixed()).toBe(minutes.reduce((h, c) => (c.high.gt(h) ? c.high : h), minutes[0]!.high).toFixed());
    // The venue serves what it streamed.
    const served = v.candles(PERP, '1h', { since: hour.openTime, until: hour.openTime + 1 });
    expect(served[0]).toEqual(hour);
  }, 60_000);

  it('serves 50 candles for every timeframe on a fresh venue (history before the start), ascending, none in the future', () => {
    const v = testVenue();
    for (const tf of TIMEFRAMES) {
      const cs = v.candles(PERP, tf, { limit: 50 });
      expect(cs.length, tf).toBe(50);
      cs.forEach((c, i) => {
        expect(c.openTime).toBeLessThanOrEqual(v.now());
        if (i > 0) expect(c.openTime).toBe(timeframeNextOpen(cs[i - 1]!.openTime, tf));
        expect(c.turnover.gte(c.volume.times(c.low)) && c.turnover.lte(c.volume.times(c.high))).toBe(true);
      });
      expect(cs.at(-1)!.closed).toBe(false);
    }
  });

  it('the book stream rebuilds the venue book exactly: snapshot, then consecutive deltas', () => {
    const v = testVenue({ frozen: false });
    const events = record(v);
    const a = v.defaultAccountId;
    const local = { bids: new Map<string, string>(), asks: new Map<string, string>() };
    let seq = -1;
    const apply = (e: BookEvent): void => {
      if (e.snapshot) {
        local.bids.clear();
        local.asks.clear();
      } else if (seq >= 0) expect(e.seq).toBe(seq + 1);
      seq = e.seq;
      for (const [side, levels] of [['bids', e.bids], ['asks', e.asks]] as const) {
        for (const [p, s] of levels) {
          const key = Number(p).toString();
          if (Number(s) === 0) local[side].delete(key);
          else local[side].set(key, s);
        }
      }
    };
    v.seedBook(PERP, { bids: [['99.5', '3']], asks: [['100.5', '3']] });
    let consumed = 0;
    for (let i = 0; i < 240; i++) {
      if (i % 20 === 0) {
        try {
          v.placeOrder(a, { symbol: PERP, side: i % 40 === 0 ? 'buy' : 'sell', type: 'limit', size: '1', price: v.ticker(PERP).last.toFixed(1) });
        } catch {
          // crossing orders and refusals are fine here
        }
      }
      v.advanceClock(250);
      for (; consumed < events.length; consumed++) {
        const e = events[consumed]!;
        if (e.channel === 'public' && e.type === 'book' && e.symbol === PERP) apply(e);
      }
      const book = v.book(PERP);
      expect(book.seq).toBe(seq);
      const norm = (levels: readonly (readonly [string, string])[]) => levels.map(([p, s]) => [Number(p).toString(), s]);
      const sorted = (m: Map<string, string>, desc: boolean) => [...m.entries()].sort((x, y) => (desc ? Number(y[0]) - Number(x[0]) : Number(x[0]) - Number(y[0])));
      expect(sorted(local.bids, true)).toEqual(norm(book.bids));
      expect(sorted(local.asks, false)).toEqual(norm(book.asks));
      const t = v.ticker(PERP);
      expect(t.bid?.toFixed()).toBe(Number(book.bids[0]![0]).toString());
      expect(t.ask?.toFixed()).toBe(Number(book.asks[0]![0]).toString());
      expect(t.bid!.lt(t.ask!)).toBe(true);
    }
    expect(seq).toBeGreaterThan(200);
  });

  it('tickers: 24 h figures bracket the last price; turnover within volume × [low, high]; perps carry mark, index, funding, OI', () => {
    const v = new SimVenue({ virtual: true, seed: 'ticker' });
    v.advanceClock(120_000);
    for (const t of v.tickers()) {
      expect(t.low24h.lte(t.last) && t.last.lte(t.high24h)).toBe(true);
      expect(t.turnover24h.gte(t.volume24h.times(t.low24h)) && t.turnover24h.lte(t.volume24h.times(t.high24h))).toBe(true);
      expect(t.bid!.lt(t.ask!)).toBe(true);
      const inst = v.instrument(t.symbol);
      if (inst.isSpot) expect(t.markPrice).toBeUndefined();
      else {
        expect(t.markPrice!.gt(0) && t.indexPrice!.gt(0) && t.openInterest!.gt(0)).toBe(true);
        expect(t.fundingRate!.abs().lte(inst.fundingRateCap)).toBe(true);
        expect(t.nextFundingTime).toBe(Date.UTC(2026, 0, 1, 8));
      }
    }
  });

  it('replays recorded candles: the venue prints them back exactly (shifted onto its clock)', () => {
    const csv = [
      'openTime,open,high,low,close,volume',
      '1700000040000,100.0,101.5,99.2,101.0,12.4',
      '1700000100000,101.0,101.0,98.0,98.5,8.0',
      '1700000160000,98.5,99.9,98.5,99.9,4.4',
    ].join('\n');
    const candles = parseReplayCandles(csv);
    const def: InstrumentDefinition = { ...PERP_DEF, marketData: { mode: 'replay', timeframe: '1m', candles } };
    const v = new SimVenue({ virtual: { start: Date.UTC(2026, 0, 1, 0, 0, 30) }, seed: 'replay', instruments: [def] });
    v.advanceClock(5 * 60_000);
    const start = Date.UTC(2026, 0, 1, 0, 1);
    const got = v.candles(PERP, '1m', { since: start, until: start + 3 * 60_000 });
    expect(got.map((c) => [c.openTime - start, c.open.toFixed(), c.high.toFixed(), c.low.toFixed(), c.close.toFixed(), c.volume.toFixed()])).toEqual([
      [0, '100', '101.5', '99.2', '101', '12.4'],
      [60_000, '101', '101', '98', '98.5', '8'],
      [120_000, '98.5', '99.9', '98.5', '99.9', '4.4'],
    ]);
    expect(parseReplayCandles(JSON.stringify([[1, '1', '2', '0.5', '1.5', '3']]))).toEqual([{ openTime: 1, open: '1', high: '2', low: '0.5', close: '1.5', volume: '3' }]);
  });

  it('funding settles every 8 h of venue time at the mark; disabled, it pays nothing but keeps the schedule', () => {
    const v = testVenue({ rate: 0.01 });
    const a = v.defaultAccountId;
    v.seedBook(PERP, { bids: [['99.0', '5']], asks: [['100.0', '5']] });
    v.placeOrder(a, { symbol: PERP, side: 'buy', type: 'market', size: '2' });
    v.setPrices(PERP, { mark: '100.0', fundingRate: '0.0001' });
    v.advanceClock(8 * 3_600_000);
    expect(v.fundingPayments(a).map((f) => [f.amount.toFixed(), f.timestamp])).toEqual([['-0.02', Date.UTC(2026, 0, 1, 8)]]);
    expect(v.funding(PERP).history.length).toBe(1);
    v.setFunding(false);
    v.advanceClock(8 * 3_600_000);
    expect(v.fundingPayments(a).length).toBe(1);
    expect(v.funding(PERP).nextFundingTime).toBe(Date.UTC(2026, 0, 2));
  });

  it('a market moves on its own only while not frozen', () => {
    const v = testVenue();
    const before = v.book(PERP, 5);
    v.advanceClock(60_000);
    expect(v.book(PERP, 5).bids).toEqual(before.bids);
    expect(v.trades(PERP)).toEqual([]);
    v.freeze(false);
    v.advanceClock(60_000);
    expect(v.trades(PERP).length).toBeGreaterThan(10);
    expect(TIMEFRAME_MS['1m']).toBe(60_000);
  });
});
