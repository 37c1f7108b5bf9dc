import { describe, expect, it } from 'vitest';
import { unsequenced } from '../../src/book/sequence.js';
import { makeBook } from './helpers.js';

describe('local order book: staleness', () => {
  it('reports the time since the last applied update on the local clock', () => {
    const { book, clock } = makeBook({ sequence: unsequenced });
    expect(book.ageMs()).toBe(Number.POSITIVE_INFINITY);
    book.applySnapshot({ bids: [['1', '1']], asks: [['2', '1']], timestamp: 5 });
    clock.advance(250);
    expect(book.ageMs()).toBe(250);
    book.applySnapshot({ bids: [['1', '2']], asks: [['2', '1']] });
    expect(book.ageMs()).toBe(0);
    clock.advance(3_100);
    expect(book.ageMs()).toBe(3_100); // a snapshot-only venue silent for 3 s: the adapter can call it stale
  });

  it('ignored updates do not make the book look fresh', () => {
    const { book, clock } = makeBook();
    book.applySnapshot({ seq: 10, bids: [['1', '1']], asks: [['2', '1']] });
    clock.advance(1_000);
    expect(book.applyDelta({ seq: 9 })).toBe('stale');
    expect(book.ageMs()).toBe(1_000);
  });
});
