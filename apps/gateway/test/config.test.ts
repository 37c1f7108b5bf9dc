// Configuration from a file and the environment; a bad value stops the start naming it (never its value).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load.js';
import { tempDir } from './support/gateway.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('config', () => {
  it('defaults: 127.0.0.1:8000, ./.exkit, one sim Bybit and one sim Bitunix', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8000, dataDir: './.exkit', logLevel: 'info' });
    expect(c.venues.map((v) => [v.id, v.exchange, v.env])).toEqual([['bybit-sim', 'bybit', 'sim'], ['bitunix-sim', 'bitunix', 'sim']]);
    expect(c.databaseUrl).toBeUndefined();
  });

  it('environment overrides the file', () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ port: 9000, environment: 'staging', venues: [{ id: 'main', exchange: 'bybit', env: 'testnet', credentials: { apiKey: 'k', apiSecret: 's' } }] }));
    const c = loadConfig({ EXKIT_CONFIG: file, PORT: '9100', HOST: '0.0.0.0', LOG_LEVEL: 'warn', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(c).toMatchObject({ port: 9100, host: '0.0.0.0', environment: 'staging', logLevel: 'warn', redisUrl: 'redis://127.0.0.1:6379' });
    expect(c.venues[0]).toMatchObject({ id: 'main', env: 'testnet' });
  });

  it.each([
    [{ PORT: '70000' }, /port \(PORT\)/],
    [{ LOG_LEVEL: 'loud' }, /logLevel \(LOG_LEVEL\)/],
    [{ DATABASE_URL: 'mysql://x' }, /databaseUrl \(DATABASE_URL\)/],
    [{ EXKIT_JWT_SECRET: 'short-secret-value' }, /jwtSecret \(EXKIT_JWT_SECRET\)/],
    [{ EXKIT_ADMIN_PASSWORD: 'pw' }, /adminPassword \(EXKIT_ADMIN_PASSWORD\)/],
  ])('a bad value %j stops the start naming it', (env, re) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(re);
  });

  it('a secret is never echoed in the error', () => {
    try {
      loadConfig({ EXKIT_JWT_SECRET: 'my-too-short-secret' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('my-too-short-secret');
    }
  });

  it('bad venues: unknown exchange, bitunix testnet, missing credentials, duplicate ids, unreadable file', () => {
    const write = (v: unknown) => {
      const f = join(dir, `v${Math.random()}.json`);
      writeFileSync(f, JSON.stringify({ venues: v }));
      return f;
    };
    expect(() => loadConfig({ EXKIT_CONFIG: write([{ id: 'a', exchange: 'kraken', env: 'sim' }]) })).toThrow(/venues\.0\.exchange/);
    expect(() => loadConfig({ EXKIT_CONFIG: write([{ id: 'a', exchange: 'bitunix', env: 'testnet', credentials: { apiKey: 'k', apiSecret: 's' } }]) })).toThrow(/venues\.0\.env/);
    expect(() => loadConfig({ EXKIT_CONFIG: write([{ id: 'a', exchange: 'bybit', env: 'mainnet' }]) })).toThrow(/venues\.0\.credentials/);
    expect(() => loadConfig({ EXKIT_CONFIG: write([{ id: 'a', exchange: 'bybit', env: 'sim' }, { id: 'a', exchange: 'bitunix', env: 'sim' }]) })).toThrow(/duplicate venue id a/);
    expect(() => loadConfig({ EXKIT_CONFIG: join(dir, 'missing.json') })).toThrow(/EXKIT_CONFIG: cannot read/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{nope');
    expect(() => loadConfig({ EXKIT_CONFIG: bad })).toThrow(/not valid JSON/);
  });
});
