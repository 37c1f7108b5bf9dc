import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookLevelInput } from '../../src/book/types.js';
import { makeBook, sides } from './helpers.js';
import { ReferenceBook } from './reference-book.js';

/** The same number spelled the ways venues spell it: trailing zeros, missing integer zero. */
function spell(units: number, decimals: number, extraZeros: number): string {
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals) + '0'.repeat(extraZeros);
  return (negative ? '-' : '') + (frac.length > 0 ? `${int}.${frac}` : int);
}

const extraZeros = fc.integer({ min: 0, max: 2 });
// Prices on a 0.1 grid that overlap around 40–50 (so books sometimes cross), now and then with a
// finer decimal (rescale), a far price (ladder → sorted) or a huge one (→ bigint).
const price = (lo: number, hi: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 20, arbitrary: fc.tuple(fc.integer({ min: lo * 10, max: hi * 10 }), extraZeros).map(([u, z]) => spell(u, 1, z)) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: lo * 1000, max: hi * 1000 }), extraZeros).map(([u, z]) => spell(u, 3, z)) },
    { weight: 1, arbitrary: fc.constantFrom('0.00000001', '9000000', '123456789.12345678', '0.5') },
  );
const size = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('0', '0.0', '0.000') },
  { weight: 8, arbitrary: fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 4 }), extraZeros).map(([u, d, z]) => spell(u, d, z)) },
  { weight: 1, arbitrary: fc.constantFrom('0.00000001', '123456789.12345678') },
);
const levels = (lo: number, hi: number) => fc.array(fc.tuple(price(lo, hi), size), { maxLength: 6 }) as fc.Arbitrary<BookLevelInput[]>;
const snapshot = fc.record({ bids: levels(1, 45), asks: levels(40, 90) });

type Step =
  | { kind: 'delta'; bids: BookLevelInput[]; asks: BookLevelInput[] }
  | { kind: 'duplicate' }
  | { kind: 'gap' }
  | { kind: 'snapshot'; bids: BookLevelInput[]; asks: BookLevelInput[] };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('delta' as const), bids: levels(1, 45), asks: levels(40, 90) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'duplicate' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'gap' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), bids: levels(1, 45), asks: levels(40, 90) }) },
);

describe('local order book matches a naive reference over random delta streams', () => {
  it('same levels, same status, after every message', () => {
    fc.assert(
      fc.property(
        snapshot,
        fc.array(step, { maxLength: 60 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        fc.constantFrom(0, 1, 2),
        (first, steps, depth, decimals) => {
          const { book, resyncs } = makeBook({ depth, priceDecimals: decimals, sizeDecimals: decimals });
          const ref = new ReferenceBook(depth);
          let seq = 100;
          let live = false;
          let expectedResyncs = 0;

          const check = (status: string, touched: boolean): void => {
            if (!touched) return;
            if (ref.crossed()) {
              expect(status).toBe('desynced');
              expect(book.toOrderBook()).toBeUndefined();
              expectedResyncs++;
              live = false;
            } else {
              expect(status).toBe('applied');
              expect(sides(book.toOrderBook())).toEqual(ref.view());
              live = true;
            }
          };

          ref.snapshot(first.bids, first.asks);
          check(book.applySnapshot({ seq, ...first }), true);
          for (const s of steps) {
            if (s.kind === 'snapshot') {
              seq += 5;
              ref.snapshot(s.bids, s.asks);
              check(book.applySnapshot({ seq, bids: s.bids, asks: s.asks }), true);
            } else if (s.kind === 'delta') {
              if (!live) {
                expect(book.applyDelta({ seq: seq + 1, bids: s.bids, asks: s.asks })).toBe('awaiting-snapshot');
                continue;
              }
              seq++;
              ref.apply(s.bids, s.asks);
              check(book.applyDelta({ seq, bids: s.bids, asks: s.asks }), true);
            } else if (s.kind === 'duplicate' && live) {
              const before = sides(book.toOrderBook());
              expect(book.applyDelta({ seq, bids: [['1', '1']] })).toBe('stale');
              expect(sides(book.toOrderBook())).toEqual(before);
            } else if (s.kind === 'gap' && live) {
              expect(book.applyDelta({ seq: seq + 2, bids: [] })).toBe('desynced');
              expect(book.toOrderBook()).toBeUndefined();
              expectedResyncs++;
              live = false;
            }
          }
          expect(resyncs).toHaveLength(expectedResyncs);
        },
      ),
      { numRuns: 300 },
    );
  });
});
