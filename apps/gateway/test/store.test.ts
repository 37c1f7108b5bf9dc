// The same store tests on the embedded SQLite store and on PostgreSQL (each run in its own schema).
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../src/store/store.js';
import { PG_URL, tempDir, uniqueSchema } from './support/gateway.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe.each(['sqlite', 'postgres'] as const)('store on %s', (kind) => {
  let store: Store;
  let dir: string;
  const schema = uniqueSchema();

  beforeAll(async () => {
    dir = tempDir();
    store = await Store.open(kind === 'sqlite' ? { dataDir: dir } : { dataDir: dir, databaseUrl: PG_URL, databaseSchema: schema }, () => at(0));
    expect(store.dialect).toBe(kind);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  });

  it('users: unique usernames, update, count', async () => {
    const u = { id: 'u1', username: 'alice', passwordHash: 'h', role: 'CONTROL' as const, enabled: true, createdAt: at(1), updatedAt: at(1) };
    expect(await store.users.insert(u)).toBe(true);
    expect(await store.users.insert({ ...u, id: 'u2' })).toBe(false);
    expect(await store.users.count()).toBe(1);
    expect(await store.users.update('u1', { role: 'ADMIN', enabled: false }, at(2))).toMatchObject({ role: 'ADMIN', enabled: false, updatedAt: at(2) });
    expect(await store.users.byUsername('alice')).toMatchObject({ id: 'u1' });
    expect(await store.users.byId('nope')).toBeNull();
  });

  it('API keys: by prefix, revoke once, touch', async () => {
    await store.apiKeys.insert({ id: 'k1', prefix: 'abcdef012345', hash: 'ff', name: 'n', permissions: ['READ_ONLY', 'CONTROL'], rateLimit: 1000, createdAt: at(1), createdBy: 'user:admin', lastUsed: null, expiresAt: null, enabled: true });
    expect(await store.apiKeys.byPrefix('abcdef012345')).toMatchObject({ id: 'k1', permissions: ['READ_ONLY', 'CONTROL'], enabled: true });
    await store.apiKeys.touch('k1', at(3));
    expect((await store.apiKeys.byId('k1'))?.lastUsed).toBe(at(3));
    expect(await store.apiKeys.revoke('k1')).toBe(true);
    expect(await store.apiKeys.revoke('k1')).toBe(false);
    expect((await store.apiKeys.list()).map((k) => k.enabled)).toEqual([false]);
  });

  it('refresh tokens: consumed once, expired and revoked ones refused', async () => {
    await store.refreshTokens.insert({ id: 'r1', userId: 'u1', createdAt: at(1), expiresAt: at(100) });
    await store.refreshTokens.insert({ id: 'r2', userId: 'u1', createdAt: at(1), expiresAt: at(5) });
    await store.refreshTokens.insert({ id: 'r3', userId: 'u1', createdAt: at(1), expiresAt: at(100) });
    const both = await Promise.all([store.refreshTokens.consume('r1', at(2)), store.refreshTokens.consume('r1', at(2))]);
    expect(both.filter((x) => x === 'u1')).toHaveLength(1);
    expect(await store.refreshTokens.consume('r2', at(10))).toBeNull();
    expect(await store.refreshTokens.revoke('r3', 'other', at(3))).toBe(false);
    await store.refreshTokens.revokeAllOf('u1', at(3));
    expect(await store.refreshTokens.consume('r3', at(4))).toBeNull();
  });

  it('settings and secrets: upsert, getOrInit keeps the first value', async () => {
    await store.settings.set('s', { a: '1.5' }, at(1));
    await store.settings.set('s', { a: '2' }, at(2));
    expect(await store.settings.get('s')).toEqual({ value: { a: '2' }, updatedAt: at(2) });
    expect(await store.secrets.getOrInit('x', () => 'first', at(1))).toBe('first');
    expect(await store.secrets.getOrInit('x', () => 'second', at(2))).toBe('first');
  });

  it('alerts: active by key, resolve, counts, list order', async () => {
    const base = { type: 'warning', title: 't', message: 'm', severity: 'medium' as const, active: true, resolvedAt: null };
    await store.alerts.insert({ ...base, id: 'a1', dedupeKey: 'k:1', createdAt: at(1) });
    await store.alerts.insert({ ...base, id: 'a2', dedupeKey: 'k:2', createdAt: at(2) });
    expect((await store.alerts.activeByKey('k:1'))?.id).toBe('a1');
    expect(await store.alerts.resolve('a1', at(3))).toMatchObject({ active: false, resolvedAt: at(3) });
    expect(await store.alerts.activeByKey('k:1')).toBeNull();
    expect(await store.alerts.counts()).toEqual({ total: 2, active: 1 });
    expect((await store.alerts.list(false)).map((a) => a.id)).toEqual(['a2', 'a1']);
    expect((await store.alerts.list(true)).map((a) => a.id)).toEqual(['a2']);
  });

  it('metric samples: since and prune', async () => {
    await store.metricSamples.insert(at(1), { cpu_usage: 1 });
    await store.metricSamples.insert(at(5), { cpu_usage: 2 });
    expect((await store.metricSamples.since(at(2))).map((s) => s.data['cpu_usage'])).toEqual([2]);
    await store.metricSamples.prune(at(3));
    expect(await store.metricSamples.since(at(0))).toHaveLength(1);
  });

  it('engine store: state, command journal, strategies upsert/delete, trade journal, values', async () => {
    const e = store.engine;
    expect(await e.getEngineState()).toBeNull();
    await e.setEngineState('running');
    await e.setEngineState('paused');
    expect(await e.getEngineState()).toEqual({ state: 'paused', updatedAt: at(0) });
    await e.logCommand({ command: 'start', parameters: { a: 1 }, reason: 'why', issuedBy: 'user:admin', at: at(1), result: 'ok' });
    expect(await e.listCommands()).toEqual([{ command: 'start', parameters: { a: 1 }, reason: 'why', issuedBy: 'user:admin', at: at(1), result: 'ok' }]);
    const s = { id: 's1', name: 'n', type: 'ma_crossover' as const, venue: 'v', symbol: 'BTC/USDT:USDT', timeframe: '1m', enabled: true, params: { fast_ma: 3, slow_ma: 5, size: '0.01' }, createdAt: at(1), updatedAt: at(1) };
    await e.saveStrategy(s);
    await e.saveStrategy({ ...s, enabled: false, updatedAt: at(2), createdAt: at(9) });
    expect(await e.getStrategy('s1')).toEqual({ ...s, enabled: false, updatedAt: at(2) });
    expect(await e.listStrategies()).toHaveLength(1);
    expect(await e.deleteStrategy('s1')).toBe(true);
    expect(await e.deleteStrategy('s1')).toBe(false);
    const j = { id: 'j1', at: at(1), venue: 'v', strategyId: null, clientOrderId: 'c1', symbol: 'BTC/USDT:USDT', side: 'buy' as const, amount: '0.010000000000000001', price: null, status: 'filled', detail: { pnl: '1.5' } };
    await e.appendJournal(j);
    await e.appendJournal({ ...j, id: 'j2', at: at(5) });
    expect(await e.listJournal({ since: at(2) })).toEqual([{ ...j, id: 'j2', at: at(5) }]);
    expect((await e.listJournal({}))[0]?.amount).toBe('0.010000000000000001');
    expect(await e.getEngineValue('day')).toBeNull();
    await e.setEngineValue('day', '100.5');
    await e.setEngineValue('day', '101');
    expect(await e.getEngineValue('day')).toBe('101');
  });

  it('trade requests: one claim per (venue, client id); repeats read the result; release frees it', async () => {
    const claims = await Promise.all([1, 2, 3].map(() => store.tradeRequests.claim('v', 'c-1', 'user:a', at(1))));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    await store.tradeRequests.complete('v', 'c-1', 'done', { order: { id: '7' } });
    expect(await store.tradeRequests.claim('v', 'c-1', 'user:a', at(2))).toEqual({ claimed: false, status: 'done', result: { order: { id: '7' } } });
    expect((await store.tradeRequests.claim('w', 'c-1', 'user:a', at(2))).claimed).toBe(true);
    await store.tradeRequests.release('w', 'c-1');
    expect((await store.tradeRequests.claim('w', 'c-1', 'user:a', at(3))).claimed).toBe(true);
  });
});
