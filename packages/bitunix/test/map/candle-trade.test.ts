import { UnexpectedResponseError } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { fromRestKline, fromWsKline, REST_INTERVAL, TIMEFRAMES, WS_INTERVAL } from '../../src/map/candle.js';
import { fromWsTrades } from '../../src/map/trade.js';
import { klinesSchema } from '../../src/rest/schemas/market.js';
import { klineFrameSchema, tradeFrameSchema } from '../../src/ws/schemas/public.js';
import { fixture } from '../helpers/fixtures.js';
import { BTC, t } from '../helpers/markets.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 3, 7, 5, 47);

describe('candles', () => {
  it('every served timeframe has a REST interval and a WS channel; 3m (no REST), 1w/1M (anchor unknown) are not served', () => {
    expect(TIMEFRAMES).toEqual(['1m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d']);
    for (const tf of TIMEFRAMES) {
      expect(REST_INTERVAL[tf]).toBeDefined();
      expect(WS_INTERVAL[tf]).toBeDefined();
    }
    expect(WS_INTERVAL['1h']).toBe('60min');
    expect(WS_INTERVAL['1d']).toBe('1day');
  });

  it('REST kline → Candle, closed once its interval ended; swapped volumes are put right', () => {
    const [k] = klinesSchema.parse([{ open: '60000', high: '60001', low: '59989.2', close: '60000', time: T0, quoteVol: '1', baseVol: '60000', type: 'LAST_PRICE' }]);
    const c = fromRestKline(k!, BTC, '1m', T0 + MIN);
    expect(c).toMatchObject({ symbol: 'BTC/USDT:USDT', timeframe: '1m', openTime: T0, closed: true });
    expect([t(c.open), t(c.high), t(c.low), t(c.close), t(c.volume), t(c.quoteVolume)]).toEqual(['60000', '60001', '59989.2', '60000', '1', '60000']);
    expect(fromRestKline(k!, BTC, '1m', T0 + MIN - 1).closed).toBe(false);
  });

  it('a kline time that is not an interval open is refused', () => {
    const [k] = klinesSchema.parse([{ open: '1', high: '1', low: '1', close: '1', time: T0 + 1_000 }]);
    expect(() => fromRestKline(k!, BTC, '1m', T0)).toThrow(UnexpectedResponseError);
  });

  it('WS kline: the open time is the interval holding the frame ts; never closed', () => {
    const frame = klineFrameSchema.parse(fixture('ws-kline-doc.json'));
    const c = fromWsKline(frame, BTC, '1m');
    expect(c.openTime).toBe(Math.floor(1775541412718 / MIN) * MIN);
    expect(c.closed).toBe(false);
    expect([t(c.open), t(c.close), t(c.volume), t(c.quoteVolume)]).toEqual(['68581.4', '68583.4', '5.2395', '359348.14078']);
  });
});

describe('public trades', () => {
  it('an array frame → trades with synthetic ids, taker side, ISO time', () => {
    const trades = fromWsTrades(tradeFrameSchema.parse(fixture('ws-trade-doc.json')), BTC);
    expect(trades.map((x) => [x.id, x.side, t(x.price), t(x.size), x.timestamp])).toEqual([
      ['1775540872598-0', 'buy', '68621.4', '0.7142', Date.UTC(2026, 3, 7, 5, 47, 52)],
      ['1775540872598-1', 'sell', '68621.4', '0.0018', Date.UTC(2026, 3, 7, 5, 47, 52)],
    ]);
  });

  it('ids stay unique across frames that share a ts (the stream passes how many prints came before)', () => {
    const frame = tradeFrameSchema.parse(fixture('ws-trade-doc.json'));
    const first = fromWsTrades(frame, BTC, 0);
    const second = fromWsTrades(frame, BTC, first.length);
    const ids = [...first, ...second].map((x) => x.id);
    expect(ids).toEqual(['1775540872598-0', '1775540872598-1', '1775540872598-2', '1775540872598-3']);
  });

  it('an unknown side is refused', () => {
    expect(tradeFrameSchema.safeParse({ ch: 'trade', symbol: 'BTCUSDT', ts: 1, data: [{ t: '2026-04-07T05:47:52Z', p: '1', v: '1', s: 'both' }] }).success).toBe(false);
  });
});
