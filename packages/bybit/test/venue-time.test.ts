import { ManualClock } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { ObservedVenueTime } from '../src/exchange/venue-time.js';

describe('ObservedVenueTime', () => {
  it('follows the latest venue timestamp seen, projected by the local clock; falls back before any', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 12));
    const t = new ObservedVenueTime(clock);
    expect(t.now(123)).toBe(123);
    t.observe(clock.now() + 90_000); // the venue is 90 s ahead
    clock.advance(1_000);
    expect(t.now(0)).toBe(clock.now() + 90_000);
    t.observe(clock.now() - 2_000); // a later answer: 2 s behind
    expect(t.now(0)).toBe(clock.now() - 2_000);
  });

  it('ignores values that are no epoch ms', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 12));
    const t = new ObservedVenueTime(clock);
    t.observe(1_700_000_000); // seconds
    t.observe(Number.NaN);
    expect(t.now(42)).toBe(42);
  });
});
