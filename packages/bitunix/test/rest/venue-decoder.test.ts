/** The live decoder: a 10007 under a skewed signing clock is a TimestampError; repeated rate-limit breaches pace up. */
import { AuthenticationError, RateLimitError, TimestampError, type Clock } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { BreachPacer } from '../../src/rest/breaches.js';
import { createEnvelopeDecoder } from '../../src/rest/envelope.js';

const VENUE = Date.UTC(2026, 10, 23, 12, 0, 0);
const at = (ms: number): Clock => ({ now: () => ms });
const context = (date: number) => ({ exchange: 'bitunix', method: 'GET' as const, path: '/api/v1/futures/account', status: 200, headers: { date: new Date(date).toUTCString() } });
const SIGN_ERROR = { code: 10007, data: null, msg: 'Sign signature error' };
const TOO_MANY = { code: 10005, data: null, msg: 'Too many requests, please try again later' };

describe('createEnvelopeDecoder', () => {
  it('10007 with the signing clock 30 s behind the reply Date → TimestampError; in step → AuthenticationError', () => {
    const skewed = createEnvelopeDecoder({ signingClock: at(VENUE - 30_000), pacer: new BreachPacer(at(0)) });
    const stale = skewed(SIGN_ERROR, context(VENUE));
    expect('error' in stale && stale.error).toBeInstanceOf(TimestampError);
    expect('error' in stale && stale.error.code).toBe(10007);
    const inStep = createEnvelopeDecoder({ signingClock: at(VENUE + 400), pacer: new BreachPacer(at(0)) });
    const bad = inStep(SIGN_ERROR, context(VENUE));
    expect('error' in bad && bad.error).toBeInstanceOf(AuthenticationError);
  });

  it('a reply without a Date header keeps 10007 an authentication error', () => {
    const d = createEnvelopeDecoder({ signingClock: at(VENUE - 30_000), pacer: new BreachPacer(at(0)) });
    const r = d(SIGN_ERROR, { ...context(VENUE), headers: {} });
    expect('error' in r && r.error).toBeInstanceOf(AuthenticationError);
  });

  it('rate-limit pauses: 1 s, ×4 while breaches repeat, one level for a burst of concurrent refusals, reset by a success', () => {
    let now = 0;
    const clock: Clock = { now: () => now };
    const d = createEnvelopeDecoder({ signingClock: clock, pacer: new BreachPacer(clock) });
    const pause = (): number | undefined => {
      const r = d(TOO_MANY, context(VENUE));
      return 'error' in r && r.error instanceof RateLimitError ? r.error.retryAfterMs : undefined;
    };
    expect([pause(), pause(), pause()]).toEqual([1_000, 1_000, 1_000]); // three calls refused by one window
    now += 1_000;
    expect(pause()).toBe(4_000);
    now += 4_000;
    expect(pause()).toBe(16_000);
    now += 16_000;
    expect(pause()).toBe(16_000); // capped
    d({ code: 0, data: {}, msg: 'Success' }, context(VENUE));
    now += 1_000;
    expect(pause()).toBe(1_000);
  });
});
