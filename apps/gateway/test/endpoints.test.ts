// Every endpoint of the contract over real HTTP: answer shapes (money as decimal strings, the /api/v1
// envelope) and its errors in the contract's error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyWith, startGateway, userWithRole, type TestGateway } from './support/gateway.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;
let t: TestGateway;
let admin: string;

function expectError(a: { status: number; body: unknown }, status: number, code: string, v1 = false): void {
  expect(a.status).toBe(status);
  const outer = a.body as Record<string, unknown>;
  const body = (v1 ? (expect(outer['success']).toBe(false), outer['error']) : outer) as Record<string, unknown>;
  expect(body).toMatchObject({ error: code, message: expect.any(String), timestamp: expect.any(String), request_id: expect.stringMatching(/^req_/) });
  expect(body).toHaveProperty('details');
}

beforeAll(async () => {
  t = await startGateway();
  admin = (await t.login()).access_token;
});
afterAll(async () => {
  expect(t.leaks()).toEqual([]);
  await t.close();
});

describe('system endpoints', () => {
  it('GET /health answers healthy with its checks, without auth', async () => {
    const a = await t.request('GET', '/health');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ status: 'healthy', timestamp: expect.any(String), checks: { store: 'ok', exchanges: { 'bybit-sim': { status: 'ok' }, 'bitunix-sim': { status: 'ok' } } } });
  });

  it('GET /status has system, trading_bot, one exchange entry per venue, performance', async () => {
    const a = await t.request('GET', '/status', { token: admin });
    expect(a.status).toBe(200);
    const b = a.body as { exchange: { id: string; connected: boolean }[]; system: { status: string }; performance: { cpu_usage: number } };
    expect(b.exchange.map((e) => e.id)).toEqual(['bybit-sim', 'bitunix-sim']);
    expect(b.exchange.every((e) => e.connected)).toBe(true);
    expect(b.system.status).toBe('operational');
    expect(typeof b.performance.cpu_usage).toBe('number');
    expect(a.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('GET /metrics answers from recorded samples; bad hours is a validation_error', async () => {
    await t.request('GET', '/status', { token: admin });
    await t.gw.sampler.record();
    const now = new Date().toISOString();
    const entry = { venue: 'bybit-sim', strategyId: null, symbol: 'BTC/USDT:USDT', side: 'buy' as const, amount: '0.01', price: null, at: now };
    await t.gw.ctx.store.engine.appendJournal({ ...entry, id: 'j-a1', clientOrderId: 'm-a', status: 'submitted', detail: {} });
    await t.gw.ctx.store.engine.appendJournal({ ...entry, id: 'j-a2', clientOrderId: 'm-a', status: 'filled', detail: { realized_pnl: '1.25' } });
    await t.gw.ctx.store.engine.appendJournal({ ...entry, id: 'j-b1', clientOrderId: 'm-b', status: 'submitted', detail: {} });
    await t.gw.ctx.store.engine.appendJournal({ ...entry, id: 'j-b2', clientOrderId: 'm-b', status: 'failed', detail: {} });
    const a = await t.request('GET', '/metrics?hours=1', { token: admin });
    expect(a.status).toBe(200);
    const b = a.body as { samples: number; period_hours: number; metrics: { system: { http_requests: number }; trading: Record<string, unknown> } };
    expect(b.period_hours).toBe(1);
    expect(b.samples).toBeGreaterThanOrEqual(1);
    expect(b.metrics.system.http_requests).toBeGreaterThan(0);
    expect(b.metrics.trading).toMatchObject({ total_trades: 2, successful_trades: 1, failed_trades: 1, total_pnl: '1.25', win_rate: 1 });
    expectError(await t.request('GET', '/metrics?hours=-1', { token: admin }), 400, 'validation_error');
    expectError(await t.request('GET', '/metrics?hours=abc', { token: admin }), 400, 'validation_error');
  });

  it('GET /metrics/prometheus exposes HTTP and venue counters', async () => {
    const a = await t.request('GET', '/metrics/prometheus', { token: admin });
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toContain('text/plain');
    expect(a.text).toContain('exkit_http_requests_total{');
    expect(a.text).toContain('exkit_venue_requests_total{');
    expect(a.text).toContain('exkit_venue_up{venue="bybit-sim"} 1');
    expect(a.text).toMatch(/exkit_engine_portfolio_value \d/);
    expect(a.text).toContain('exkit_ws_clients 0');
  });

  it('alerts: raised, listed, resolved; unknown id is not_found', async () => {
    const raised = await t.gw.ctx.alerts.raise({ type: 'warning', severity: 'medium', key: 'test:endpoints', title: 'Test alert', message: 'raised by the test' });
    const list = await t.request('GET', '/alerts', { token: admin });
    expect(list.status).toBe(200);
    const b = list.body as { alerts: { id: string; active: boolean; resolved_at: string | null }[]; total_alerts: number; active_alerts: number };
    expect(b.alerts.find((x) => x.id === raised.id)).toMatchObject({ active: true, resolved_at: null });
    const res = await t.request('POST', `/alerts/${raised.id}/resolve`, { token: admin });
    expect(res.status).toBe(200);
    expect((res.body as { alert: { active: boolean; resolved_at: string } }).alert).toMatchObject({ active: false, resolved_at: expect.any(String) });
    const active = (await t.request('GET', '/alerts?active_only=true', { token: admin })).body as { alerts: { id: string }[] };
    expect(active.alerts.some((x) => x.id === raised.id)).toBe(false);
    const all = (await t.request('GET', '/alerts?active_only=false', { token: admin })).body as { alerts: { id: string }[] };
    expect(all.alerts.some((x) => x.id === raised.id)).toBe(true);
    expectError(await t.request('POST', '/alerts/alert_nope/resolve', { token: admin }), 404, 'not_found');
  });

  it('config: read, validate_only changes nothing, update answers dotted paths, invalid → configuration_error', async () => {
    const before = (await t.request('GET', '/config', { token: admin })).body as { settings: { risk: { stop_loss_percent: string } } };
    expect(before.settings.risk.stop_loss_percent).toMatch(DECIMAL);
    const dry = await t.request('POST', '/config', { token: admin, body: { settings: { risk: { stop_loss_percent: '0.025' } }, validate_only: true } });
    expect(dry.status).toBe(200);
    expect((dry.body as { updated_settings: string[] }).updated_settings).toEqual(['risk.stop_loss_percent']);
    expect(((await t.request('GET', '/config', { token: admin })).body as typeof before).settings.risk.stop_loss_percent).toBe(before.settings.risk.stop_loss_percent);
    const upd = await t.request('POST', '/config', { token: admin, body: { settings: { trading: { max_position_size: '0.15' }, risk: { stop_loss_percent: '0.025' } } } });
    expect(upd.body).toMatchObject({ success: true, updated_settings: ['trading.max_position_size', 'risk.stop_loss_percent'] });
    const after = (await t.request('GET', '/config', { token: admin })).body as { settings: { trading: { max_position_size: string } }; last_updated: string };
    expect(after.settings.trading.max_position_size).toBe('0.15');
    expect(after.last_updated).toEqual(expect.any(String));
    expectError(await t.request('POST', '/config', { token: admin, body: { settings: { risk: { stop_loss_percent: '7' } } } }), 400, 'configuration_error');
    expectError(await t.request('POST', '/config', { token: admin, body: { settings: { nope: { x: 1 } } } }), 400, 'configuration_error');
    expect(((await t.request('GET', '/config', { token: admin })).body as typeof after).settings.trading.max_position_size).toBe('0.15');
  });

  it('trading status and system commands go through the engine and are journaled', async () => {
    const s = await t.request('GET', '/trading/status', { token: admin });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ active: false, mode: 'stopped', portfolio_value: expect.stringMatching(DECIMAL), daily_pnl: expect.stringMatching(DECIMAL), positions: [] });
    const start = await t.request('POST', '/system/command', { token: admin, body: { command: 'start', parameters: {}, reason: 'test start' } });
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ success: true, command: 'start', state: 'running', previous_state: 'stopped' });
    const stop = await t.request('POST', '/system/command', { token: admin, body: { command: 'stop', reason: 'test stop' } });
    expect(stop.body).toMatchObject({ command: 'stop', state: 'stopped' });
    const log = await t.gw.ctx.store.engine.listCommands();
    expect(log.map((c) => [c.command, c.reason, c.issuedBy])).toEqual(expect.arrayContaining([['start', 'test start', 'user:admin'], ['stop', 'test stop', 'user:admin']]));
    expectError(await t.request('POST', '/system/command', { token: admin, body: { command: 'explode' } }), 400, 'validation_error');
  });

  it('GET /websocket/stats answers the hub figures', async () => {
    const a = await t.request('GET', '/websocket/stats', { token: admin });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ total_connections: 0, active_sessions: [], subscription_stats: expect.any(Object), messages_sent_today: expect.any(Number), uptime_hours: expect.any(Number) });
  });
});

