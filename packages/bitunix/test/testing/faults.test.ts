/** Wire-level faults of the simulator front, seen by a raw client. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBitunixSimulator, type BitunixSimulator } from '../../src/testing/index.js';
import { call, socket, until } from './helpers.js';

let sim: BitunixSimulator;
const TICKERS = '/api/v1/futures/market/tickers';
const raw = async (): Promise<{ status: number; text: string }> => {
  const res = await fetch(`${sim.restUrl}${TICKERS}?symbols=BTCUSDT`);
  return { status: res.status, text: await res.text() };
};

beforeAll(async () => {
  sim = await startBitunixSimulator({ seed: 'faults', enforceRateLimits: false });
});
afterEach(async () => {
  await sim.control.clearFaults();
});
afterAll(async () => {
  await sim.close();
});

describe('simulator faults', () => {
  it('offers the wire faults and the book faults of a snapshot feed', () => {
    expect(sim.control.faults).toEqual(
      expect.arrayContaining(['resetConnections', 'refuseConnections', 'unavailableWindow', 'malformedResponse', 'dropResponse', 'errorCode', 'loseEvents', 'sequenceGap', 'duplicateFrames', 'crossedBook']),
    );
  });

  it('book faults: a stalled feed until resubscribed, an old window re-sent then the new one twice, a crossed window', async () => {
    await sim.control.freeze(true);
    const s = await socket(sim.wsPublicUrl);
    const depth = (): Array<{ ts: number; data: { b: string[][]; a: string[][] } }> =>
      s.frames.filter((f) => f['ch'] === 'depth_book5') as unknown as Array<{ ts: number; data: { b: string[][]; a: string[][] } }>;
    const sub = JSON.stringify({ op: 'subscribe', args: [{ symbol: 'BTCUSDT', ch: 'depth_book5' }] });
    s.ws.send(sub);
    await until(() => depth().length >= 2, 'depth pushes');
    await sim.control.fault({ kind: 'sequenceGap', nativeId: 'BTCUSDT' });
    const stalledAt = depth().length;
    const ping = s.frames.length;
    s.ws.send(JSON.stringify({ op: 'ping', ping: 1 }));
    await until(() => s.frames.slice(ping).some((f) => f['op'] === 'ping'), 'pong');
    expect(depth().length).toBeLessThanOrEqual(stalledAt + 1); // at most one push already on the wire
    const before = depth().length;
    s.ws.send(JSON.stringify({ op: 'unsubscribe', args: [{ symbol: 'BTCUSDT', ch: 'depth_book5' }] }));
    s.ws.send(sub);
    await until(() => depth().length > before, 'pushes again after the resubscribe');

    await sim.control.fault({ kind: 'crossedBook', nativeId: 'BTCUSDT' });
    await until(() => depth().some((f) => f.data.b[0]![0] === f.data.a[0]![0]), 'a crossed window');

    const top = depth().at(-1)!;
    await sim.control.fault({ kind: 'duplicateFrames', nativeId: 'BTCUSDT' });
    const n = depth().length;
    const bid = top.data.b[1]![0]!;
    const isChanged = (f: { data: { b: string[][] } }): boolean => f.data.b.some((l) => l[0] === bid && l[1] === '7.777');
    await sim.control.changeBook('BTCUSDT', [{ side: 'bid', price: bid, size: '7.777' }]);
    await until(() => depth().slice(n).some(isChanged), `the changed window ${bid}`);
    const after = depth().slice(n);
    const changed = after.findIndex(isChanged);
    expect(changed).toBeGreaterThanOrEqual(1);
    expect(isChanged(after[changed - 1]!)).toBe(false); // the previous window, re-sent
    expect(after[changed + 1]).toEqual(after[changed]); // the new one, twice
    s.ws.close();
    await sim.control.freeze(false);
  });

  it('unavailable window: HTTP 503 HTML page, or 10001 under maintenance', async () => {
    await sim.control.fault({ kind: 'unavailableWindow', durationMs: 60_000 });
    const r = await raw();
    expect([r.status, r.text.startsWith('<html>')]).toEqual([503, true]);
    await sim.control.clearFaults();
    await sim.control.fault({ kind: 'unavailableWindow', durationMs: 60_000, maintenance: true });
    expect((await call(sim.restUrl, 'GET', TICKERS, { symbols: 'BTCUSDT' })).code).toBe(10001);
  });

  it('rate-limit window → 10005; injected code; malformed bodies; delayed answers', async () => {
    await sim.control.fault({ kind: 'rateLimitWindow', durationMs: 60_000 });
    expect((await call(sim.restUrl, 'GET', TICKERS, {})).code).toBe(10005);
    await sim.control.clearFaults();
    await sim.control.fault({ kind: 'errorCode', code: 20015, operation: 'fetchTickers', times: 1 });
    expect((await call(sim.restUrl, 'GET', TICKERS, {})).code).toBe(20015);
    expect((await call(sim.restUrl, 'GET', TICKERS, {})).code).toBe(0);
    await sim.control.fault({ kind: 'malformedResponse', variant: 'invalidJson', operation: 'fetchTicker', times: 1 });
    const bad = await raw();
    expect(() => JSON.parse(bad.text) as unknown).toThrow();
    await sim.control.fault({ kind: 'malformedResponse', variant: 'html502', times: 1 });
    expect((await raw()).status).toBe(502);
    await sim.control.fault({ kind: 'malformedResponse', variant: 'missingField', times: 1 });
    expect(JSON.parse((await raw()).text)).not.toHaveProperty('code');
    await sim.control.fault({ kind: 'delayResponses', delayMs: 300, durationMs: 60_000 });
    const t0 = Date.now();
    await raw();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it('dropped response: the order exists, the connection is cut', async () => {
    await sim.control.fault({ kind: 'dropResponse', operation: 'placeOrder' });
    await expect(call(sim.restUrl, 'POST', '/api/v1/futures/trade/place_order', { symbol: 'BTCUSDT', side: 'BUY', orderType: 'MARKET', qty: '0.001' }, { apiKey: sim.apiKey, apiSecret: sim.apiSecret })).rejects.toThrow();
    expect((await sim.control.orders()).length).toBe(1);
  });

  it('refused and reset sockets are recorded', async () => {
    await sim.control.fault({ kind: 'refuseConnections', scope: 'ws', durationMs: 60_000 });
    await expect(socket(sim.wsPublicUrl)).rejects.toThrow();
    await sim.control.clearFaults();
    const s = await socket(sim.wsPublicUrl);
    await sim.control.fault({ kind: 'resetConnections', scope: 'public' });
    expect(await s.closed).toBe(1006);
    const conns = await sim.control.connections();
    expect(conns.slice(-2).map((c) => [c.refused === true, c.closedBy])).toEqual([
      [true, 'venue'],
      [false, 'fault'],
    ]);
  });
});
