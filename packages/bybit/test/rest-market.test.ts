import { BadSymbolError, ExchangeUnavailableError, InvalidArgumentError, NotSupportedError, UnexpectedResponseError, timeframeOpen } from '@exkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BybitExchange } from '../src/exchange.js';
import { FakeBybitRest, ok, type Recorded } from './helpers/fake-bybit.js';
import { linearRow, makeExchange, serveInstruments, spotRow } from './helpers/exchange.js';

let rest: FakeBybitRest;
let ex: BybitExchange;

beforeEach(async () => {
  rest = await new FakeBybitRest().start();
  serveInstruments(
    rest,
    [
      linearRow('BTCUSDT', 'BTC'),
      linearRow('ETHUSDT', 'ETH'),
      linearRow('ETHPERP', 'ETH', 'USDC'),
      linearRow('BTC-26DEC25', 'BTC', 'USDC', { contractType: 'LinearFutures' }),
    ],
    [spotRow('BTCUSDT', 'BTC')],
  );
  ex = makeExchange(rest, undefined, { category: ['linear', 'spot'] });
});

afterEach(async () => {
  await ex.close();
  await rest.close();
});

describe('markets', () => {
  it('pages linear instruments by cursor, adds spot, leaves dated futures out', async () => {
    const markets = await ex.loadMarkets();
    expect(markets.map((m) => m.symbol).sort()).toEqual(['BTC/USDT', 'BTC/USDT:USDT', 'ETH/USDC:USDC', 'ETH/USDT:USDT']);
    const linear = rest.requests.filter((r) => r.params.get('category') === 'linear');
    expect(linear).toHaveLength(2);
    expect(linear[0]!.params.get('limit')).toBe('1000');
    // The cursor goes back exactly as received: percent-encoded once more on the wire (as SIEBLY does).
    expect(linear[1]!.params.get('cursor')).toBe('first%3DBIOUSDT%26last%3DBIOUSDT');
    expect(linear[1]!.query).toContain('cursor=first%253DBIOUSDT%2526last%253DBIOUSDT');
  });

  it('loads once; concurrent calls share one request', async () => {
    await Promise.all([ex.loadMarkets(), ex.loadMarkets(), ex.loadMarkets()]);
    await ex.loadMarkets();
    expect(rest.count('GET /v5/market/instruments-info')).toBe(3); // 2 linear pages + spot, once
    await ex.loadMarkets({ reload: true });
    expect(rest.count('GET /v5/market/instruments-info')).toBe(6);
  });

  it('a native id shared by spot and linear is ambiguous; a unique one resolves', async () => {
    await ex.loadMarkets();
    await expect(ex.fetchTicker('BTCUSDT')).rejects.toBeInstanceOf(BadSymbolError);
    await expect(ex.fetchTicker('NOPE/USDT')).rejects.toBeInstanceOf(BadSymbolError);
    expect(ex.markets.resolve('ETHUSDT').symbol).toBe('ETH/USDT:USDT');
    expect(rest.count('GET /v5/market/tickers')).toBe(0);
  });
});

