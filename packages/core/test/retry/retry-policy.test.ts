/** Deterministic: seeded jitter, ManualTimers for every wait. */
import { describe, expect, it } from 'vitest';
import {
  ExchangeUnavailableError,
  InvalidArgumentError,
  InvalidOrderError,
  LOCAL_QUEUE_FULL,
  ManualClock,
  ManualTimers,
  NetworkError,
  RateLimitError,
  RetryPolicy,
  TimestampError,
  clientOrderIdSchema,
  equalJitterDelay,
  generateClientOrderId,
  isRetryableError,
  seededRandom,
  withTimestampResync,
  type RetryInfo,
} from '../../src/index.js';

const X = { exchange: 'x' };

function policy(extra: ConstructorParameters<typeof RetryPolicy>[0] = {}) {
  const timers = new ManualTimers(new ManualClock(0));
  const retries: RetryInfo[] = [];
  const p = new RetryPolicy({ random: seededRandom(42), clock: timers.clock, timers, onRetry: (i) => retries.push(i), ...extra });
  return { p, timers, retries };
}

/** Runs `promise` to completion by moving manual time in steps (handlers attached at once: no unhandled rejection). */
async function drive<T>(timers: ManualTimers, promise: Promise<T>, stepMs = 10, maxSteps = 10_000): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  promise.then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, error }),
  );
  for (let i = 0; i < maxSteps && outcome === undefined; i++) await timers.advanceAsync(stepMs);
  if (outcome === undefined) throw new Error('did not settle');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

describe('equalJitterDelay', () => {
  it('draws in [c/2, c] with c = min(cap, base·2^(n−1)), reproducibly from a seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    for (let n = 1; n <= 20; n++) {
      const d = equalJitterDelay({ attempt: n, baseDelayMs: 100, maxDelayMs: 3000, random: a });
      expect(d).toBe(equalJitterDelay({ attempt: n, baseDelayMs: 100, maxDelayMs: 3000, random: b }));
      const c = Math.min(3000, 100 * 2 ** (n - 1));
      expect(d).toBeGreaterThanOrEqual(c / 2);
      expect(d).toBeLessThanOrEqual(c);
    }
    expect(equalJitterDelay({ attempt: 1000, baseDelayMs: 100, maxDelayMs: 3000, random: () => 0.999999 })).toBe(3000);
  });

  it('floored at the previous delay: non-decreasing up to the cap', () => {
    const random = seededRandom(11);
    let previous = 0;
    for (let n = 1; n <= 40; n++) {
      const d = equalJitterDelay({ attempt: n, baseDelayMs: 100, maxDelayMs: 3000, random, previousDelayMs: previous });
      expect(d).toBeGreaterThanOrEqual(previous);
      expect(d).toBeLessThanOrEqual(3000);
      previous = d;
    }
  });
});

