// Starts a real gateway on 127.0.0.1 (ephemeral port) for a test file, with a temporary data directory, its
// log lines captured, every answer recorded, and a scan of both for the secrets the test used.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildGateway, type Gateway, type GatewayOptions } from '../../src/app.js';
import { parseConfig } from '../../src/config/load.js';
import type { GatewayConfigInput } from '../../src/config/schema.js';

export const ADMIN_PASSWORD = 'admin-pw-Test-Secret-4821';
export const PG_URL = process.env['EXKIT_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env['EXKIT_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/0';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  readonly body: unknown;
}

export interface TestGateway {
  readonly gw: Gateway;
  readonly url: string;
  readonly dataDir: string;
  readonly logs: string[];
  readonly answers: string[];
  /** Secrets that must appear in no log line and no answer. */
  readonly secrets: Set<string>;
  request(method: string, path: string, options?: { token?: string; apiKey?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Answer>;
  login(username?: string, password?: string): Promise<{ access_token: string; refresh_token: string }>;
  /** Secrets found in logs or answers (empty when none leaked). */
  leaks(): string[];
  close(options?: { keepData?: boolean }): Promise<void>;
}

export function tempDir(prefix = 'exkit-gw-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function uniqueSchema(): string {
  return `t_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function startGateway(overrides: GatewayConfigInput = {}, options: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const dataDir = overrides.dataDir ?? tempDir();
  const logs: string[] = [];
  const answers: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.length > 0) logs.push(line);
      done();
    },
  });
  const config = parseConfig({
    port: 0,
    adminPassword: ADMIN_PASSWORD,
    logLevel: 'info',
    rateLimitScale: 1000,
    sampleIntervalSeconds: 3600,
    healthCheckIntervalSeconds: 3600,
    validateResponses: true,
    ...overrides,
    dataDir,
  });
  const gw = await buildGateway({ config, logStream: sink, lockOwner: `${process.pid}:${randomBytes(4).toString('hex')}`, ...options });
  const url = await gw.listen(0);
  const secrets = new Set<string>([ADMIN_PASSWORD]);
  const rows = await gw.ctx.store.secrets.get('jwt_secret');
  if (rows) secrets.add(String(rows.value));
  const pepper = await gw.ctx.store.secrets.get('api_key_pepper');
  if (pepper) secrets.add(String(pepper.value));
  if (config.jwtSecret) secrets.add(config.jwtSecret);

  const request: TestGateway['request'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token !== undefined) headers['authorization'] = `Bearer ${o.token}`;
    if (o.apiKey !== undefined) headers['x-api-key'] = o.apiKey;
    let body: string | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + path, { method, headers, ...(body !== undefined && { body }) });
    const text = await res.text();
    answers.push(text);
    for (const [k, v] of res.headers) answers.push(`${k}: ${v}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };

  return {
    gw,
    url,
    dataDir,
    logs,
    answers,
    secrets,
    request,
    async login(username = 'admin', password = ADMIN_PASSWORD) {
      const a = await request('POST', '/auth/login', { body: { username, password } });
      if (a.status !== 200) throw new Error(`login ${username} failed: ${a.status} ${a.text}`);
      const b = a.body as { access_token: string; refresh_token: string };
      return b;
    },
    leaks() {
      const found: string[] = [];
      for (const s of secrets) {
        if (s.length < 8) continue;
        if (logs.some((l) => l.includes(s)) || answers.some((l) => l.includes(s))) found.push(`${s.slice(0, 6)}… (${s.length} chars)`);
      }
      return found;
    },
    async close(o = {}) {
      await gw.close();
      if (!o.keepData && overrides.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a user with `role` through the API and logs in as them. */
export async function userWithRole(t: TestGateway, adminToken: string, role: string, password = `pw-${role}-${randomBytes(6).toString('hex')}`): Promise<{ id: string; token: string; refresh: string; username: string; password: string }> {
  const username = `${role.toLowerCase()}_${randomBytes(4).toString('hex')}`;
  t.secrets.add(password);
  const created = await t.request('POST', '/users', { token: adminToken, body: { username, password, role } });
  if (created.status !== 201) throw new Error(`create user: ${created.status} ${created.text}`);
  const tokens = await t.login(username, password);
  return { id: (created.body as { id: string }).id, token: tokens.access_token, refresh: tokens.refresh_token, username, password };
}

/** Creates an API key (as SUPER_ADMIN) and records it as a secret; it appears in exactly one answer, its creation. */
export async function apiKeyWith(t: TestGateway, superToken: string, permissions: string, extra = ''): Promise<{ key: string; id: string }> {
  const a = await t.request('POST', `/api/keys?name=test-${randomBytes(3).toString('hex')}&permissions=${permissions}${extra}`, { token: superToken });
  if (a.status !== 201) throw new Error(`create key: ${a.status} ${a.text}`);
  const b = a.body as { api_key: string; key_id: string };
  // The creation answer is the one place the key may appear: drop it from the record before scanning.
  const i = t.answers.lastIndexOf(a.text);
  if (i >= 0) t.answers.splice(i, 1);
  t.secrets.add(b.api_key);
  return { key: b.api_key, id: b.key_id };
}
