import { describe, expect, it } from 'vitest';
import { unsequenced } from '../../src/book/sequence.js';
import { makeBook, sides } from './helpers.js';

describe('local order book: exact values', () => {
  it('keeps 123456789.12345678 and 0.00000001 exact (price and size)', () => {
    const { book } = makeBook({ priceDecimals: 8, sizeDecimals: 8 });
    book.applySnapshot({
      seq: 10,
      bids: [['123456789.12345678', '0.00000001'], ['0.00000001', '123456789.12345678']],
      asks: [['123456789.12345679', '99999999.99999999']],
    });
    const ob = book.toOrderBook()!;
    expect(sides(ob)).toEqual({
      bids: [['123456789.12345678', '0.00000001'], ['0.00000001', '123456789.12345678']],
      asks: [['123456789.12345679', '99999999.99999999']],
    });
    // the Decimals themselves are exact, not rounded doubles
    expect(ob.bids[0]!.price.minus('123456789.12345678').isZero()).toBe(true);
    expect(ob.bids[0]!.size.eq('1e-8')).toBe(true);
    expect(book.layout).toEqual({ bids: 'wide', asks: 'wide' });
  });

  it('stays exact across deltas after widening (values above 2^53 once scaled)', () => {
    const { book, resyncs } = makeBook({ priceDecimals: 2, sizeDecimals: 3 });
    book.applySnapshot({ seq: 10, bids: [['100.25', '1.5']], asks: [['101', '2']] });
    expect(book.layout).toEqual({ bids: 'ladder', asks: 'ladder' });
    expect(book.applyDelta({ seq: 11, asks: [['123456789.12345678', '0.00000001']] })).toBe('applied');
    expect(book.layout.asks).toBe('wide');
    expect(book.applyDelta({ seq: 12, bids: [['100.26', '0.001']], asks: [['101', '0']] })).toBe('applied');
    expect(sides(book.toOrderBook())).toEqual({
      bids: [['100.26', '0.001'], ['100.25', '1.5']],
      asks: [['123456789.12345678', '0.00000001']],
    });
    expect(book.applyDelta({ seq: 13, bids: [['123456789.12345678', '1']] })).toBe('desynced');
    expect(resyncs[0]!.kind).toBe('crossed');
  });

  it('a value with more decimals than the tick scale is rescaled exactly, never rounded', () => {
    const { book } = makeBook({ priceDecimals: 1, sizeDecimals: 0 });
    book.applySnapshot({ seq: 10, bids: [['100.1', '3'], ['99.9', '1']], asks: [['100.5', '2']] });
    expect(book.applyDelta({ seq: 11, bids: [['100.15', '0.25']] })).toBe('applied');
    expect(book.layout).toEqual({ bids: 'ladder', asks: 'ladder' });
    expect(sides(book.toOrderBook())).toEqual({
      bids: [['100.15', '0.25'], ['100.1', '3'], ['99.9', '1']],
      asks: [['100.5', '2']],
    });
    // the scale stays raised: the next value at the finer scale is a plain update
    expect(book.applyDelta({ seq: 12, bids: [['100.150', '0'], ['100.10', '0.5']] })).toBe('applied');
    expect(sides(book.toOrderBook())!.bids).toEqual([['100.1', '0.5'], ['99.9', '1']]);
  });

  it('without scale hints it learns them from the data', () => {
    const { book } = makeBook({ priceDecimals: undefined, sizeDecimals: undefined });
    book.applySnapshot({ seq: 10, bids: [['0.000123', '15000'], ['0.000122', '1.5']], asks: [['0.000125', '0.01']] });
    expect(sides(book.toOrderBook())).toEqual({
      bids: [['0.000123', '15000'], ['0.000122', '1.5']],
      asks: [['0.000125', '0.01']],
    });
  });

  it('accepts exponent notation exactly', () => {
    const { book } = makeBook();
    book.applySnapshot({ seq: 10, bids: [['1e-8', '2.5E+3']], asks: [['1.5e2', '1']] });
    expect(sides(book.toOrderBook())).toEqual({ bids: [['0.00000001', '2500']], asks: [['150', '1']] });
  });

  it('a book spread over too many ticks for a ladder stays exact and ordered', () => {
    const { book } = makeBook({ priceDecimals: 8, sequence: unsequenced });
    book.applySnapshot({ bids: [['1', '1'], ['0.00000001', '2']], asks: [['50000', '3'], ['1.00000001', '4']] });
    expect(book.layout).toEqual({ bids: 'sorted', asks: 'sorted' });
    book.applyDelta({ bids: [['0.5', '5'], ['0.00000001', '0']], asks: [['2', '6']] });
    expect(sides(book.toOrderBook())).toEqual({
      bids: [['1', '1'], ['0.5', '5']],
      asks: [['1.00000001', '4'], ['2', '6'], ['50000', '3']],
    });
  });

  it('handles negative prices (spreads) and zero sizes written as 0.000 or -0', () => {
    const { book } = makeBook({ sequence: unsequenced });
    book.applySnapshot({ bids: [['-1.5', '1'], ['-2', '1']], asks: [['-1.25', '2'], ['3', '1']] });
    expect(sides(book.toOrderBook())).toEqual({ bids: [['-1.5', '1'], ['-2', '1']], asks: [['-1.25', '2'], ['3', '1']] });
    book.applyDelta({ bids: [['-1.50', '0.000']], asks: [['-1.25', '-0']] });
    expect(sides(book.toOrderBook())).toEqual({ bids: [['-2', '1']], asks: [['3', '1']] });
  });

  it('refuses absurd precision as a bad level instead of rounding it', () => {
    const { book, resyncs } = makeBook({ sequence: unsequenced });
    book.applySnapshot({ bids: [['1', '1']], asks: [['2', '1']] });
    expect(book.applyDelta({ bids: [['1', `0.${'0'.repeat(60)}1`]] })).toBe('desynced');
    expect(resyncs[0]!.kind).toBe('invalid-level');
  });
});
