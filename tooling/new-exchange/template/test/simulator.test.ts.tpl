import { describe, expect, it } from 'vitest';
import { create__Name__Venue } from '../src/testing/index.js';

describe('create__Name__Venue', () => {
  it('is seeded: the same seed gives the same markets and books', () => {
    const a = create__Name__Venue({ seed: 'x' });
    const b = create__Name__Venue({ seed: 'x' });
    try {
      const symbols = a.instruments().map((i) => i.symbol);
      expect(symbols.length).toBeGreaterThan(0);
      expect(b.instruments().map((i) => i.symbol)).toEqual(symbols);
      const book = a.book(symbols[0]!, 5);
      expect(book.bids.length + book.asks.length).toBeGreaterThan(0);
      const other = b.book(symbols[0]!, 5);
      expect([other.bids, other.asks]).toEqual([book.bids, book.asks]);
    } finally {
      a.close();
      b.close();
    }
  });
});