describe('users and API keys', () => {
  it('creates, lists and patches users; duplicate username and unknown id are errors', async () => {
    const u = await userWithRole(t, admin, 'READ_ONLY');
    const list = (await t.request('GET', '/users', { token: admin })).body as { users: { username: string; role: string }[] };
    expect(list.users.find((x) => x.username === u.username)).toMatchObject({ role: 'READ_ONLY' });
    expect(JSON.stringify(list)).not.toContain('password');
    const p = await t.request('PATCH', `/users/${u.id}`, { token: admin, body: { role: 'CONTROL' } });
    expect(p.body).toMatchObject({ id: u.id, role: 'CONTROL' });
    expectError(await t.request('POST', '/users', { token: admin, body: { username: u.username, password: 'another-pass-1' } }), 400, 'validation_error');
    expectError(await t.request('PATCH', '/users/nobody', { token: admin, body: { enabled: false } }), 404, 'not_found');
    expectError(await t.request('POST', '/users', { token: admin, body: { username: 'x', password: 'short' } }), 400, 'validation_error');
  });

  it('an ADMIN cannot grant ADMIN; a SUPER_ADMIN can', async () => {
    const adm = await userWithRole(t, admin, 'ADMIN');
    expectError(await t.request('POST', '/users', { token: adm.token, body: { username: 'made_by_admin', password: 'long-enough-1', role: 'ADMIN' } }), 403, 'insufficient_permissions');
    const ok = await t.request('POST', '/users', { token: adm.token, body: { username: 'made_by_admin', password: 'long-enough-1', role: 'CONTROL' } });
    expect(ok.status).toBe(201);
  });

  it('API key: shown once, listed without the key, works as X-API-Key and Bearer, revoked at once', async () => {
    const { key, id } = await apiKeyWith(t, admin, 'READ_ONLY', '&rate_limit=500&expires_days=30');
    const list = (await t.request('GET', '/api/keys', { token: admin })).body as { api_keys: Record<string, unknown>[] };
    const row = list.api_keys.find((k) => k['key_id'] === id);
    expect(row).toMatchObject({ permissions: ['READ_ONLY'], rate_limit: 500, enabled: true, expires_at: expect.any(String) });
    expect(row).not.toHaveProperty('api_key');
    expect((await t.request('GET', '/status', { apiKey: key })).status).toBe(200);
    expect((await t.request('GET', '/status', { token: key })).status).toBe(200);
    const lastUsed = ((await t.request('GET', '/api/keys', { token: admin })).body as typeof list).api_keys.find((k) => k['key_id'] === id);
    expect(lastUsed?.['last_used']).toEqual(expect.any(String));
    const del = await t.request('DELETE', `/api/keys/${id}`, { token: admin });
    expect(del.body).toMatchObject({ success: true, revoked: true });
    expectError(await t.request('GET', '/status', { apiKey: key }), 401, 'invalid_token');
    expectError(await t.request('DELETE', '/api/keys/key_nope', { token: admin }), 404, 'not_found');
    expectError(await t.request('POST', '/api/keys?name=x&permissions=GOD', { token: admin }), 400, 'validation_error');
  });
});

