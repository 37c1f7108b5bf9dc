/**
 * A loopback venue that checks request timestamps the way Bybit does
 * (`serverTime − recvWindow ≤ ts < serverTime + 1000`, else retCode 10002) against its own clock,
 * which runs 30 s ahead and then jumps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RestTransport, RetryPolicy, ServerTimeSync, TimestampError, type RestTransportOptions } from '../../src/index.js';
import { RECV_WINDOW, bybitLikeDecoder, bybitLikeSigner, ok, verifyBybitLike } from '../transport/helpers/bybit-like.js';
import { LoopbackServer, json } from '../transport/helpers/loopback-server.js';

const KEY = 'resync-key-123456';
const SECRET = 'resync-secret-654321';
let skew = 30_000;
let server: LoopbackServer;
const cleanup: Array<() => unknown> = [];

beforeAll(async () => {
  server = await LoopbackServer.start((r, res) => {
    const serverNow = Date.now() + skew;
    if (r.path === '/v5/market/time') return json(res, 200, ok({ timeNano: `${serverNow}000000` }));
    const ts = Number(r.headers['x-bapi-timestamp']);
    if (!(serverNow - RECV_WINDOW <= ts && ts < serverNow + 1000)) {
      return json(res, 200, {
        retCode: 10002,
        retMsg: `invalid request, please check your server timestamp or recv_window param. req_timestamp[${ts}],server_timestamp[${serverNow}],recv_window[${RECV_WINDOW}]`,
        result: {},
      });
    }
    if (!verifyBybitLike(r, KEY, SECRET)) return json(res, 200, { retCode: 10004, retMsg: 'error sign!', result: {} });
    json(res, 200, ok({ balance: '100' }));
  });
});
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
  server.requests.length = 0;
  skew = 30_000;
});
afterAll(async () => {
  await server.close();
});

function wire(extra: Partial<RestTransportOptions> = {}, withSync = true): { transport: RestTransport; sync?: ServerTimeSync } {
  const timeSchema = z.object({ timeNano: z.string() });
  // Declared before use: the sync reads the venue's time through the same transport it stamps.
  const sync = withSync
    ? new ServerTimeSync({
        exchange: 'bybit-like',
        fetchServerTime: async (signal) => Number(BigInt((await transport.request({ path: '/v5/market/time', signal, schema: timeSchema })).timeNano) / 1_000_000n),
        recvWindowMs: RECV_WINDOW,
      })
    : undefined;
  const transport: RestTransport = new RestTransport({
    exchange: 'bybit-like',
    baseUrl: server.url,
    credentials: { apiKey: KEY, apiSecret: SECRET },
    signer: bybitLikeSigner,
    decoder: bybitLikeDecoder,
    retry: RetryPolicy.none(),
    ...(sync !== undefined && { time: sync }),
    ...extra,
  });
  cleanup.push(() => sync?.stop(), () => transport.close());
  return { transport, ...(sync !== undefined && { sync }) };
}

const balance = { path: '/v5/account/wallet-balance', signed: true, schema: z.object({ balance: z.string() }) } as const;
const signedCalls = (): number => server.to('/v5/account/wallet-balance').length;
const probes = (): number => server.to('/v5/market/time').length;

describe('timestamps stamped with the synced clock', () => {
  it('the first signed request syncs lazily and passes although the local clock is 30 s behind', async () => {
    const { transport, sync } = wire();
    await expect(transport.request(balance)).resolves.toEqual({ balance: '100' });
    expect(probes()).toBe(3);
    expect(signedCalls()).toBe(1);
    expect(Math.abs(sync!.offsetMs - 30_000)).toBeLessThanOrEqual(sync!.status.rttMs! + 1);
  });

  it('a timestamp-rejected response triggers a resync and exactly one retry; the caller sees success', async () => {
    const { transport, sync } = wire();
    await transport.request(balance);
    skew = 60_000; // the venue's clock jumps: our estimate is now 30 s off
    const before = { probes: probes(), signed: signedCalls() };
    await expect(transport.request(balance)).resolves.toEqual({ balance: '100' });
    expect(signedCalls() - before.signed).toBe(2);
    expect(probes() - before.probes).toBe(3);
    expect(Math.abs(sync!.offsetMs - 60_000)).toBeLessThanOrEqual(sync!.status.rttMs! + 1);
  });

  it('retries only once: a venue that keeps rejecting gives TimestampError after two attempts', async () => {
    const { transport } = wire();
    await transport.request(balance);
    const original = server.handler;
    server.handler = (r, res) => (r.path === '/v5/account/wallet-balance' ? json(res, 200, { retCode: 10002, retMsg: 'expired', result: {} }) : original(r, res));
    const before = signedCalls();
    try {
      await expect(transport.request(balance)).rejects.toBeInstanceOf(TimestampError);
      expect(signedCalls() - before).toBe(2);
    } finally {
      server.handler = original;
    }
  });

  it('without a synced clock the rejection is reported as TimestampError, not retried', async () => {
    const { transport } = wire({}, false);
    await expect(transport.request(balance)).rejects.toBeInstanceOf(TimestampError);
    expect(signedCalls()).toBe(1);
  });
});
