import { Decimal, tradeSchema, type Trade } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { compareTrades, mapRecentTrade, mapSide, mapWsTrade } from '../../src/map/trade.js';
import { recentTradesResponseSchema } from '../../src/rest/schemas/market.js';
import { wsTradeFrameSchema } from '../../src/ws/schemas/public.js';
import { fixture } from '../helpers/fixtures.js';
import { linearMarket, plain, spotMarket } from '../helpers/markets.js';

describe('trades', () => {
  it.each([
    ['Buy', 'buy'],
    ['Sell', 'sell'],
  ] as const)('side %s → %s (the taker)', (wire, side) => {
    expect(mapSide(wire)).toBe(side);
  });

  it('REST recent trade', () => {
    const res = recentTradesResponseSchema.parse(fixture('recent-trade-spot.json'));
    const t = mapRecentTrade(res.result.list[0]!, spotMarket('BTCUSDT', 'BTC'));
    expect(tradeSchema.safeParse(t).success).toBe(true);
    expect(plain(t)).toEqual({ id: '2100000000007764263', symbol: 'BTC/USDT', timestamp: 1672052955758, price: '16618.49', size: '0.00012', side: 'buy' });
  });

  it('WS public trade: T, S, v, p, i', () => {
    const frame = wsTradeFrameSchema.parse(fixture('ws-public-trade.json'));
    expect(plain(mapWsTrade(frame.data[0]!, linearMarket('BTCUSDT', 'BTC')))).toEqual({
      id: '20f43950-d8dd-5b31-9112-a178eb6023af',
      symbol: 'BTC/USDT:USDT',
      timestamp: 1672304486865,
      price: '16578.5',
      size: '0.001',
      side: 'buy',
    });
  });

  it('orders ascending by time, ties by id', () => {
    const t = (id: string, timestamp: number): Trade => ({ id, symbol: 'X/Y', timestamp, price: new Decimal(1), size: new Decimal(1), side: 'buy' });
    expect([t('b', 2), t('c', 1), t('a', 2)].sort(compareTrades).map((x) => x.id)).toEqual(['c', 'a', 'b']);
    // numeric ids tie-break by value, not as text
    expect([t('19', 5), t('2', 5), t('100', 5)].sort(compareTrades).map((x) => x.id)).toEqual(['2', '19', '100']);
  });
});
