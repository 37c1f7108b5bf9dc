import { Decimal as CallerDecimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Decimal, isDecimal, toDecimal, toPlainString, wireDecimal, wireOptionalDecimal } from '../../src/index.js';

describe('core Decimal', () => {
  it('keeps products exact well beyond decimal.js default precision', () => {
    const a = new Decimal('123456789.12345678');
    // 32 significant digits: the default 20-digit precision would round this.
    // Expected value from BigInt: 12345678912345678n ** 2n, scaled by 1e-16.
    expect(a.mul(a).toFixed()).toBe('15241578780673676.2934004165279684');
  });

  it('never prints exponent notation', () => {
    expect(new Decimal('1e-8').toString()).toBe('0.00000001');
    expect(toPlainString(new Decimal('0.000012345'))).toBe('0.000012345');
    expect(new Decimal('1e21').toString()).toBe('1000000000000000000000');
  });

  it('does not reconfigure the caller decimal.js', () => {
    expect(CallerDecimal.precision).toBe(20);
    expect(new CallerDecimal('1e-8').toString()).toBe('1e-8');
  });

  it('converts a caller decimal.js instance into core Decimal', () => {
    const d = toDecimal(new CallerDecimal('0.1'));
    expect(d).toBeInstanceOf(Decimal);
    expect(d.toFixed()).toBe('0.1');
    expect(isDecimal(new CallerDecimal(1))).toBe(true);
  });

  it('refuses non-finite numbers', () => {
    expect(() => toDecimal(Number.NaN)).toThrow(RangeError);
    expect(() => toDecimal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('wire decimal schemas', () => {
  it.each([
    ['0.1', '0.1'],
    ['0.00000001', '0.00000001'],
    ['123456789.12345678', '123456789.12345678'],
    ['1e-8', '0.00000001'],
    ['100.10', '100.1'],
  ])('parses %s exactly', (input, expected) => {
    const d = wireDecimal.parse(input);
    expect(d).toBeInstanceOf(Decimal);
    expect(d.toFixed()).toBe(expected);
  });

  it('rejects text that is not a number', () => {
    expect(wireDecimal.safeParse('abc').success).toBe(false);
    expect(wireDecimal.safeParse('').success).toBe(false);
    expect(wireDecimal.safeParse('NaN').success).toBe(false);
  });

  it('treats empty strings as absent where venues do so', () => {
    expect(wireOptionalDecimal.parse('')).toBeUndefined();
    expect(wireOptionalDecimal.parse(undefined)).toBeUndefined();
    expect(wireOptionalDecimal.parse('2.5')?.toFixed()).toBe('2.5');
  });
});

describe('core Decimal identity', () => {
  it('tells a caller decimal.js instance from core Decimal, and converts it', async () => {
    const { isCoreDecimal, decimalSchema } = await import('../../src/index.js');
    const foreign = new CallerDecimal('123456789.12345678');
    expect(isCoreDecimal(foreign)).toBe(false);
    expect(decimalSchema.safeParse(foreign).success).toBe(false);
    const own = toDecimal(foreign);
    expect(isCoreDecimal(own)).toBe(true);
    expect(own.mul(own).toFixed()).toBe('15241578780673676.2934004165279684');
  });
});
