/** The front's idle cut (reference §1: no ping and no data for ~10 min → the server closes the socket), shortened. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBybitSimulator, type BybitSimulator } from '../../src/testing/index.js';
import { until } from './helpers.js';

let sim: BybitSimulator;

beforeAll(async () => {
  sim = await startBybitSimulator({ seed: 'idle', idleTimeoutMs: 1_000, heartbeatIntervalMs: 100 });
});
afterAll(async () => {
  await sim.close();
});

async function open(url: string): Promise<{ ws: WebSocket; closed: () => boolean }> {
  const ws = new WebSocket(url);
  let closed = false;
  ws.on('close', () => (closed = true));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, closed: () => closed };
}

describe('idle cut', () => {
  it('closes a silent socket, keeps a pinging one, and says so in connections() and limits()', async () => {
    const silent = await open(sim.wsPublicUrl('linear'));
    const pinging = await open(sim.wsPrivateUrl);
    const timer = setInterval(() => pinging.ws.send(JSON.stringify({ op: 'ping' })), 100);
    try {
      await until(() => silent.closed(), 'the silent socket cut', 5_000);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(pinging.closed()).toBe(false);
      const conns = await sim.control.connections();
      expect(conns.find((c) => c.scope === 'public')?.closedBy).toBe('idle');
      expect(conns.find((c) => c.scope === 'private')?.closedAt).toBeUndefined();
      expect(conns.find((c) => c.scope === 'private')!.heartbeats.length).toBeGreaterThan(5);
      expect(await sim.control.limits()).toMatchObject({ idleTimeoutMs: 1_000, heartbeatIntervalMs: 100 });
    } finally {
      clearInterval(timer);
      pinging.ws.close();
    }
  });
});
