import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import { orderBookSchema } from '../../src/models/order-book.js';
import { unsequenced } from '../../src/book/sequence.js';
import { makeBook, sides } from './helpers.js';

const snapshot = {
  seq: 100,
  timestamp: 1_700_000_000_000,
  bids: [['100.10', '1.5'], ['100.00', '2'], ['99.5', '3']],
  asks: [['100.2', '0.5'], ['100.30', '1'], ['101', '4']],
} as const;

describe('local order book: snapshot then deltas', () => {
  it('applies a snapshot and reads it best first as a core OrderBook', () => {
    const { book } = makeBook();
    expect(book.applySnapshot(snapshot)).toBe('applied');
    const ob = book.toOrderBook()!;
    expect(orderBookSchema.parse(ob)).toBeTruthy();
    expect(ob.symbol).toBe('BTC/USDT:USDT');
    expect(ob.sequence).toBe(100);
    expect(ob.timestamp).toBe(1_700_000_000_000);
    expect(ob.bids[0]!.price).toBeInstanceOf(Decimal);
    expect(sides(ob)).toEqual({
      bids: [['100.1', '1.5'], ['100', '2'], ['99.5', '3']],
      asks: [['100.2', '0.5'], ['100.3', '1'], ['101', '4']],
    });
    expect(book.bestBid()!.price.toFixed()).toBe('100.1');
    expect(book.bestAsk()!.size.toFixed()).toBe('0.5');
    expect(book.sequence).toBe(100);
    expect(book.state).toBe('live');
  });

  it('a delta inserts unknown prices, replaces known ones and deletes size 0', () => {
    const { book } = makeBook();
    book.applySnapshot(snapshot);
    expect(book.applyDelta({ seq: 101, bids: [['100.05', '7'], ['99.5', '0']], asks: [['100.2', '0.25']] })).toBe('applied');
    expect(sides(book.toOrderBook())).toEqual({
      bids: [['100.1', '1.5'], ['100.05', '7'], ['100', '2']],
      asks: [['100.2', '0.25'], ['100.3', '1'], ['101', '4']],
    });
    expect(book.sequence).toBe(101);
  });

  it('deleting a level that is not there changes nothing', () => {
    const { book, resyncs } = makeBook();
    book.applySnapshot(snapshot);
    const before = sides(book.toOrderBook());
    expect(book.applyDelta({ seq: 101, bids: [['42', '0']], asks: [['100.25', '0'], ['9999', '0.000']] })).toBe('applied');
    expect(sides(book.toOrderBook())).toEqual(before);
    expect(resyncs).toEqual([]);
  });

  it('treats 100.10 and 100.1 (and 100.100) as one level', () => {
    const { book } = makeBook();
    book.applySnapshot(snapshot);
    book.applyDelta({ seq: 101, bids: [['100.1', '9']] });
    book.applyDelta({ seq: 102, bids: [['100.100', '8']] });
    expect(sides(book.toOrderBook())!.bids[0]).toEqual(['100.1', '8']);
    expect(book.bidCount).toBe(3);
    book.applyDelta({ seq: 103, bids: [['100.1000', '0']] });
    expect(book.bidCount).toBe(2);
    expect(book.bestBid()!.price.toFixed()).toBe('100');
  });

  it('reads the top N, never more than asked', () => {
    const { book } = makeBook();
    book.applySnapshot(snapshot);
    const top = book.toOrderBook(2)!;
    expect(top.bids).toHaveLength(2);
    expect(top.asks).toHaveLength(2);
    expect(book.toOrderBook(0)!.bids).toEqual([]);
  });

  it('keeps and emits at most `depth` levels: a better level pushes out the worst', () => {
    const { book } = makeBook({ depth: 2 });
    book.applySnapshot(snapshot);
    expect(sides(book.toOrderBook())).toEqual({ bids: [['100.1', '1.5'], ['100', '2']], asks: [['100.2', '0.5'], ['100.3', '1']] });
    book.applyDelta({ seq: 101, bids: [['100.15', '1']], asks: [['150', '1']] });
    expect(sides(book.toOrderBook(10))).toEqual({ bids: [['100.15', '1'], ['100.1', '1.5']], asks: [['100.2', '0.5'], ['100.3', '1']] });
    expect(book.bidCount).toBe(2);
  });

  it('uses the local clock for the timestamp when the venue sends none', () => {
    const { book, clock } = makeBook();
    book.applySnapshot({ ...snapshot, timestamp: undefined });
    expect(book.toOrderBook()!.timestamp).toBe(clock.now());
    book.applyDelta({ seq: 101, timestamp: 1_700_000_000_500, bids: [] });
    expect(book.timestamp).toBe(1_700_000_000_500);
  });

  it('an empty book before any snapshot emits nothing', () => {
    const { book } = makeBook();
    expect(book.state).toBe('empty');
    expect(book.toOrderBook()).toBeUndefined();
    expect(book.bestBid()).toBeUndefined();
    expect(book.applyDelta({ seq: 5, bids: [['1', '1']] })).toBe('awaiting-snapshot');
  });

  it('handles one-sided and empty books', () => {
    const { book } = makeBook();
    expect(book.applySnapshot({ seq: 7, bids: [['10', '1']], asks: [] })).toBe('applied');
    expect(book.bestAsk()).toBeUndefined();
    expect(book.applyDelta({ seq: 8, bids: [['10', '0']] })).toBe('applied');
    expect(sides(book.toOrderBook())).toEqual({ bids: [], asks: [] });
    expect(book.applyDelta({ seq: 9, asks: [['11', '2']], bids: [['9', '1']] })).toBe('applied');
    expect(sides(book.toOrderBook())).toEqual({ bids: [['9', '1']], asks: [['11', '2']] });
  });

  it('follows a price that drifts far from the snapshot (the ladder window moves with it)', () => {
    const { book } = makeBook({ sequence: unsequenced, priceDecimals: 2 });
    book.applySnapshot({ bids: [['100.00', '1']], asks: [['100.01', '1']] });
    let bid = '100.00';
    let ask = '100.01';
    for (let cents = 10_997; cents <= 1_000_000; cents += 997) {
      const nextBid = (cents / 100).toFixed(2);
      const nextAsk = ((cents + 1) / 100).toFixed(2);
      // the ask moves up first, then the bid follows: never crossed after a whole message
      expect(book.applyDelta({ asks: [[ask, '0'], [nextAsk, '2']], bids: [[bid, '0'], [nextBid, '3']] })).toBe('applied');
      bid = nextBid;
      ask = nextAsk;
    }
    expect(book.layout).toEqual({ bids: 'ladder', asks: 'ladder' });
    expect(book.bidCount).toBe(1);
    expect(sides(book.toOrderBook())).toEqual({ bids: [[bid, '3']], asks: [[ask, '2']] });
    expect(bid).toBe('9990.24'); // ~100× the snapshot price, ~1,000 window moves of 997 ticks
  });

  it('rejects a depth below 1 and unreasonable decimals', () => {
    expect(() => makeBook({ depth: 0 })).toThrow(RangeError);
    expect(() => makeBook({ depth: 2.5 })).toThrow(RangeError);
    expect(() => makeBook({ priceDecimals: -1 })).toThrow(RangeError);
    expect(() => makeBook({ sizeDecimals: 1.5 })).toThrow(RangeError);
  });
});
