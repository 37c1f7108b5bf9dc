import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStream } from '../../src/streams/index.js';
import { TopicManager } from '../../src/ws/index.js';
import { fakeProtocol } from './helpers/fake-protocol.js';
import { appPing, FakeVenue, until } from './helpers/fake-venue.js';

const TSX = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./fixtures/subscribe-then-close.ts', import.meta.url));

let venue: FakeVenue;
beforeEach(async () => {
  venue = await FakeVenue.start();
  venue.onSubscribe = (_c, topics) => setTimeout(() => topics.forEach((t) => venue.publish(t, { t })), 10);
});
afterEach(async () => {
  await venue.close();
});

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  killed: boolean;
  /** From the child's `closed` line to its exit. */
  lingerMs: number;
}

function runChild(args: string[], timeoutMs: number): Promise<ChildRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(TSX, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const closedAt = Number(/closed at (\d+)/.exec(stdout)?.[1] ?? started);
      resolve({ code, stdout, stderr, killed, lingerMs: Date.now() - closedAt });
    });
  });
}

/** What keeps a process alive, by kind (Timeout, TCPSocketWrap, …). */
function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

describe('no handles left', () => {
  it('a child process that subscribes, reads and closes exits on its own', async () => {
    const r = await runChild([venue.url], 15_000);
    expect(r.stderr).toBe('');
    expect(r.killed).toBe(false);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('item {"topic":"tickers.BTCUSDT","data":{"t":"tickers.BTCUSDT"}}');
    expect(r.stdout).toContain('closed at');
    expect(r.lingerMs).toBeLessThan(700);
  });

  it('a child process that closes while waiting to reconnect exits on its own', async () => {
    // Kill the connection as soon as the child has read its item, so it is in backoff when it closes.
    venue.onSubscribe = (c, topics) =>
      setTimeout(() => {
        topics.forEach((t) => venue.publish(t, { t }));
        setTimeout(() => c.ws.terminate(), 50);
      }, 10);
    const r = await runChild([venue.url, 'backoff'], 15_000);
    expect(r.stderr).toBe('');
    expect(r.killed).toBe(false);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('in backoff');
    expect(r.stdout).toContain('closed at');
    expect(r.lingerMs).toBeLessThan(700); // the ~1 s reconnect timer was cleared, not waited out
  });

  it('in-process: active resources return to the baseline after close', async () => {
    const baseline = resources();
    const manager = new TopicManager({
      name: 'in-proc',
      protocol: fakeProtocol(),
      socket: { url: venue.url, heartbeat: { ...appPing, intervalMs: 20, timeoutMs: 500 }, rateLimit: { messages: 2, perMs: 500 } },
    });
    const subs = ['a', 'b', 'c'].map((t) => openStream<unknown>({ manager, venueTopic: t, mode: 'queue', map: (m, emit) => emit(m) }));
    await Promise.all(subs.map((s) => s.ready));
    for (let i = 0; i < 5; i++) manager.connections[0]!.send({ op: 'note', i }).catch(() => undefined);
    expect(resources().TCPSocketWrap ?? 0).toBeGreaterThan(baseline.TCPSocketWrap ?? 0);
    await manager.close();
    for (const s of subs) expect(s.closed).toBe(true);
    await until(() => {
      const now = resources();
      return (now.TCPSocketWrap ?? 0) <= (baseline.TCPSocketWrap ?? 0) && (now.Timeout ?? 0) <= (baseline.Timeout ?? 0);
    }, `resources back to baseline (baseline ${JSON.stringify(baseline)}, now ${JSON.stringify(resources())})`, 3_000);
  });
});
