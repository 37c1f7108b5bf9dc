import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/errors/error-classes.js';
import { ReconnectingSocket } from '../../src/ws/index.js';
import { appPing, FakeVenue, until } from './helpers/fake-venue.js';

let venue: FakeVenue;
let s: ReconnectingSocket | undefined;
beforeEach(async () => {
  venue = await FakeVenue.start();
});
afterEach(async () => {
  await s?.close();
  await venue.close();
});

describe('authenticate hook', () => {
  it('a failing login backs off with growing delays (no tight loop) and succeeds later; resubscribe runs after it', async () => {
    venue.authOk = (attempt) => attempt >= 5;
    const order: string[] = [];
    const delays: number[] = [];
    const errors: unknown[] = [];
    s = new ReconnectingSocket({
      name: 'private',
      exchange: 'fake',
      url: venue.url,
      heartbeat: { ...appPing, intervalMs: 1_000, timeoutMs: 1_000 },
      backoff: { initialDelayMs: 25, maxDelayMs: 1_000, factor: 2, random: () => 1 },
      authenticate: async (ctx) => {
        order.push(`auth#${ctx.epoch}`);
        await ctx.send({ op: 'auth', req_id: 'a', args: ['key'] });
        const reply = await ctx.waitFor((m) => ((m as { op?: string }).op === 'auth' ? (m as { success: boolean; ret_msg?: string }) : undefined));
        if (!reply.success) throw new AuthenticationError(`login refused: ${reply.ret_msg}`, { exchange: 'fake' });
      },
      resubscribe: async (ctx) => {
        order.push(`resubscribe#${ctx.epoch}`);
        return [];
      },
    });
    s.on('reconnecting', (e) => delays.push(e.delayMs));
    s.on('error', (e) => errors.push(e.error));
    s.start();
    await until(() => s!.isReady, 'logged in', 5_000);

    expect(venue.authAttempts).toHaveLength(5);
    expect(delays).toEqual([25, 50, 100, 200]);
    const gaps = venue.authAttempts.slice(1).map((t, i) => t - venue.authAttempts[i]!);
    // Timers never fire early, so each gap is at least its delay (an upper bound would be a timed assertion).
    for (let i = 0; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(delays[i]! - 5);
    expect(errors).toHaveLength(4);
    for (const e of errors) expect(e).toBeInstanceOf(AuthenticationError);
    expect(order).toEqual(['auth#1', 'auth#2', 'auth#3', 'auth#4', 'auth#5', 'resubscribe#5']);
    expect(venue.connections.slice(0, 4).every((c) => c.subscribeLog.length === 0)).toBe(true);
  });

  it('a login reply that never comes times out and is retried like a refusal', async () => {
    let attempts = 0;
    s = new ReconnectingSocket({
      name: 'private',
      url: venue.url,
      heartbeat: false,
      waitTimeoutMs: 50,
      backoff: { initialDelayMs: 10, random: () => 1 },
      authenticate: async (ctx) => {
        attempts++;
        if (attempts < 3) await ctx.waitFor(() => undefined); // never matches
      },
    });
    const reasons: string[] = [];
    s.on('reconnecting', (e) => reasons.push(e.reason));
    s.start();
    await until(() => s!.isReady, 'ready');
    expect(attempts).toBe(3);
    expect(reasons.every((r) => /authenticate failed: .*no matching reply within 50 ms/.test(r))).toBe(true);
  });
});

describe('hook timeout', () => {
  it('a hook that never settles fails the attempt instead of wedging the connection', async () => {
    let attempts = 0;
    s = new ReconnectingSocket({
      name: 'private',
      url: venue.url,
      heartbeat: false,
      hookTimeoutMs: 80,
      backoff: { initialDelayMs: 10, random: () => 1 },
      authenticate: async () => {
        attempts++;
        if (attempts === 1) await new Promise(() => undefined);
      },
    });
    const reasons: string[] = [];
    s.on('reconnecting', (e) => reasons.push(e.reason));
    s.start();
    await until(() => s!.isReady, 'ready');
    expect(attempts).toBe(2);
    expect(reasons).toEqual([expect.stringMatching(/authenticate failed: .*authenticate did not finish within 80 ms/)]);
  });
});
