import { ManualClock, ManualTimers, type TimerHandle, type TimerOptions, type Timers } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { SimVenue } from '../src/index.js';
import { PERP, PERP_DEF } from './helpers.js';

/** Real timers that record how they are used. */
function recordingTimers(): Timers & { armed: Set<TimerHandle>; unrefs: boolean[] } {
  const armed = new Set<TimerHandle>();
  const unrefs: boolean[] = [];
  return {
    armed,
    unrefs,
    setTimeout(cb: () => void, ms: number, options?: TimerOptions): TimerHandle {
      unrefs.push(options?.unref === true);
      const h = setTimeout(() => {
        armed.delete(h);
        cb();
      }, ms);
      h.unref();
      armed.add(h);
      return h;
    },
    clearTimeout(h: TimerHandle): void {
      armed.delete(h);
      clearTimeout(h as ReturnType<typeof setTimeout>);
    },
  };
}

describe('the venue clock', () => {
  it('real time: one unref’d timer at a time, cleared by close()', async () => {
    const timers = recordingTimers();
    const v = new SimVenue({ seed: 'real', timers, instruments: [PERP_DEF], rate: 50 });
    expect(timers.armed.size).toBe(1);
    const before = v.trades(PERP).length + v.book(PERP).seq;
    await new Promise((r) => setTimeout(r, 200));
    expect(v.book(PERP).seq + v.trades(PERP).length).toBeGreaterThan(before);
    expect(timers.unrefs.every(Boolean)).toBe(true);
    expect(timers.armed.size).toBeLessThanOrEqual(1);
    v.close();
    expect(timers.armed.size).toBe(0);
    expect(() => v.placeOrder(v.defaultAccountId, { symbol: PERP, side: 'buy', type: 'market', size: '1' })).toThrow(/closed/);
  });

  it('driven by core ManualTimers: moving the manual clock runs the venue', () => {
    const timers = new ManualTimers(new ManualClock(Date.UTC(2026, 0, 1)));
    const v = new SimVenue({ seed: 'manual', clock: timers.clock, timers, instruments: [PERP_DEF], frozen: true });
    const closed: number[] = [];
    v.subscribe((e) => e.channel === 'public' && e.type === 'candle' && e.candle.closed && e.candle.timeframe === '1m' && closed.push(e.timestamp));
    timers.advance(180_000);
    expect(closed).toEqual([Date.UTC(2026, 0, 1, 0, 1), Date.UTC(2026, 0, 1, 0, 2), Date.UTC(2026, 0, 1, 0, 3)]);
    expect(v.now()).toBe(Date.UTC(2026, 0, 1, 0, 3));
    v.close();
    expect(timers.pending).toBe(0);
  });

  it('advanceClock runs each task at its own time (events carry the boundary, not the end of the jump)', () => {
    const v = new SimVenue({ virtual: true, seed: 'jump', instruments: [PERP_DEF], frozen: true });
    const stamps: number[] = [];
    v.subscribe((e) => e.channel === 'public' && e.type === 'candle' && e.candle.closed && e.candle.timeframe === '1h' && stamps.push(e.timestamp));
    v.advanceClock(3 * 3_600_000 + 1);
    expect(stamps).toEqual([1, 2, 3].map((h) => Date.UTC(2026, 0, 1, h)));
    expect(v.now()).toBe(Date.UTC(2026, 0, 1, 3) + 1);
  });

  it('skew moves only what the venue says, never the engine clock backwards', () => {
    const v = new SimVenue({ virtual: true, seed: 'skew', instruments: [PERP_DEF] });
    const t = v.now();
    v.fault({ kind: 'clockSkew', offsetMs: -3000 });
    expect(v.serverTime()).toBe(t - 3000);
    v.advanceClock(1000);
    expect(v.now()).toBe(t + 1000);
    expect(v.clock.skew).toBe(-3000);
  });
});
