import { describe, expect, it } from 'vitest';
import { linkedSequence, monotonicSequence, rangeSequence, unsequenced } from '../../src/book/sequence.js';
import { makeBook, sides } from './helpers.js';

const snap = (seq: number, bid = '100', ask = '101') => ({ seq, bids: [[bid, '1']] as const, asks: [[ask, '1']] as const });

describe('local order book: gaps, stale updates, crossed books and resync', () => {
  it('detects an injected sequence gap: invalid, emits nothing, signals resync once with a reason', () => {
    const { book, resyncs } = makeBook();
    book.applySnapshot(snap(10));
    expect(book.applyDelta({ seq: 11, bids: [['99', '2']] })).toBe('applied');
    // seq 12 is lost on the way
    expect(book.applyDelta({ seq: 13, bids: [['98', '3']] })).toBe('desynced');
    expect(book.state).toBe('invalid');
    expect(book.isValid).toBe(false);
    expect(book.toOrderBook()).toBeUndefined();
    expect(book.bestBid()).toBeUndefined();
    expect(resyncs).toHaveLength(1);
    expect(resyncs[0]).toMatchObject({ symbol: 'BTC/USDT:USDT', kind: 'gap' });
    expect(resyncs[0]!.reason).toMatch(/gap.*11.*13/);
    expect(book.lastResync).toBe(resyncs[0]);
    // further deltas are dropped (not built on the broken state) and do not signal again
    expect(book.applyDelta({ seq: 14, bids: [['97', '1']] })).toBe('awaiting-snapshot');
    expect(resyncs).toHaveLength(1);
  });

  it('recovers with the next snapshot', () => {
    const { book } = makeBook();
    book.applySnapshot(snap(10));
    book.applyDelta({ seq: 12 });
    expect(book.applySnapshot(snap(50, '200', '201'))).toBe('applied');
    expect(book.applyDelta({ seq: 51, asks: [['202', '5']] })).toBe('applied');
    expect(sides(book.toOrderBook())).toEqual({ bids: [['200', '1']], asks: [['201', '1'], ['202', '5']] });
  });

  it('ignores duplicate and old deltas: book unchanged, no resync', () => {
    const { book, resyncs } = makeBook();
    book.applySnapshot(snap(10));
    book.applyDelta({ seq: 11, bids: [['99', '2']] });
    const before = sides(book.toOrderBook());
    expect(book.applyDelta({ seq: 11, bids: [['99', '0']] })).toBe('stale');
    expect(book.applyDelta({ seq: 9, asks: [['100.5', '1']] })).toBe('stale');
    expect(book.applyDelta({ seq: 10, asks: [['100.5', '1']] })).toBe('stale');
    expect(sides(book.toOrderBook())).toEqual(before);
    expect(book.sequence).toBe(11);
    expect(resyncs).toEqual([]);
    expect(book.applyDelta({ seq: 12, bids: [['99', '0']] })).toBe('applied');
  });

  it('a delta that crosses the book (best bid >= best ask) is a desync', () => {
    const { book, resyncs } = makeBook();
    book.applySnapshot(snap(10));
    expect(book.applyDelta({ seq: 11, bids: [['101', '1']] })).toBe('desynced');
    expect(resyncs).toHaveLength(1);
    expect(resyncs[0]!.kind).toBe('crossed');
    expect(resyncs[0]!.reason).toContain('101');
    expect(book.toOrderBook()).toBeUndefined();
  });

  it('a crossed snapshot is a desync too, while a delta that uncrosses within one message is fine', () => {
    const { book, resyncs } = makeBook();
    expect(book.applySnapshot({ seq: 1_000, bids: [['102', '1']], asks: [['101', '1']] })).toBe('desynced');
    expect(resyncs[0]!.kind).toBe('crossed');
    book.applySnapshot(snap(10));
    // bid moves up to 100.5 and the ask at 101 goes: never crossed after the whole message
    expect(book.applyDelta({ seq: 11, bids: [['100.5', '1']], asks: [['101', '0'], ['102', '1']] })).toBe('applied');
  });

  it('a snapshot mid-stream replaces the book, it never merges', () => {
    const { book } = makeBook();
    book.applySnapshot({ seq: 10, bids: [['100', '1'], ['99', '1']], asks: [['101', '1'], ['105', '1']] });
    book.applyDelta({ seq: 11, bids: [['98', '1']] });
    expect(book.applySnapshot({ seq: 30, bids: [['97', '2']], asks: [['103', '2']] })).toBe('applied');
    expect(sides(book.toOrderBook())).toEqual({ bids: [['97', '2']], asks: [['103', '2']] });
    expect(book.sequence).toBe(30);
  });

  it('an update id equal to the reset value is a fresh snapshot (venue restart)', () => {
    const { book, resyncs } = makeBook();
    book.applySnapshot(snap(500));
    expect(book.applyDelta({ seq: 1, bids: [['50', '1']], asks: [['60', '1']] })).toBe('applied');
    expect(sides(book.toOrderBook())).toEqual({ bids: [['50', '1']], asks: [['60', '1']] });
    expect(book.sequence).toBe(1);
    expect(book.applyDelta({ seq: 2, bids: [['51', '1']] })).toBe('applied');
    // a reset also revives an invalid book
    book.applyDelta({ seq: 9 });
    expect(book.state).toBe('invalid');
    expect(book.applyDelta({ seq: 1, bids: [['1', '1']], asks: [] })).toBe('applied');
    expect(resyncs).toHaveLength(1);
  });

  it('a delta without a sequence is a gap for a sequenced venue', () => {
    const { book, resyncs } = makeBook();
    book.applySnapshot(snap(10));
    expect(book.applyDelta({ bids: [['99', '1']] })).toBe('desynced');
    expect(resyncs[0]!.kind).toBe('gap');
  });

  it('linked sequences (prevSeq → seq) apply only on the update they follow', () => {
    const { book, resyncs } = makeBook({ sequence: linkedSequence() });
    book.applySnapshot(snap(1_000));
    expect(book.applyDelta({ prevSeq: 1_000, seq: 1_007, bids: [['99', '1']] })).toBe('applied');
    expect(book.applyDelta({ prevSeq: 1_000, seq: 1_007, bids: [['99', '5']] })).toBe('stale');
    expect(book.applyDelta({ prevSeq: 1_007, seq: 1_020 })).toBe('applied');
    expect(book.applyDelta({ prevSeq: 1_021, seq: 1_030 })).toBe('desynced');
    expect(resyncs[0]!.reason).toContain('linked');
  });

  it('range sequences apply when the range reaches just past the book (first buffered update after a REST snapshot)', () => {
    const { book } = makeBook({ sequence: rangeSequence() });
    book.applySnapshot(snap(100));
    expect(book.applyDelta({ firstSeq: 90, seq: 99 })).toBe('stale');
    expect(book.applyDelta({ firstSeq: 95, seq: 105, bids: [['99', '1']] })).toBe('applied');
    expect(book.applyDelta({ firstSeq: 106, seq: 110 })).toBe('applied');
    expect(book.applyDelta({ firstSeq: 112, seq: 120 })).toBe('desynced');
  });

  it('monotonic sequences catch stale updates but accept jumps', () => {
    const { book } = makeBook({ sequence: monotonicSequence() });
    book.applySnapshot(snap(100));
    expect(book.applyDelta({ seq: 150, bids: [['99', '1']] })).toBe('applied');
    expect(book.applyDelta({ seq: 150 })).toBe('stale');
    expect(book.applyDelta({ seq: 7_000 })).toBe('applied');
  });

  it('unsequenced venues: every snapshot replaces the book, deltas always apply', () => {
    const { book, resyncs } = makeBook({ sequence: unsequenced });
    expect(book.applySnapshot({ bids: [['1.5', '1']], asks: [['1.6', '1']] })).toBe('applied');
    expect(book.sequence).toBeUndefined();
    expect(book.toOrderBook()!.sequence).toBeUndefined();
    expect(book.applySnapshot({ bids: [['1.4', '2']], asks: [['1.7', '2']] })).toBe('applied');
    expect(sides(book.toOrderBook())).toEqual({ bids: [['1.4', '2']], asks: [['1.7', '2']] });
    expect(book.applyDelta({ bids: [['1.45', '1']] })).toBe('applied');
    expect(resyncs).toEqual([]);
  });

  it('invalidate() drops the book and signals a manual resync once', () => {
    const { book, resyncs } = makeBook();
    book.applySnapshot(snap(10));
    book.invalidate('socket closed');
    book.invalidate('socket closed again');
    expect(resyncs).toEqual([expect.objectContaining({ kind: 'manual', reason: 'socket closed' })]);
    expect(book.toOrderBook()).toBeUndefined();
  });

  it('a malformed level is a desync, not a guess', () => {
    for (const level of [['abc', '1'], ['100', '-1'], ['100', ''], ['1e', '1'], ['--1', '1']] as const) {
      const { book, resyncs } = makeBook();
      book.applySnapshot(snap(10));
      expect(book.applyDelta({ seq: 11, bids: [level] })).toBe('desynced');
      expect(resyncs[0]!.kind).toBe('invalid-level');
      expect(book.toOrderBook()).toBeUndefined();
    }
  });
});

describe('local order book: checksum hook', () => {
  const hook = {
    levels: 2,
    verify: (top: { bids: readonly (readonly [string, string])[]; asks: readonly (readonly [string, string])[] }, expected: number | string) =>
      [...top.bids, ...top.asks].map((l) => l.join(':')).join('|') === expected,
  };

  it('verifies the venue checksum over the top levels (canonical strings) and desyncs on a mismatch', () => {
    const { book, resyncs } = makeBook({ checksum: hook });
    expect(book.applySnapshot({ seq: 10, bids: [['100.10', '1.50'], ['99', '1'], ['98', '1']], asks: [['101', '2']], checksum: '100.1:1.5|99:1|101:2' })).toBe('applied');
    expect(book.applyDelta({ seq: 11, bids: [['99', '3']], checksum: '100.1:1.5|99:3|101:2' })).toBe('applied');
    expect(book.applyDelta({ seq: 12, bids: [['99', '4']] })).toBe('applied'); // no checksum sent: not checked
    expect(book.applyDelta({ seq: 13, bids: [['99', '5']], checksum: 'nope' })).toBe('desynced');
    expect(resyncs[0]).toMatchObject({ kind: 'checksum' });
  });
});
