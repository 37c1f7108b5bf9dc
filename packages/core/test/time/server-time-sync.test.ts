import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ClosedError,
  DATE_HEADER_PRECISION_MS,
  ManualClock,
  ManualTimers,
  RestTransport,
  RetryPolicy,
  ServerTimeSync,
  UnexpectedResponseError,
  serverTimeFromDateHeader,
  systemTimers,
} from '../../src/index.js';
import { captureLogger } from '../transport/helpers/capture-logger.js';
import { LoopbackServer, json } from '../transport/helpers/loopback-server.js';

const SKEW = 30_000;
let server: LoopbackServer;
let transport: RestTransport;
const syncs: ServerTimeSync[] = [];

beforeAll(async () => {
  server = await LoopbackServer.start(async (r, res) => {
    // Uneven service time before the venue reads its clock: the estimate must still hold.
    await new Promise((resolve) => setTimeout(resolve, (server.requests.length * 7) % 15));
    if (r.path === '/time') return json(res, 200, { time: Date.now() + SKEW });
    res.writeHead(200, { 'content-type': 'application/json', date: new Date(Date.now() + SKEW).toUTCString() });
    res.end('{}');
  });
  transport = new RestTransport({ exchange: 'clock', baseUrl: server.url, retry: RetryPolicy.none() });
});
afterEach(() => {
  for (const s of syncs.splice(0)) s.stop();
});
afterAll(async () => {
  await transport.close();
  await server.close();
});

function track(s: ServerTimeSync): ServerTimeSync {
  syncs.push(s);
  return s;
}

