// A restart on the same data directory keeps users, keys, settings, alerts, strategies, engine state and the
// simulated venues' paper accounts; a second gateway on a directory in use refuses to start.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../src/store/lock.js';
import { apiKeyWith, startGateway, tempDir, userWithRole } from './support/gateway.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('restart', () => {
  it('keeps state and the paper account across a restart', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const a = await startGateway({ dataDir: dir });
    const admin = (await a.login()).access_token;
    const user = await userWithRole(a, admin, 'CONTROL');
    const key = await apiKeyWith(a, admin, 'READ_ONLY');
    expect((await a.request('POST', '/config', { token: admin, body: { settings: { risk: { max_daily_loss: '0.04' } } } })).status).toBe(200);
    const strat = await a.request('POST', '/api/v1/strategy', { token: admin, body: { symbol: 'BTCUSDT', type: 'ma_crossover', parameters: { fast_ma: 3, slow_ma: 8 } } });
    const trade = await a.request('POST', '/api/v1/trade', { token: admin, body: { symbol: 'SOLUSDT', side: 'buy', size: '1', type: 'market', client_order_id: 'restart-1' } });
    expect(trade.status).toBe(200);
    expect((await a.request('POST', '/system/command', { token: admin, body: { command: 'start', reason: 'before restart' } })).status).toBe(200);
    const before = (await a.request('GET', '/api/v1/positions', { token: admin })).body as { data: { positions: { symbol: string; size: string }[] } };
    expect(before.data.positions.find((p) => p.symbol === 'SOL/USDT:USDT')?.size).toBe('1');
    await a.close({ keepData: true });

    const b = await startGateway({ dataDir: dir });
    try {
      expect(b.gw.bootstrap.created).toBe(false);
      const login = await b.request('POST', '/auth/login', { body: { username: user.username, password: user.password } });
      expect(login.status).toBe(200);
      const admin2 = (await b.login()).access_token;
      expect((await b.request('GET', '/status', { apiKey: key.key })).status).toBe(200);
      b.secrets.add(key.key);
      const cfg = (await b.request('GET', '/config', { token: admin2 })).body as { settings: { risk: { max_daily_loss: string } } };
      expect(cfg.settings.risk.max_daily_loss).toBe('0.04');
      const list = (await b.request('GET', '/api/v1/strategy', { token: admin2 })).body as { data: { strategies: { id: string }[] } };
      expect(list.data.strategies.map((s) => s.id)).toContain((strat.body as { data: { id: string } }).data.id);
      const after = (await b.request('GET', '/api/v1/positions', { token: admin2 })).body as { data: { positions: { symbol: string; size: string }[] } };
      expect(after.data.positions.find((p) => p.symbol === 'SOL/USDT:USDT')?.size).toBe('1');
      const replay = await b.request('POST', '/api/v1/trade', { token: admin2, body: { symbol: 'SOLUSDT', side: 'buy', size: '1', type: 'market', client_order_id: 'restart-1' } });
      expect((replay.body as { data: { replayed: boolean } }).data.replayed).toBe(true);
      const status = (await b.request('GET', '/trading/status', { token: admin2 })).body as { mode: string };
      expect(status.mode).toBe('running');
      expect(b.leaks()).toEqual([]);
    } finally {
      await b.close();
    }
    expect(a.leaks()).toEqual([]);
  });

  it('a second gateway on the same data directory refuses to start, naming it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const a = await startGateway({ dataDir: dir }, { engine: false });
    try {
      await expect(startGateway({ dataDir: dir }, { engine: false })).rejects.toThrow(/data directory .* is in use by another gateway/);
    } finally {
      await a.close({ keepData: true });
    }
    // Released on close: a new gateway starts.
    const b = await startGateway({ dataDir: dir }, { engine: false });
    await b.close({ keepData: true });
  });

  it('a lock left by a dead process is taken over', () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir, 'gateway.lock'), '2147483646');
    const lock = lockDataDir(dir, `${process.pid}`);
    expect(() => lockDataDir(dir, `${process.pid}`)).toThrow(DataDirLockedError);
    lock.release();
  });
});
