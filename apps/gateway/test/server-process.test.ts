// The server as users run it: a child process that prints its URL, docs URL and the first admin password once,
// answers /health, refuses a second start on the same data directory, and exits 0 on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/gateway.js';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const dir = tempDir();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', EXKIT_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return { child, out: () => out, err: () => err };
}

async function waitFor(read: () => string, re: RegExp, ms = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const m = re.exec(read());
    if (m) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${re} in: ${read()}`);
}

describe('server process', () => {
  it('starts, prints URL, docs and the first password once, serves, refuses a twin, exits 0 on SIGTERM', async () => {
    const first = start({});
    const [, url] = await waitFor(first.out, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const out = await waitFor(first.out, /password: (\S+)/);
    expect(first.out()).toContain(`${url}/docs`);
    const password = out[1] ?? '';
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(login.status).toBe(200);

    const twin = start({});
    const [code] = (await once(twin.child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(twin.err()).toMatch(/data directory .* is in use by another gateway/);

    first.child.kill('SIGTERM');
    const [exit] = (await once(first.child, 'exit')) as [number];
    expect(exit).toBe(0);

    const again = start({});
    await waitFor(again.out, /listening on/);
    expect(again.out()).not.toContain('password');
    again.child.kill('SIGTERM');
    expect(((await once(again.child, 'exit')) as [number])[0]).toBe(0);
  }, 180_000);

  it('a bad configuration value stops the start with a message naming it', async () => {
    const bad = start({ PORT: 'eighty' });
    const [code] = (await once(bad.child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(bad.err()).toMatch(/port \(PORT\)/);
  }, 60_000);
});
