/** Deterministic: a ManualClock and ManualTimers drive time; nothing sleeps. */
import { describe, expect, it } from 'vitest';
import {
  ClosedError,
  InvalidArgumentError,
  LOCAL_QUEUE_FULL,
  ManualClock,
  ManualTimers,
  RateLimitError,
  RateLimiter,
  parseRetryAfter,
  type RateLimitPermit,
  type RateLimiterOptions,
} from '../../src/index.js';

function setup(buckets: RateLimiterOptions['buckets'], extra: Partial<RateLimiterOptions> = {}) {
  const timers = new ManualTimers(new ManualClock(1_000_000));
  const limiter = new RateLimiter({ buckets, clock: timers.clock, timers, ...extra });
  /** Starts an acquire and tracks whether it was granted. */
  const start = (cost: Record<string, number>, signal?: AbortSignal) => {
    const s: { permit?: RateLimitPermit; error?: unknown; grantedAt?: number } = {};
    limiter.acquire(cost, signal ? { signal } : {}).then(
      (p) => {
        s.permit = p;
        s.grantedAt = timers.clock.now();
      },
      (e: unknown) => (s.error = e),
    );
    return s;
  };
  return { timers, limiter, start, t0: timers.clock.now() };
}

describe('RateLimiter accounting', () => {
  it('keeps the headroom: a limit of 10 lets 9 through per window', async () => {
    const { timers, start } = setup({ ip: { limit: 10, windowMs: 1000 } }, { headroom: 0.1 });
    const calls = Array.from({ length: 10 }, () => start({ ip: 1 }));
    await timers.advanceAsync(0);
    expect(calls.filter((c) => c.permit).length).toBe(9);
    for (const c of calls) c.permit?.release();
    await timers.advanceAsync(1000);
    expect(calls.filter((c) => c.permit).length).toBe(9);
    await timers.advanceAsync(1);
    expect(calls[9]!.permit).toBeDefined();
  });

  it('a token comes back one window after the request finished, not after it started', async () => {
    const { timers, start, t0 } = setup({ u: { limit: 1, windowMs: 1000 } }, { headroom: 0 });
    const a = start({ u: 1 });
    const b = start({ u: 1 });
    await timers.advanceAsync(500);
    expect(a.permit && !b.permit).toBe(true);
    a.permit!.release(); // finished at t0 + 500
    await timers.advanceAsync(1000);
    expect(b.permit).toBeUndefined();
    await timers.advanceAsync(1);
    expect(b.grantedAt).toBe(t0 + 1501);
  });

  it('a request takes from all its buckets at once; unrelated traffic passes a request stuck on its endpoint quota', async () => {
    const { timers, start } = setup({ ip: { limit: 3, windowMs: 1000 }, order: { limit: 1, windowMs: 1000 } }, { headroom: 0 });
    const o1 = start({ ip: 1, order: 1 });
    const o2 = start({ ip: 1, order: 1 }); // waits for `order`, reserving 1 of ip
    const m1 = start({ ip: 1 }); // fits beside the reservation
    const m2 = start({ ip: 1 }); // ip: 2 used + 1 reserved → waits
    await timers.advanceAsync(0);
    expect([!!o1.permit, !!o2.permit, !!m1.permit, !!m2.permit]).toEqual([true, false, true, false]);
    o1.permit!.release();
    m1.permit!.release();
    await timers.advanceAsync(1001);
    // First come, first served: o2 before m2.
    expect(o2.grantedAt).toBeDefined();
    expect(m2.grantedAt).toBeDefined();
  });

  it('a heavy request is not starved by a stream of light ones', async () => {
    const { timers, start } = setup({ ip: { limit: 10, windowMs: 100 } }, { headroom: 0 });
    const first = start({ ip: 6 });
    await timers.advanceAsync(0);
    const heavy = start({ ip: 10 });
    const light = Array.from({ length: 20 }, () => start({ ip: 1 }));
    await timers.advanceAsync(0);
    expect(light.some((l) => l.permit)).toBe(false); // 4 free, but reserved by the heavy waiter
    first.permit!.release();
    await timers.advanceAsync(101);
    expect(heavy.permit).toBeDefined();
    expect(light.some((l) => l.permit)).toBe(false);
  });

  it('a weight above the quota waits for an empty bucket instead of forever', async () => {
    const { timers, start } = setup({ ip: { limit: 5, windowMs: 100 } }, { headroom: 0 });
    const big = start({ ip: 50 });
    await timers.advanceAsync(0);
    expect(big.permit).toBeDefined();
  });
});