describe('/api/v1 market and account', () => {
  it('tickers of every market, one ticker by unified or native symbol, unknown symbol is not_found', async () => {
    const all = await t.request('GET', '/api/v1/market/tickers', { token: admin });
    expect(all.status).toBe(200);
    const d = (all.body as { success: boolean; data: { exchange: string; tickers: { symbol: string; last: string }[] } }).data;
    expect(d.exchange).toBe('bybit-sim');
    expect(d.tickers.length).toBeGreaterThan(0);
    for (const symbol of ['BTCUSDT', encodeURIComponent('BTC/USDT:USDT')]) {
      const one = await t.request('GET', `/api/v1/market/ticker/${symbol}?exchange=bitunix-sim`, { token: admin });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ success: true, timestamp: expect.any(String), data: { symbol: 'BTC/USDT:USDT', native_symbol: 'BTCUSDT', exchange: 'bitunix-sim', last: expect.stringMatching(DECIMAL) } });
    }
    expectError(await t.request('GET', '/api/v1/market/ticker/NOPEUSDT', { token: admin }), 404, 'not_found', true);
    expectError(await t.request('GET', '/api/v1/market/tickers?exchange=nowhere', { token: admin }), 404, 'not_found', true);
  });

  it('symbols with precision and limits; candles oldest first with a limit', async () => {
    const s = (await t.request('GET', '/api/v1/market/symbols', { token: admin })).body as { data: { symbols: { symbol: string; precision: { price: string }; limits: { min_amount: string } }[] } };
    const btc = s.data.symbols.find((m) => m.symbol === 'BTC/USDT:USDT');
    expect(btc?.precision.price).toMatch(DECIMAL);
    expect(btc?.limits.min_amount).toMatch(DECIMAL);
    const c = await t.request('GET', '/api/v1/candles/BTCUSDT?interval=1m&limit=5', { token: admin });
    expect(c.status).toBe(200);
    const candles = (c.body as { data: { candles: { open_time: string; close: string }[] } }).data.candles;
    expect(candles).toHaveLength(5);
    expect([...candles].sort((a, b) => a.open_time.localeCompare(b.open_time))).toEqual(candles);
    expect(candles[0]?.close).toMatch(DECIMAL);
    expectError(await t.request('GET', '/api/v1/candles/BTCUSDT?interval=7m', { token: admin }), 400, 'validation_error', true);
  });

  it('balance, positions (two paths), orders open and closed', async () => {
    const b = (await t.request('GET', '/api/v1/account/balance?exchange=bitunix-sim', { token: admin })).body as { data: { balances: { currency: string; total: string }[] } };
    expect(b.data.balances.find((x) => x.currency === 'USDT')?.total).toMatch(DECIMAL);
    for (const p of ['/api/v1/positions', '/api/v1/trading/positions']) {
      const a = await t.request('GET', p, { token: admin });
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ success: true, data: { positions: expect.any(Array) } });
    }
    for (const status of ['open', 'closed']) {
      const a = await t.request('GET', `/api/v1/orders?status=${status}`, { token: admin });
      expect(a.status).toBe(200);
    }
    expectError(await t.request('GET', '/api/v1/orders?status=weird', { token: admin }), 400, 'validation_error', true);
  });
});

