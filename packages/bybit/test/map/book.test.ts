import { orderBookSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { mapOrderBook } from '../../src/map/book.js';
import { orderBookResponseSchema } from '../../src/rest/schemas/market.js';
import { fixture } from '../helpers/fixtures.js';
import { plain, spotMarket } from '../helpers/markets.js';

const book = (b: string[][], a: string[][]) =>
  orderBookResponseSchema.parse({ retCode: 0, retMsg: 'OK', result: { s: 'BTCUSDT', b, a, ts: 1716863719031, u: 7, seq: 9 }, time: 1 }).result;

describe('mapOrderBook', () => {
  it('the spot fixture: best first, `ts` time, `u` as sequence', () => {
    const res = orderBookResponseSchema.parse(fixture('orderbook-spot.json'));
    const b = mapOrderBook(res.result, spotMarket('BTCUSDT', 'BTC'));
    expect(orderBookSchema.safeParse(b).success).toBe(true);
    expect(plain(b)).toEqual({
      symbol: 'BTC/USDT',
      timestamp: 1716863719031,
      sequence: 230704,
      bids: [{ price: '65485.47', size: '47.081829' }],
      asks: [{ price: '65557.7', size: '16.606555' }],
    });
  });

  it.each([
    [undefined, 3],
    [2, 2],
    [5, 3],
  ])('depth %s keeps %i levels per side', (depth, n) => {
    const b = mapOrderBook(book([['3', '1'], ['2', '1'], ['1', '1']], [['4', '1'], ['5', '1'], ['6', '1']]), spotMarket('BTCUSDT', 'BTC'), depth);
    expect([b.bids.length, b.asks.length]).toEqual([n, n]);
  });

  it('exact decimals, and never a zero-size level', () => {
    const b = mapOrderBook(book([['100.10', '0'], ['100.00', '0.00000001']], [['123456789.12345678', '1']]), spotMarket('BTCUSDT', 'BTC'));
    expect(plain(b.bids)).toEqual([{ price: '100', size: '0.00000001' }]);
    expect(b.asks[0]!.price.toFixed()).toBe('123456789.12345678');
  });
});