describe('market data', () => {
  const linearTicker = {
    symbol: 'BTCUSDT',
    lastPrice: '30000.10',
    markPrice: '30001.00',
    indexPrice: '29999.50',
    prevPrice24h: '29000',
    highPrice24h: '31000',
    lowPrice24h: '28900',
    volume24h: '1234.567',
    turnover24h: '37000000.5',
    openInterest: '9876.5',
    fundingRate: '0.0001',
    nextFundingTime: '1760371200000',
    bid1Price: '30000.00',
    bid1Size: '1.5',
    ask1Price: '30000.20',
    ask1Size: '2',
  };

  it('fetchTicker asks one symbol of its category and maps it', async () => {
    rest.on('GET /v5/market/tickers', (r) => ok({ category: r.params.get('category'), list: [linearTicker] }, 1760000000000));
    const t = await ex.fetchTicker('BTC/USDT:USDT');
    expect(rest.last('GET /v5/market/tickers')!.query).toBe('category=linear&symbol=BTCUSDT');
    expect([t.symbol, t.timestamp, t.bid?.toFixed(), t.ask?.toFixed(), t.markPrice?.toFixed(), t.nextFundingTime]).toEqual([
      'BTC/USDT:USDT',
      1760000000000,
      '30000',
      '30000.2',
      '30001',
      1760371200000,
    ]);
  });

  it('fetchTickers reads each category once and keys by unified symbol', async () => {
    rest.on('GET /v5/market/tickers', (r) =>
      r.params.get('category') === 'spot'
        ? { category: 'spot', list: [{ symbol: 'BTCUSDT', lastPrice: '30000', bid1Price: '29999', ask1Price: '30001' }] }
        : { category: 'linear', list: [linearTicker, { ...linearTicker, symbol: 'SOLUSDT' }] },
    );
    const all = await ex.fetchTickers();
    expect(Object.keys(all).sort()).toEqual(['BTC/USDT', 'BTC/USDT:USDT']);
    const some = await ex.fetchTickers(['BTC/USDT:USDT']);
    expect(Object.keys(some)).toEqual(['BTC/USDT:USDT']);
    expect(rest.requests.filter((r) => r.path === '/v5/market/tickers').map((r) => r.query)).toEqual(['category=linear', 'category=spot', 'category=linear']);
  });

  it('fetchOrderBook asks the depth (capped at 1000) and truncates', async () => {
    rest.on('GET /v5/market/orderbook', () => ({
      s: 'ETHUSDT',
      b: [['2000.10', '1'], ['2000.00', '2'], ['1999.90', '3']],
      a: [['2000.20', '1'], ['2000.30', '2']],
      ts: 1716863719031,
      u: 230704,
      seq: 1,
      cts: 1,
    }));
    const b = await ex.fetchOrderBook('ETH/USDT:USDT', 2);
    expect(rest.last('GET /v5/market/orderbook')!.query).toBe('category=linear&symbol=ETHUSDT&limit=2');
    expect([b.bids.length, b.asks.length, b.sequence, b.bids[0]!.price.toFixed()]).toEqual([2, 2, 230704, '2000.1']);
    await ex.fetchOrderBook('ETH/USDT:USDT', 5000);
    expect(rest.last('GET /v5/market/orderbook')!.params.get('limit')).toBe('1000');
    await ex.fetchOrderBook('BTC/USDT');
    expect(rest.last('GET /v5/market/orderbook')!.query).toBe('category=spot&symbol=BTCUSDT&limit=25');
    await expect(ex.fetchOrderBook('BTC/USDT', 0)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('fetchTrades: newest from the venue, returned ascending, filtered and limited', async () => {
    const row = (i: number) => ({ execId: `t${i}`, symbol: 'BTCUSDT', price: '100', size: '0.1', side: i % 2 ? 'Buy' : 'Sell', time: String(1700000000000 + i * 1000), isBlockTrade: false });
    rest.on('GET /v5/market/recent-trade', () => ({ category: 'spot', list: [5, 4, 3, 2, 1].map(row) }));
    const all = await ex.fetchTrades('BTC/USDT');
    expect(all.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(rest.last('GET /v5/market/recent-trade')!.query).toBe('category=spot&symbol=BTCUSDT&limit=60');
    expect((await ex.fetchTrades('BTC/USDT', { limit: 2 })).map((t) => t.id)).toEqual(['t4', 't5']);
    expect((await ex.fetchTrades('BTC/USDT', { since: 1700000002000, limit: 2 })).map((t) => t.id)).toEqual(['t2', 't3']);
    expect((await ex.fetchTrades('BTC/USDT', { until: 1700000003000 })).map((t) => t.id)).toEqual(['t1', 't2']);
    await ex.fetchTrades('ETH/USDT:USDT');
    expect(rest.last('GET /v5/market/recent-trade')!.params.get('limit')).toBe('1000');
  });

  it('fetchCandles pages newest-first klines (≤ 200 a page, inclusive end) into an ascending, gap-free series', async () => {
    const minute = 60_000;
    const end = timeframeOpen(Date.now(), '1m');
    const first = end - 600 * minute;
    const seen: Recorded[] = [];
    rest.on('GET /v5/market/kline', (r) => {
      seen.push(r);
      const start = Number(r.params.get('start'));
      const stop = Number(r.params.get('end'));
      const limit = Math.min(200, Number(r.params.get('limit')));
      const rows: string[][] = [];
      for (let t = timeframeOpen(stop, '1m'); t >= Math.max(start, first) && rows.length < limit; t -= minute) {
        rows.push([String(t), '10', '12', '9', '11', '1.5', '16.5']);
      }
      return { category: 'linear', symbol: 'BTCUSDT', list: rows };
    });
    const candles = await ex.fetchCandles('BTC/USDT:USDT', '1m', { since: first, limit: 450 });
    expect(candles).toHaveLength(450);
    expect(candles[0]!.openTime).toBe(first);
    expect(candles.every((c, i) => i === 0 || c.openTime - candles[i - 1]!.openTime === minute)).toBe(true);
    expect(candles.every((c) => c.closed)).toBe(true);
    for (const r of seen) {
      expect(r.params.get('interval')).toBe('1');
      expect(Number(r.params.get('limit'))).toBeLessThanOrEqual(200);
      expect((Number(r.params.get('end')) + 1) % minute).toBe(0); // until − 1
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    await expect(ex.fetchCandles('BTC/USDT:USDT', '8h' as never)).rejects.toBeInstanceOf(NotSupportedError);
  });

  it('fetchServerTime reads timeNano', async () => {
    rest.skewMs = 2_500;
    const t = await ex.fetchServerTime();
    expect(Math.abs(t - (Date.now() + 2_500))).toBeLessThan(500);
  });

  it('fetchFundingRate comes from the linear ticker; spot has none', async () => {
    rest.on('GET /v5/market/tickers', () => ({ category: 'linear', list: [linearTicker] }));
    const f = await ex.fetchFundingRate('BTC/USDT:USDT');
    expect([f.rate.toFixed(), f.timestamp, f.markPrice?.toFixed()]).toEqual(['0.0001', 1760371200000, '30001']);
    await expect(ex.fetchFundingRate('BTC/USDT')).rejects.toBeInstanceOf(NotSupportedError);
  });

  it('fetchFundingRateHistory pages back by endTime (200 a page) and answers ascending', async () => {
    const eight = 8 * 3_600_000;
    const newest = 1760000000000 - (1760000000000 % eight);
    rest.on('GET /v5/market/funding/history', (r) => {
      const endTime = r.params.has('endTime') ? Number(r.params.get('endTime')) : newest;
      const list = [];
      for (let t = newest - ((newest - endTime + eight - 1) / eight | 0) * eight; list.length < 200 && t > newest - 500 * eight; t -= eight) {
        if (t <= endTime) list.push({ symbol: 'BTCUSDT', fundingRate: '0.0001', fundingRateTimestamp: String(t) });
      }
      return { category: 'linear', list };
    });
    const since = newest - 300 * eight;
    const rates = await ex.fetchFundingRateHistory('BTC/USDT:USDT', { since });
    expect(rates).toHaveLength(301);
    expect(rates[0]!.timestamp).toBe(since);
    expect(rates.at(-1)!.timestamp).toBe(newest);
    expect(rest.count('GET /v5/market/funding/history')).toBe(2);
    const latest = await ex.fetchFundingRateHistory('BTC/USDT:USDT', { limit: 3 });
    expect(latest.map((r) => r.timestamp)).toEqual([newest - 2 * eight, newest - eight, newest]);
    await expect(ex.fetchFundingRateHistory('BTC/USDT')).rejects.toBeInstanceOf(NotSupportedError);
  });
});

describe('malformed answers', () => {
  it('a field that is not a decimal is UnexpectedResponse with its path', async () => {
    rest.on('GET /v5/market/tickers', () => ({ category: 'linear', list: [{ symbol: 'BTCUSDT', bid1Price: 'abc' }] }));
    const err = await ex.fetchTicker('BTC/USDT:USDT').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect((err as UnexpectedResponseError).path).toBe('result.list.0.bid1Price');
    expect((err as UnexpectedResponseError).method).toBe('fetchTicker');
  });

  it('an HTML 502 page is ExchangeUnavailable (retried, then reported)', async () => {
    rest.on('GET /v5/market/time', () => ({ status: 502, body: '<html><title>502 Bad Gateway</title></html>', headers: { 'content-type': 'text/html' } }));
    await expect(ex.fetchServerTime()).rejects.toBeInstanceOf(ExchangeUnavailableError);
    expect(rest.count('GET /v5/market/time')).toBeGreaterThan(1);
  });
});

describe('fetchFundingRateHistory arguments', () => {
  it('a bad query is refused before any request', async () => {
    await expect(ex.fetchFundingRateHistory('BTC/USDT:USDT', { limit: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(rest.count('GET /v5/market/funding/history')).toBe(0);
  });
});