describe('RetryPolicy.run', () => {
  it('repeats an idempotent read on retryable errors with the seeded backoff, then succeeds', async () => {
    const { p, timers, retries } = policy({ baseDelayMs: 100, maxDelayMs: 1000 });
    let calls = 0;
    const result = await drive(
      timers,
      p.run(
        async () => {
          calls++;
          if (calls < 3) throw new ExchangeUnavailableError('503', X);
          return 'ok';
        },
        { idempotent: true },
      ),
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    const r = seededRandom(42);
    const first = equalJitterDelay({ attempt: 1, baseDelayMs: 100, maxDelayMs: 1000, random: r });
    const second = equalJitterDelay({ attempt: 2, baseDelayMs: 100, maxDelayMs: 1000, random: r, previousDelayMs: first });
    expect(retries.map((i) => i.delayMs)).toEqual([first, second]);
  });

  it('never repeats a non-idempotent call', async () => {
    const { p } = policy();
    let calls = 0;
    const call = p.run(
      async () => {
        calls++;
        throw new NetworkError('reset', X);
      },
      { idempotent: false },
    );
    await expect(call).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toBe(1);
  });

  it('does not repeat non-retryable errors, timestamp errors or a full local queue', async () => {
    const { p } = policy();
    const errors = [
      new InvalidOrderError('bad', X),
      new TimestampError('skew', X),
      new RateLimitError('queue full', { ...X, details: { reason: LOCAL_QUEUE_FULL } }),
      new Error('a bug'),
    ];
    for (const e of errors) {
      let calls = 0;
      await expect(p.run(async () => (calls++, Promise.reject(e)), { idempotent: true })).rejects.toBe(e);
      expect(calls).toBe(1);
    }
    expect(isRetryableError(new RateLimitError('venue', X))).toBe(true);
  });

  it('stops at maxAttempts and throws the last error', async () => {
    const { p, timers } = policy({ maxAttempts: 3, baseDelayMs: 10 });
    let calls = 0;
    const call = p.run(async () => Promise.reject(new NetworkError(`fail ${++calls}`, X)), { idempotent: true });
    await expect(drive(timers, call)).rejects.toThrow('fail 3');
  });

  it('honours retryAfterMs as a floor, and the total budget as a ceiling', async () => {
    const { p, timers, retries } = policy({ baseDelayMs: 10, maxDelayMs: 10, budgetMs: 2500, maxAttempts: 10 });
    let calls = 0;
    const call = p.run(async () => Promise.reject(new RateLimitError(`limited ${++calls}`, { ...X, retryAfterMs: 1000 })), { idempotent: true });
    await expect(drive(timers, call)).rejects.toThrow('limited 3');
    expect(retries.map((r) => r.delayMs)).toEqual([1000, 1000]); // a third wait would end past 2500 ms
    expect(timers.clock.now()).toBeLessThanOrEqual(2500);
  });

  it('an abort interrupts the backoff wait', async () => {
    const { p, timers } = policy({ baseDelayMs: 10_000, maxDelayMs: 10_000, random: () => 1 });
    const ac = new AbortController();
    const call = p.run(async () => Promise.reject(new NetworkError('x', X)), { idempotent: true, signal: ac.signal });
    await timers.advanceAsync(5);
    const reason = new Error('closing');
    ac.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(timers.pending).toBe(0);
  });
});

describe('withTimestampResync', () => {
  it('resyncs and runs exactly once more on a TimestampError', async () => {
    let calls = 0;
    let resyncs = 0;
    const result = await withTimestampResync(
      async () => {
        calls++;
        if (calls === 1) throw new TimestampError('10002', X);
        return 'signed again';
      },
      async () => void resyncs++,
    );
    expect([result, calls, resyncs]).toEqual(['signed again', 2, 1]);
  });

  it('a second TimestampError is final; a failed resync surfaces the original error', async () => {
    const first = new TimestampError('first', X);
    let calls = 0;
    await expect(withTimestampResync(async () => Promise.reject(calls++ === 0 ? first : new TimestampError('second', X)), async () => undefined)).rejects.toThrow('second');
    await expect(withTimestampResync(async () => Promise.reject(first), async () => Promise.reject(new Error('no time endpoint')))).rejects.toBe(first);
  });
});

describe('generateClientOrderId', () => {
  it('is URL-safe, at most 36 characters, valid for the neutral model, and unique', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) ids.add(generateClientOrderId());
    expect(ids.size).toBe(20_000);
    for (const id of [...ids].slice(0, 100)) {
      expect(id.length).toBeLessThanOrEqual(36);
      expect(id).toMatch(/^exk[A-Za-z0-9]+$/);
      expect(clientOrderIdSchema.safeParse(id).success).toBe(true);
    }
  });

  it('takes a prefix (≤ 16 of [A-Za-z0-9_-]) and embeds the time', () => {
    const id = generateClientOrderId('bot-7_', { clock: new ManualClock(Date.UTC(2026, 0, 1)) });
    expect(id.startsWith(`bot-7_${Date.UTC(2026, 0, 1).toString(36)}`)).toBe(true);
    expect(generateClientOrderId('p'.repeat(16)).length).toBe(36);
    expect(generateClientOrderId('').length).toBeLessThanOrEqual(36);
    expect(() => generateClientOrderId('has space')).toThrow(InvalidArgumentError);
    expect(() => generateClientOrderId('p'.repeat(17))).toThrow(InvalidArgumentError);
  });
});
