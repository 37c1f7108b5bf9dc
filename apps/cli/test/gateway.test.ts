import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exkit, transcript } from './helpers/run.js';

/**
 * A stand-in for apps/gateway speaking the contract of reference gateway-api.md (paths, Bearer auth,
 * error body `{error, message, …}`) with the answer shapes of apps/gateway's routes (api-keys.ts,
 * trading.ts), on loopback. Kept to what the CLI calls.
 */
interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly auth: string | undefined;
  readonly body: unknown;
}

const TOKEN = 'gw-admin-token-0123456789abcdef';
const READ_ONLY_TOKEN = 'gw-reader-token-0123456789abcdef';
const NEW_KEY = 'exk_live_created_key_shown_once_123';

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text === '' ? undefined : JSON.parse(text);
}

function fakeGateway(log: Recorded[]): Server {
  return createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      log.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
      const send = (status: number, json: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const now = new Date().toISOString();
      const auth = req.headers.authorization;
      if (auth !== `Bearer ${TOKEN}` && auth !== `Bearer ${READ_ONLY_TOKEN}`) return send(401, { error: 'invalid_token', message: 'missing or invalid token', details: {}, timestamp: now, request_id: 'r1' });
      const admin = auth === `Bearer ${TOKEN}`;
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === '/status') {
        return send(200, { system: { status: 'healthy', uptime_hours: 1.5 }, trading_bot: { active: true, mode: 'paper' }, exchange: { bybit: { connected: true } } });
      }
      if (!admin) return send(403, { error: 'insufficient_permissions', message: 'CONTROL role required', details: {}, timestamp: now, request_id: 'r2' });
      if (req.method === 'POST' && url.pathname === '/system/command') return send(200, { success: true, command: (body as { command: string }).command, timestamp: now });
      if (req.method === 'GET' && url.pathname === '/api/keys') {
        return send(200, { api_keys: [{ key_id: 'k_1', name: 'grafana', permissions: ['READ_ONLY'], rate_limit: 1000, created_at: now, last_used: null, expires_at: null, enabled: true }] });
      }
      if (req.method === 'POST' && url.pathname === '/api/keys') {
        return send(201, { key_id: 'k_2', name: url.searchParams.get('name'), api_key: NEW_KEY, permissions: url.searchParams.get('permissions')?.split(','), rate_limit: 1000, created_at: now, expires_at: null });
      }
      if (req.method === 'DELETE' && url.pathname === '/api/keys/k_1') return send(200, { success: true, key_id: 'k_1', revoked: true });
      return send(404, { error: 'not_found', message: 'no such route', details: {}, timestamp: now, request_id: 'r3' });
    })();
  });
}

describe('exkit gateway (against a loopback fake of the gateway contract)', () => {
  const log: Recorded[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = fakeGateway(log).listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    const all = transcript.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(READ_ONLY_TOKEN);
  });
  const env = (token = TOKEN): Record<string, string> => ({ EXKIT_GATEWAY_URL: url, EXKIT_GATEWAY_TOKEN: token });

  it('status: URL and token from the environment, token sent as Bearer', async () => {
    const r = await exkit(['gateway', 'status'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/│ system\.status +│ healthy +│/);
    expect(r.stdout).toMatch(/│ exchange\.bybit\.connected +│ true +│/);
    expect(log.at(-1)).toMatchObject({ method: 'GET', url: '/status', auth: `Bearer ${TOKEN}` });
  });

  it('command: posts {command, parameters, reason}', async () => {
    const r = await exkit(['gateway', 'command', 'stop', '--reason', 'end of day', '--close-positions', '--url', url, '--token', TOKEN]);
    expect(r.code, r.stderr).toBe(0);
    expect(log.at(-1)).toMatchObject({ method: 'POST', url: '/system/command', body: { command: 'stop', parameters: { close_positions: true }, reason: 'end of day' } });
  });

  it('keys list / create (the new key shown once) / revoke', async () => {
    const list = await exkit(['gateway', 'keys', 'list'], { env: env() });
    expect(list.stdout).toMatch(/│ k_1 +│ grafana +│ READ_ONLY +│ 1000 /);
    const created = await exkit(['gateway', 'keys', 'create', '--name', 'bot', '--permissions', 'READ_ONLY,CONTROL', '--expires-days', '30'], { env: env() });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(NEW_KEY);
    expect(created.stderr).toContain('will not show it again');
    expect(log.at(-1)?.url).toBe('/api/keys?name=bot&permissions=READ_ONLY%2CCONTROL&expires_days=30');
    const revoked = await exkit(['gateway', 'keys', 'revoke', 'k_1'], { env: env() });
    expect(revoked.stdout.trim()).toBe('revoked k_1');
    expect(log.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/keys/k_1' });
  });

  it('a refusal is one line naming the gateway error code, exit 1', async () => {
    const r = await exkit(['gateway', 'command', 'pause', '--reason', 'x'], { env: env(READ_ONLY_TOKEN) });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('exkit: gateway POST /system/command: HTTP 403 insufficient_permissions: CONTROL role required');
  });

  it('without a URL or token: usage error, exit 2; a bad command word too', async () => {
    const noUrl = await exkit(['gateway', 'status']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr.trim()).toBe('exkit: the gateway commands need --url or EXKIT_GATEWAY_URL');
    const bad = await exkit(['gateway', 'command', 'explode', '--reason', 'x'], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('exkit: invalid <command>: expected start, stop, pause, resume or restart');
  });

  it('an unreachable gateway is one line, exit 1', async () => {
    const r = await exkit(['gateway', 'status', '--url', 'http://127.0.0.1:9', '--token', TOKEN]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^exkit: gateway http:\/\/127\.0\.0\.1:9 unreachable/);
  });
});