describe('ServerTimeSync against a server whose clock is 30 s ahead', () => {
  it('converges within one RTT from a JSON time field', async () => {
    const sync = track(
      new ServerTimeSync({
        fetchServerTime: async (signal) => (await transport.request({ path: '/time', signal, schema: z.object({ time: z.number() }) })).time,
        probes: 4,
      }),
    );
    const status = await sync.sync();
    expect(status.synced).toBe(true);
    expect(Math.abs(status.offsetMs - SKEW)).toBeLessThanOrEqual(status.rttMs! + 1); // +1: the offset is rounded to whole ms
    expect(Math.abs(sync.now() - (Date.now() + SKEW))).toBeLessThanOrEqual(status.rttMs! + 2);
    expect(server.to('/time')).toHaveLength(4);
  });

  it('converges within RTT/2 ± 500 ms from the HTTP Date header', async () => {
    const sync = track(new ServerTimeSync({ fetchServerTime: async (signal) => serverTimeFromDateHeader((await transport.send({ path: '/any', signal })).headers) }));
    const status = await sync.sync();
    expect(status.uncertaintyMs).toBeGreaterThanOrEqual(DATE_HEADER_PRECISION_MS);
    expect(Math.abs(status.offsetMs - SKEW)).toBeLessThanOrEqual(status.rttMs! / 2 + DATE_HEADER_PRECISION_MS + 1);
  });

  it('says clearly when the local clock is outside the receive window', async () => {
    const log = captureLogger();
    const sync = track(
      new ServerTimeSync({
        fetchServerTime: async () => (await transport.request({ path: '/time', schema: z.object({ time: z.number() }) })).time,
        recvWindowMs: 5000,
        logger: log,
      }),
    );
    expect(sync.status.localClockOutsideRecvWindow).toBe(false);
    await sync.sync();
    expect(sync.status.localClockOutsideRecvWindow).toBe(true);
    const warn = log.records.find((r) => r.level === 'warn');
    expect(warn?.msg).toMatch(/local clock is \d+ ms behind the exchange's, more than its 5000 ms receive window/);
    expect(warn?.msg).toMatch(/NTP/);
  });
});

describe('ServerTimeSync mechanics (manual clock)', () => {
  /** A venue 1234 ms ahead whose probes take the given round trips (the venue reads its clock mid-way). */
  function scripted(rtts: number[]) {
    const timers = new ManualTimers(new ManualClock(1_700_000_000_000));
    let i = 0;
    const calls: number[] = [];
    const fetchServerTime = async (): Promise<number> => {
      const rtt = rtts[i++ % rtts.length]!;
      calls.push(rtt);
      timers.clock.advance(rtt / 2);
      const serverTime = timers.clock.now() + 1234;
      timers.clock.advance(rtt / 2);
      return serverTime;
    };
    return { timers, fetchServerTime, calls };
  }

  it('keeps the probe with the smallest round trip', async () => {
    const { timers, fetchServerTime } = scripted([40, 10, 30]);
    const sync = track(new ServerTimeSync({ fetchServerTime, clock: timers.clock, timers }));
    const s = await sync.sync();
    expect(s).toMatchObject({ offsetMs: 1234, rttMs: 10, uncertaintyMs: 5 });
  });

  it('refreshes periodically once started, and stop() clears the timer', async () => {
    const { timers, fetchServerTime, calls } = scripted([2]);
    const sync = track(new ServerTimeSync({ fetchServerTime, clock: timers.clock, timers, probes: 1, refreshIntervalMs: 60_000 }));
    sync.start();
    await timers.advanceAsync(0);
    expect(calls).toHaveLength(1);
    await timers.advanceAsync(60_000);
    expect(calls).toHaveLength(2);
    await timers.advanceAsync(60_000);
    expect(calls).toHaveLength(3);
    sync.stop();
    expect(timers.pending).toBe(0);
    await timers.advanceAsync(600_000);
    expect(calls).toHaveLength(3);
  });

  it('the refresh timer does not hold the process open', async () => {
    const before = process.getActiveResourcesInfo().filter((n) => n === 'Timeout').length;
    const created: Array<{ ms: number; unref: boolean }> = [];
    const timers = {
      setTimeout: (cb: () => void, ms: number, o?: { unref?: boolean }) => (created.push({ ms, unref: o?.unref === true }), systemTimers.setTimeout(cb, ms, o)),
      clearTimeout: (h: unknown) => systemTimers.clearTimeout(h),
    };
    const sync = track(new ServerTimeSync({ fetchServerTime: async () => Date.now(), probes: 1, refreshIntervalMs: 60_000, timers }));
    sync.start();
    await sync.sync();
    await new Promise((r) => setImmediate(r));
    expect(created).toEqual([{ ms: 60_000, unref: true }]);
    expect(process.getActiveResourcesInfo().filter((n) => n === 'Timeout').length).toBeLessThanOrEqual(before);
    sync.stop();
  });

  it('coalesces concurrent resyncs, and skips one when a newer estimate exists', async () => {
    const { timers, fetchServerTime, calls } = scripted([4]);
    const sync = track(new ServerTimeSync({ fetchServerTime, clock: timers.clock, timers, probes: 2 }));
    await Promise.all([sync.resync('a'), sync.resync('b'), sync.sync()]);
    expect(calls).toHaveLength(2);
    const signedBefore = timers.clock.now() - 1000; // a request signed before that sync started
    await sync.resync('stale request', signedBefore);
    expect(calls).toHaveLength(2);
    await sync.resync('fresh rejection', timers.clock.now());
    expect(calls).toHaveLength(4);
  });

  it('a failed sync is reported, logged and does not block signing', async () => {
    const log = captureLogger();
    const sync = track(
      new ServerTimeSync({
        fetchServerTime: async () => Promise.reject(new UnexpectedResponseError('time endpoint down', { exchange: 'x' })),
        logger: log,
        probes: 2,
      }),
    );
    await expect(sync.sync()).rejects.toBeInstanceOf(UnexpectedResponseError);
    await expect(sync.ensureSynced()).resolves.toBeUndefined();
    expect(sync.status).toMatchObject({ synced: false, offsetMs: 0 });
    expect(sync.status.lastError).toMatch(/time endpoint down/);
    expect(log.records.some((r) => r.level === 'warn')).toBe(true);
  });

  it('refuses a reading that is not epoch milliseconds (seconds would shift every signature)', async () => {
    const sync = track(new ServerTimeSync({ fetchServerTime: async () => 1_700_000_000, probes: 1 }));
    await expect(sync.sync()).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('stop() aborts a sync under way', async () => {
    const sync = track(
      new ServerTimeSync({
        fetchServerTime: (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      }),
    );
    const pending = sync.sync();
    sync.stop();
    await expect(pending).rejects.toBeInstanceOf(ClosedError);
  });
});

describe('serverTimeFromDateHeader', () => {
  it('takes the middle of the stamped second, ±500 ms', () => {
    expect(serverTimeFromDateHeader('Thu, 01 Jan 2026 12:00:07 GMT')).toEqual({ serverTime: Date.UTC(2026, 0, 1, 12, 0, 7, 500), precisionMs: 500 });
    expect(serverTimeFromDateHeader({ date: 'Thu, 01 Jan 2026 12:00:07 GMT' }).serverTime).toBe(Date.UTC(2026, 0, 1, 12, 0, 7, 500));
    expect(() => serverTimeFromDateHeader({})).toThrow(UnexpectedResponseError);
    expect(() => serverTimeFromDateHeader('yesterday-ish')).toThrow(UnexpectedResponseError);
  });
});