describe('RateLimiter corrections from the venue', () => {
  it('remaining 0 with a reset time holds the bucket until that reset', async () => {
    const { timers, limiter, start, t0 } = setup({ 'order:create': { limit: 10, windowMs: 1000 } }, { headroom: 0 });
    limiter.update({ bucket: 'order:create', limit: 10, remaining: 0, resetAt: t0 + 500 });
    const next = start({ 'order:create': 1 });
    await timers.advanceAsync(499);
    expect(next.permit).toBeUndefined();
    await timers.advanceAsync(2);
    expect(next.grantedAt).toBe(t0 + 501);
  });

  it('remaining counts what the venue saw but we did not (other clients on the same key)', async () => {
    const { timers, limiter, start } = setup({ uid: { limit: 10, windowMs: 1000 } }, { headroom: 0 });
    limiter.update({ bucket: 'uid', remaining: 3 }); // no reset time: counted for one window
    const calls = Array.from({ length: 5 }, () => start({ uid: 1 }));
    await timers.advanceAsync(0);
    expect(calls.filter((c) => c.permit).length).toBe(3);
    await timers.advanceAsync(1001);
    expect(calls.filter((c) => c.permit).length).toBe(5);
  });

  it('a larger remaining never loosens local accounting', async () => {
    const { timers, limiter, start } = setup({ uid: { limit: 2, windowMs: 1000 } }, { headroom: 0 });
    const a = start({ uid: 2 });
    await timers.advanceAsync(0);
    limiter.update({ bucket: 'uid', remaining: 2 });
    const b = start({ uid: 1 });
    await timers.advanceAsync(0);
    expect(a.permit).toBeDefined();
    expect(b.permit).toBeUndefined();
  });

  it('a new limit from the venue replaces the static one; unknown buckets are created from headers', async () => {
    const { limiter } = setup({ uid: { limit: 10, windowMs: 1000 } }, { headroom: 0.1 });
    limiter.update([
      { bucket: 'uid', limit: 20 },
      { bucket: 'order:amend', limit: 10, remaining: 10 },
      { bucket: 'ignored', remaining: 3 },
    ]);
    const snap = Object.fromEntries(limiter.snapshot().map((s) => [s.bucket, s]));
    expect(snap['uid']).toMatchObject({ limit: 20, effectiveLimit: 18 });
    expect(snap['order:amend']).toMatchObject({ limit: 10, effectiveLimit: 9, windowMs: 1000 });
    expect(limiter.has('ignored')).toBe(false);
  });

  it('reads resetAt on the venue clock when one is given', async () => {
    const clock = new ManualClock(1_000_000);
    const timers = new ManualTimers(clock);
    const venueClock = { now: () => clock.now() + 30_000 };
    const limiter = new RateLimiter({ buckets: { u: { limit: 1, windowMs: 1000 } }, headroom: 0, clock, timers, venueClock });
    limiter.update({ bucket: 'u', remaining: 0, resetAt: venueClock.now() + 300 });
    let grantedAt: number | undefined;
    void limiter.acquire({ u: 1 }).then(() => (grantedAt = clock.now()));
    await timers.advanceAsync(1000);
    expect(grantedAt).toBe(1_000_000 + 301);
  });

  it('pause holds the whole bucket, including requests that would fit', async () => {
    const { timers, limiter, start, t0 } = setup({ ip: { limit: 100, windowMs: 1000 } });
    limiter.pause('ip', 700);
    const a = start({ ip: 1 });
    await timers.advanceAsync(699);
    expect(a.permit).toBeUndefined();
    await timers.advanceAsync(1);
    expect(a.grantedAt).toBe(t0 + 700);
    expect(limiter.snapshot()[0]!.pausedUntil).toBeUndefined();
  });
});

describe('RateLimiter queue', () => {
  it('a full queue refuses at once with RateLimitError, nothing waits', async () => {
    const { timers, limiter, start } = setup({ ip: { limit: 1, windowMs: 1000, maxQueue: 2 } }, { headroom: 0 });
    start({ ip: 1 });
    await timers.advanceAsync(0);
    start({ ip: 1 });
    start({ ip: 1 });
    const refused = start({ ip: 1 });
    await timers.advanceAsync(0);
    expect(refused.error).toBeInstanceOf(RateLimitError);
    const err = refused.error as RateLimitError;
    expect(err.details?.['reason']).toBe(LOCAL_QUEUE_FULL);
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(0);
    expect(limiter.snapshot()[0]!.queued).toBe(2);
  });

  it('aborting a waiter removes it and rejects with the signal reason', async () => {
    const { timers, limiter, start } = setup({ ip: { limit: 1, windowMs: 1000 } }, { headroom: 0 });
    start({ ip: 1 });
    const ac = new AbortController();
    const w = start({ ip: 1 }, ac.signal);
    await timers.advanceAsync(0);
    const reason = new Error('caller gave up');
    ac.abort(reason);
    await timers.advanceAsync(0);
    expect(w.error).toBe(reason);
    expect(limiter.snapshot()[0]!.queued).toBe(0);
  });

  it('unknown buckets and bad weights are programming errors', async () => {
    const { limiter } = setup({ ip: { limit: 1, windowMs: 1000 } });
    await expect(limiter.acquire({ nope: 1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(limiter.acquire({ ip: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(limiter.acquire({ ip: 0 })).resolves.toBeDefined();
    expect(() => new RateLimiter({ buckets: { x: { limit: 0, windowMs: 1 } } })).toThrow(RangeError);
  });

  it('close() rejects waiters with ClosedError and clears its timer', async () => {
    const { timers, limiter, start } = setup({ ip: { limit: 1, windowMs: 1000 } }, { headroom: 0 });
    start({ ip: 1 });
    const w = start({ ip: 1 });
    await timers.advanceAsync(0);
    limiter.close();
    await timers.advanceAsync(0);
    expect(w.error).toBeInstanceOf(ClosedError);
    expect(timers.pending).toBe(0);
    await expect(limiter.acquire({ ip: 1 })).rejects.toBeInstanceOf(ClosedError);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