describe('/api/v1 orders', () => {
  it('POST /api/v1/trade is idempotent by client_order_id: one order at the venue', async () => {
    const body = { symbol: 'ETHUSDT', side: 'buy', size: '0.1', type: 'market', client_order_id: 'idem-test-1' };
    const first = await t.request('POST', '/api/v1/trade', { token: admin, body });
    expect(first.status).toBe(200);
    const f = (first.body as { data: { order: { id: string; filled: string; amount: string }; replayed: boolean } }).data;
    expect(f.replayed).toBe(false);
    expect(f.order.amount).toBe('0.1');
    const again = await Promise.all([1, 2, 3].map(() => t.request('POST', '/api/v1/trade', { token: admin, body })));
    for (const a of again) expect((a.body as { data: { order: { id: string }; replayed: boolean } }).data).toMatchObject({ replayed: true, order: { id: f.order.id } });
    const venue = t.gw.ctx.venues.get('bybit-sim').client;
    const fills = (await venue.fetchFills('ETH/USDT:USDT')).filter((x) => x.orderId === f.order.id);
    expect(fills.length).toBeGreaterThan(0);
    const history = (await venue.fetchOrderHistory('ETH/USDT:USDT')).filter((o) => o.clientOrderId === 'idem-test-1');
    expect(history).toHaveLength(1);
  });

  it('limit order rests, is listed open, cancelled by id; errors are typed', async () => {
    const tk = (await t.request('GET', '/api/v1/market/ticker/BTCUSDT', { token: admin })).body as { data: { bid: string } };
    const price = (Math.floor(Number(tk.data.bid) * 0.8 * 10) / 10).toFixed(1);
    const placed = await t.request('POST', '/api/v1/trade', { token: admin, body: { symbol: 'BTC/USDT:USDT', side: 'buy', size: '0.001', type: 'limit', price } });
    expect(placed.status).toBe(200);
    const id = (placed.body as { data: { order: { id: string; status: string } } }).data.order.id;
    const open = (await t.request('GET', '/api/v1/orders', { token: admin })).body as { data: { orders: { id: string }[] } };
    expect(open.data.orders.some((o) => o.id === id)).toBe(true);
    const del = await t.request('DELETE', `/api/v1/orders/${id}`, { token: admin });
    expect(del.status).toBe(200);
    expect((del.body as { data: { order: { status: string } } }).data.order.status).toBe('canceled');
    expectError(await t.request('DELETE', `/api/v1/orders/${id}`, { token: admin }), 404, 'not_found', true);
    expectError(await t.request('POST', '/api/v1/trade', { token: admin, body: { symbol: 'BTCUSDT', side: 'buy', size: '0.001', type: 'limit' } }), 400, 'validation_error', true);
    // Far above max_position_size: refused by the risk check before the venue; below the venue's minimum: by the venue.
    expectError(await t.request('POST', '/api/v1/trade', { token: admin, body: { symbol: 'BTCUSDT', side: 'buy', size: '1000000', type: 'market' } }), 400, 'validation_error', true);
    expectError(await t.request('POST', '/api/v1/trade', { token: admin, body: { symbol: 'BTCUSDT', side: 'buy', size: '0.0000001', type: 'market' } }), 400, 'exchange_error', true);
  });

  it('strategies: create, list, update, delete; bad parameters rejected', async () => {
    const c = await t.request('POST', '/api/v1/strategy', { token: admin, body: { symbol: 'BTCUSDT', type: 'ma_crossover', parameters: { fast_ma: 10, slow_ma: 21 } } });
    expect(c.status).toBe(201);
    const s = (c.body as { data: { id: string; symbol: string; exchange: string; enabled: boolean } }).data;
    expect(s).toMatchObject({ symbol: 'BTC/USDT:USDT', exchange: 'bybit-sim', enabled: false });
    const list = (await t.request('GET', '/api/v1/strategy', { token: admin })).body as { data: { strategies: { id: string }[] } };
    expect(list.data.strategies.some((x) => x.id === s.id)).toBe(true);
    const u = await t.request('PUT', `/api/v1/strategy/${s.id}`, { token: admin, body: { parameters: { fast_ma: 5, slow_ma: 30 } } });
    expect((u.body as { data: { parameters: { fast_ma: number } } }).data.parameters.fast_ma).toBe(5);
    expectError(await t.request('POST', '/api/v1/strategy', { token: admin, body: { symbol: 'BTCUSDT', type: 'ma_crossover', parameters: { fast_ma: 30, slow_ma: 10 } } }), 400, 'validation_error', true);
    expect((await t.request('DELETE', `/api/v1/strategy/${s.id}`, { token: admin })).status).toBe(200);
    expectError(await t.request('DELETE', `/api/v1/strategy/${s.id}`, { token: admin }), 404, 'not_found', true);
  });
});

describe('docs and unknown routes', () => {
  it('/openapi.json is generated from the route schemas; /docs and /redoc are served offline', async () => {
    const o = await t.request('GET', '/openapi.json');
    const spec = o.body as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of ['/status', '/auth/login', '/api/v1/trade', '/api/v1/market/ticker/{symbol}', '/api/keys/{key_id}']) expect(spec.paths).toHaveProperty([p]);
    const docs = await t.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i.test(docs.text) ? /cdn\./ : /$^/);
    const redoc = await t.request('GET', '/redoc');
    expect(redoc.text).toContain('/redoc/redoc.standalone.js');
    expect(redoc.text).not.toMatch(/src="https?:/);
    const js = await fetch(`${t.url}/redoc/redoc.standalone.js`);
    expect(js.status).toBe(200);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('an unknown route is not_found in the error shape', async () => {
    expectError(await t.request('GET', '/nope'), 404, 'not_found');
    expectError(await t.request('GET', '/api/v1/nope'), 404, 'not_found', true);
  });

  it('malformed JSON is a validation_error', async () => {
    expectError(await t.request('POST', '/auth/login', { rawBody: '{"username":', headers: { 'content-type': 'application/json' } }), 400, 'validation_error');
  });
});
