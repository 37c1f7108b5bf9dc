/** Wire-level faults of the simulator front, seen by a raw client. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBitunixSimulator, type BitunixSimulator } from '../../src/testing/index.js';
import { call, socket } from './helpers.js';

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
  it('offers the wire faults and not the book-delta ones', () => {
    expect(sim.control.faults).toEqual(expect.arrayContaining(['resetConnections', 'refuseConnections', 'unavailableWindow', 'malformedResponse', 'dropResponse', 'errorCode', 'loseEvents']));
    expect(sim.control.faults).not.toContain('sequenceGap');
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
