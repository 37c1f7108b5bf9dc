import { describe, expect, it } from 'vitest';
import { fromMarginMode, fromSide, fromTimeInForce, fromTriggerReference, toMarginMode, toTriggerReference } from '../../src/map/enums.js';
import { wireEnum, wireIsoTime, STOP_TYPES } from '../../src/rest/schemas/common.js';

describe('enum mapping', () => {
  it('round trips', () => {
    expect([fromSide('buy'), fromSide('sell')]).toEqual(['BUY', 'SELL']);
    expect([fromTimeInForce('gtc'), fromTimeInForce('ioc'), fromTimeInForce('fok'), fromTimeInForce('post_only')]).toEqual(['GTC', 'IOC', 'FOK', 'POST_ONLY']);
    expect([toMarginMode(fromMarginMode('isolated')), toMarginMode(fromMarginMode('cross'))]).toEqual(['isolated', 'cross']);
  });

  it.each([
    ['MARK_PRICE', 'mark'],
    ['MARK', 'mark'],
    ['LAST_PRICE', 'last'],
    ['Last', 'last'],
  ] as const)('stop type %s → %s', (wire, ref) => {
    expect(toTriggerReference(wireEnum(STOP_TYPES).parse(wire))).toBe(ref);
  });

  it('index triggers do not exist on Bitunix', () => {
    expect(fromTriggerReference('index')).toBeUndefined();
  });

  it.each([
    ['2024-05-16T08:13:09.123456789Z', Date.UTC(2024, 4, 16, 8, 13, 9, 123)],
    ['2024-05-16T08:13:09Z', Date.UTC(2024, 4, 16, 8, 13, 9)],
    ['2024-05-16T10:13:09.5+02:00', Date.UTC(2024, 4, 16, 8, 13, 9, 500)],
    ['1715847189123', 1715847189123],
  ])('ISO time %s', (text, ms) => {
    expect(wireIsoTime.parse(text)).toBe(ms);
  });

  it('refuses a non-time', () => {
    expect(wireIsoTime.safeParse('yesterday').success).toBe(false);
  });
});
