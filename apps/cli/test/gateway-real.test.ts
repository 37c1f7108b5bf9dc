import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, exkit, transcript, waitForOutput } from './helpers/run.js';

/**
 * The CLI against the real, built gateway (apps/gateway/dist/server.js) started as a subprocess on loopback
 * with a temporary data directory: no import of the gateway, only its process and its HTTP API.
 */
const SERVER = fileURLToPath(new URL('../../gateway/dist/server.js', import.meta.url));
const ADMIN_PASSWORD = `cli-real-test-${process.pid}-pw`;

let gateway: ChildProcess;
let gatewayOut = '';
let dataDir: string;
let url: string;
let token: string;

beforeAll(async () => {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: build @exkit/gateway first (pnpm turbo run build --filter=@exkit/gateway...)`);
  dataDir = mkdtempSync(join(tmpdir(), 'exkit-cli-gw-'));
  gateway = spawn(process.execPath, [SERVER], {
    env: cleanEnv({ HOST: '127.0.0.1', PORT: '0', EXKIT_DATA_DIR: dataDir, EXKIT_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout?.on('data', (d: Buffer) => (gatewayOut += d.toString('utf8')));
  gateway.stderr?.on('data', (d: Buffer) => (gatewayOut += d.toString('utf8')));
  const text = await waitForOutput(gateway, 'stdout', (t) => /listening on http:\/\/\S+/.test(t), 45_000);
  url = /listening on (http:\/\/\S+)/.exec(text)?.[1] ?? '';
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  expect(login.status).toBe(200);
  token = ((await login.json()) as { access_token: string }).access_token;
  expect(token.length).toBeGreaterThan(20);
}, 60_000);

afterAll(async () => {
  if (gateway.exitCode === null) {
    const exited = new Promise<number | null>((resolve) => gateway.once('exit', (code) => resolve(code)));
    gateway.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
  rmSync(dataDir, { recursive: true, force: true });
  // The gateway neither prints nor logs the admin password or a token.
  expect(gatewayOut).not.toContain(ADMIN_PASSWORD);
  expect(gatewayOut).not.toContain(token);
}, 30_000);

const env = (t = token): Record<string, string> => ({ EXKIT_GATEWAY_URL: url, EXKIT_GATEWAY_TOKEN: t });

describe('exkit gateway against the real gateway process', () => {
  it('status: the system, the engine and both simulated venues', async () => {
    const r = await exkit(['gateway', 'status'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/│ system\.status +│ (operational|degraded) +│/);
    expect(r.stdout).toMatch(/│ trading_bot\.status +│ \w+ +│/);
    const json = await exkit(['gateway', 'status', '--json'], { env: env() });
    const body = JSON.parse(json.stdout) as { exchange: { id: string; env: string }[] };
    expect(body.exchange.map((v) => v.env)).toEqual(['sim', 'sim']);
  });

  it('command: start then stop the engine, journaled with the reason', async () => {
    const start = await exkit(['gateway', 'command', 'start', '--reason', 'cli real test', '--json'], { env: env() });
    expect(start.code, start.stderr).toBe(0);
    expect(JSON.parse(start.stdout)).toMatchObject({ success: true });
    const running = JSON.parse((await exkit(['gateway', 'status', '--json'], { env: env() })).stdout) as { trading_bot: { status: string } };
    expect(running.trading_bot.status).toBe('running');
    const stop = await exkit(['gateway', 'command', 'stop', '--reason', 'cli real test done'], { env: env() });
    expect(stop.code, stop.stderr).toBe(0);
    const stopped = JSON.parse((await exkit(['gateway', 'status', '--json'], { env: env() })).stdout) as { trading_bot: { status: string } };
    expect(stopped.trading_bot.status).toBe('stopped');
  });

  it('keys: create (shown once), list (never the key), use, revoke (refused at once)', async () => {
    const created = await exkit(['gateway', 'keys', 'create', '--name', 'cli-real', '--permissions', 'READ_ONLY'], { env: env() });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain('will not show it again');
    const field = (name: string): string => new RegExp(`│ ${name} +│ (\\S+) +│`).exec(created.stdout)?.[1] ?? '';
    const key = { key_id: field('key_id'), api_key: field('api_key') };
    expect(field('name')).toBe('cli-real');
    expect(key.key_id).not.toBe('');
    expect(key.api_key.length).toBeGreaterThan(20);

    const list = await exkit(['gateway', 'keys', 'list'], { env: env() });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`│ ${key.key_id} +│ cli-real +│ READ_ONLY +│`));
    expect(list.stdout).not.toContain(key.api_key);

    // The new key works as a token until it is revoked.
    const asKey = await exkit(['gateway', 'status'], { env: env(key.api_key) });
    expect(asKey.code, asKey.stderr).toBe(0);
    const refused = await exkit(['gateway', 'keys', 'list'], { env: env(key.api_key) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('HTTP 403 insufficient_permissions');

    const revoked = await exkit(['gateway', 'keys', 'revoke', key.key_id], { env: env() });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout.trim()).toBe(`revoked ${key.key_id}`);
    const after = await exkit(['gateway', 'status'], { env: env(key.api_key) });
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('HTTP 401 invalid_token');
    const listed = JSON.parse((await exkit(['gateway', 'keys', 'list', '--json'], { env: env() })).stdout) as { api_keys: { key_id: string; enabled: boolean }[] };
    expect(listed.api_keys.find((k) => k.key_id === key.key_id)?.enabled).toBe(false);

    // The key appears in the create answer only: nowhere else in any CLI output, nor in the gateway's log.
    const createOutput = created.stdout;
    expect(transcript.filter((t) => t !== createOutput && t.includes(key.api_key))).toEqual([]);
    expect(gatewayOut).not.toContain(key.api_key);
  });

  it('no CLI output carries the admin password or the JWT', () => {
    const all = transcript.join('\n');
    expect(all).not.toContain(ADMIN_PASSWORD);
    expect(all).not.toContain(token);
  });
});
