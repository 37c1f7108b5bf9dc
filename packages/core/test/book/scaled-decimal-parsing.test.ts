import { describe, expect, it } from 'vitest';
import { formatScaled, formatScaledBig, parseExact, parseScaled, parseScaledBig } from '../../src/book/scaled.js';

describe('scaled-integer parsing', () => {
  it('parses wire decimals to exact scaled integers', () => {
    expect(parseScaled('30247.20', 2)).toBe(3024720);
    expect(parseScaled('30247.2', 2)).toBe(3024720);
    expect(parseScaled('30247', 2)).toBe(3024700);
    expect(parseScaled('30247.', 2)).toBe(3024700);
    expect(parseScaled('.5', 2)).toBe(50);
    expect(parseScaled('0', 3)).toBe(0);
    expect(parseScaled('0.000', 3)).toBe(0);
    expect(parseScaled('-1.25', 2)).toBe(-125);
    expect(parseScaled('100.100', 2)).toBe(10010);
    expect(parseScaled('0.00000001', 8)).toBe(1);
  });

  it('answers NaN instead of rounding', () => {
    expect(parseScaled('100.125', 2)).toBeNaN(); // more decimals than the scale
    expect(parseScaled('100.1201', 2)).toBeNaN();
    expect(parseScaled('123456789.12345678', 8)).toBeNaN(); // above 2^53 once scaled
    expect(parseScaled('9007199254740992', 0)).toBeNaN();
    expect(parseScaled('9007199254740991', 0)).toBe(9007199254740991);
    for (const bad of ['', '-', '.', 'abc', '1.2.3', '1e5', '+1', '1 ', ' 1', '1,5']) expect(parseScaled(bad, 2)).toBeNaN();
  });

  it('parses anything exactly on the slow path', () => {
    expect(parseExact('123456789.12345678')).toEqual({ units: 12345678912345678n, decimals: 8 });
    expect(parseExact('100.100')).toEqual({ units: 1001n, decimals: 1 });
    expect(parseExact('1e-8')).toEqual({ units: 1n, decimals: 8 });
    expect(parseExact('2.5E+3')).toEqual({ units: 2500n, decimals: 0 });
    expect(parseExact('-0.0')).toEqual({ units: 0n, decimals: 0 });
    expect(parseExact('-007.50')).toEqual({ units: -75n, decimals: 1 });
    expect(parseExact('abc')).toBeUndefined();
    expect(parseExact('')).toBeUndefined();
    expect(parseExact('.')).toBeUndefined();
    expect(parseScaledBig('123456789.12345678', 10)).toBe(1234567891234567800n);
    expect(parseScaledBig('0.001', 2)).toBeUndefined();
  });

  it('formats scaled integers canonically', () => {
    expect(formatScaled(3024720, 2)).toBe('30247.2');
    expect(formatScaled(1, 8)).toBe('0.00000001');
    expect(formatScaled(-125, 2)).toBe('-1.25');
    expect(formatScaled(-0, 2)).toBe('0');
    expect(formatScaled(500, 2)).toBe('5');
    expect(formatScaled(7, 0)).toBe('7');
    expect(formatScaledBig(12345678912345678n, 8)).toBe('123456789.12345678');
    expect(formatScaledBig(-5n, 3)).toBe('-0.005');
  });
});
