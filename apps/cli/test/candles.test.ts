import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exkit } from './helpers/run.js';
import { bybitFlags, startBybitSimulator, type BybitSimulator } from './helpers/sims.js';

const MINUTE = 60_000;

describe('exkit candles: range download through the on-disk cache', () => {
  let sim: BybitSimulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startBybitSimulator({ seed: 'cli-candles' });
    dir = await mkdtemp(join(tmpdir(), 'exkit-cli-candles-'));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the second run of the same range is served from the cache: no request reaches the venue', async () => {
    // Two closed hours well in the past (the simulator keeps 1,500 synthetic 1m candles).
    const until = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE;
    const since = until - 120 * MINUTE;
    const args = ['candles', 'bybit', 'BTC/USDT:USDT', '-t', '1m', '--since', String(since), '--until', String(until), '--cache-dir', dir, ...bybitFlags(sim)];

    await sim.control.reset();
    const first = await exkit(args);
    expect(first.code, first.stderr).toBe(0);
    const rows = first.stdout.trim().split('\n');
    expect(rows[0]).toBe('open_time,open_time_ms,open,high,low,close,volume');
    expect(rows).toHaveLength(121);
    expect(rows[1]).toMatch(new RegExp(`^${new Date(since).toISOString()},${since},[\\d.]+,`));
    const afterFirst = await sim.control.receivedRequests();
    expect(afterFirst.filter((r) => r.operation === 'fetchCandles').length).toBeGreaterThan(0);

    const second = await exkit(args);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain('all from the cache');
    expect(await sim.control.receivedRequests()).toHaveLength(afterFirst.length);
  });

  it('JSON output carries decimal strings, never floats', async () => {
    const until = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    const r = await exkit(['candles', 'bybit', 'BTC/USDT:USDT', '-t', '1m', '--since', String(until - 5 * MINUTE), '--until', String(until), '-f', 'json', '--no-cache', ...bybitFlags(sim)]);
    expect(r.code, r.stderr).toBe(0);
    const candles = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(candles).toHaveLength(5);
    for (const c of candles) for (const k of ['open', 'high', 'low', 'close', 'volume']) expect(typeof c[k]).toBe('string');
  });
});
