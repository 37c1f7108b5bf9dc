import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClosedError, RateLimiter, RestTransport, RetryPolicy } from '../../src/index.js';
import { LoopbackServer, json } from './helpers/loopback-server.js';

let server: LoopbackServer;

beforeAll(async () => {
  server = await LoopbackServer.start((r, res) => {
    if (r.path === '/hang') return;
    if (r.path === '/flaky') return json(res, 503, {});
    json(res, 200, { ok: true });
  });
});
afterAll(async () => {
  await server.close();
});

function handles(): { sockets: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return { sockets: info.filter((n) => n === 'TCPSocketWrap').length, timers: info.filter((n) => n === 'Timeout').length };
}

describe('close()', () => {
  it('rejects calls in flight, queued in the limiter or waiting out a backoff with ClosedError; later calls too', async () => {
    const limiter = new RateLimiter({ buckets: { ip: { limit: 1, windowMs: 60_000 } }, headroom: 0 });
    const t = new RestTransport({
      exchange: 'c',
      baseUrl: server.url,
      limiter,
      retry: new RetryPolicy({ maxAttempts: 5, baseDelayMs: 10_000, maxDelayMs: 10_000, random: () => 1 }),
    });
    await t.request({ path: '/ok', cost: { ip: 1 } }); // uses the bucket's only slot for a minute
    const inFlight = t.request({ path: '/hang' });
    const queued = t.request({ path: '/ok', cost: { ip: 1 } });
    const backingOff = t.request({ path: '/flaky' });
    await until(() => server.to('/hang').length === 1 && server.to('/flaky').length === 1);
    const before = server.requests.length;

    await t.close();
    for (const p of [inFlight, queued, backingOff]) await expect(p).rejects.toBeInstanceOf(ClosedError);
    await expect(t.request({ path: '/ok' })).rejects.toBeInstanceOf(ClosedError);
    expect(t.closed).toBe(true);
    expect(server.requests.length).toBe(before);
    expect(limiter.snapshot()[0]!.queued).toBe(0);
    limiter.close();
  });

  it('each caller gets its own ClosedError (errors are mutated by withMethod upstream)', async () => {
    const t = new RestTransport({ exchange: 'c', baseUrl: server.url, retry: RetryPolicy.none() });
    const a = t.request({ path: '/hang' }).catch((e: unknown) => e);
    const b = t.request({ path: '/hang' }).catch((e: unknown) => e);
    await until(() => server.to('/hang').length >= 3);
    await t.close();
    const [ea, eb] = await Promise.all([a, b]);
    expect(ea).toBeInstanceOf(ClosedError);
    expect(ea).not.toBe(eb);
  });

  it('leaves no sockets or timers behind in this process', async () => {
    const baseline = handles();
    const t = new RestTransport({ exchange: 'c', baseUrl: server.url, retry: RetryPolicy.none(), timeoutMs: 5_000 });
    await Promise.all(Array.from({ length: 5 }, () => t.request({ path: '/ok' })));
    const hanging = t.request({ path: '/hang' }).catch(() => undefined);
    await until(() => handles().sockets > baseline.sockets);
    await t.close();
    await hanging;
    await until(() => {
      const now = handles();
      return now.sockets <= baseline.sockets && now.timers <= baseline.timers;
    });
  });

  it('a child process using the transport exits by itself after close()', async () => {
    const script = fileURLToPath(new URL('./helpers/close-child.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (errText += d.toString()));
    const code = await new Promise<number | null | 'hung'>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('hung');
      }, 8_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect({ code, out: out.trim(), errText }).toEqual({ code: 0, out: 'closed-ok', errText: '' });
  });
});

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
