import { describe, expect, it } from 'vitest';
import { fromRestDepth } from '../../src/map/book.js';
import { fromRestTicker, fromWsTicker, fromWsTickersItem } from '../../src/map/ticker.js';
import { orderVolumes } from '../../src/map/volumes.js';
import { depthSchema, tickersSchema } from '../../src/rest/schemas/market.js';
import { tickerFrameSchema, tickersFrameSchema } from '../../src/ws/schemas/public.js';
import { fixture, fixtureData } from '../helpers/fixtures.js';
import { BTC, d, ETH, t } from '../helpers/markets.js';

describe('tickers', () => {
  it('REST row + top of book → Ticker', () => {
    const [row] = tickersSchema.parse(fixtureData('rest-tickers.json'));
    const book = fromRestDepth(depthSchema.parse({ bids: [['57891.1', '2']], asks: [['57891.3', '1.5']] }), BTC, 1_760_000_000_000);
    const tk = fromRestTicker(row!, BTC, 1_760_000_000_000, book);
    expect(tk.symbol).toBe('BTC/USDT:USDT');
    expect([t(tk.last), t(tk.markPrice), t(tk.bid), t(tk.bidSize), t(tk.ask), t(tk.askSize)]).toEqual(['57891.2', '57892.1', '57891.1', '2', '57891.3', '1.5']);
    expect(tk.timestamp).toBe(1_760_000_000_000);
  });

  it('WS tickers item (bid/ask) and WS ticker (none)', () => {
    const frame = tickersFrameSchema.parse(fixture('ws-tickers-doc.json'));
    const eth = fromWsTickersItem(frame.data[1]!, ETH, frame.ts);
    expect([t(eth.bid), t(eth.ask), t(eth.bidSize), t(eth.askSize), t(eth.last), t(eth.baseVolume24h)]).toEqual(['2104.6', '2104.61', '27.789', '7.905', '2104.61', '945498.652']);
    expect(eth.timestamp).toBe(1732178884994);
    const live = fromWsTicker(tickerFrameSchema.parse(fixture('ws-ticker.json')), BTC);
    expect(live.bid).toBeUndefined();
    expect([t(live.open24h), t(live.high24h), t(live.low24h), t(live.last), t(live.quoteVolume24h)]).toEqual(['85567', '86815.6', '85080', '86688.2', '2362759522.50052']);
  });
});

describe('volume order (base vs quote)', () => {
  const cases: Array<[string, [string, string], [string, string], [string, string]]> = [
    ['named right (WS)', ['5.2395', '359348.14078'], ['68579.5', '68590'], ['5.2395', '359348.14078']],
    ['swapped (REST kline doc example)', ['60000', '1'], ['59989.2', '60001'], ['1', '60000']],
    ['ambiguous near 1 keeps the names', ['100', '100.5'], ['0.99', '1.01'], ['100', '100.5']],
    ['zero volumes keep the names', ['0', '0'], ['6.31', '6.31'], ['0', '0']],
  ];
  it.each(cases)('%s', (_name, [base, quote], [low, high], [eb, eq]) => {
    const r = orderVolumes({ base: d(base), quote: d(quote) }, d(low), d(high));
    expect([t(r.base), t(r.quote)]).toEqual([eb, eq]);
  });
});

describe('REST depth → OrderBook', () => {
  it('numbers (doc) and strings (live) map to the same exact book, best first, capped', () => {
    const doc = fromRestDepth(depthSchema.parse(fixtureData('rest-depth-doc.json')), BTC, 1_760_000_000_000);
    expect(doc.bids.map((l) => [t(l.price), t(l.size)])).toEqual([['0.1', '1'], ['0.0999', '10.23']]);
    expect(doc.asks.map((l) => [t(l.price), t(l.size)])).toEqual([['0.1001', '0.1'], ['0.1002', '10']]);
    const live = fromRestDepth(depthSchema.parse({ asks: [['86699.8', '2.1992'], ['86699.7', '0.7095']], bids: [['86699.5', '0'], ['86699.6', '2.274']] }), BTC, 5, 1);
    expect(live.asks.map((l) => t(l.price))).toEqual(['86699.7']);
    expect(live.bids.map((l) => t(l.price))).toEqual(['86699.6']);
    expect(live.timestamp).toBe(5);
  });
});
