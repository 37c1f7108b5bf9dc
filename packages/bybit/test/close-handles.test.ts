import { ClosedError } from '@exkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBybitRest, FakeBybitWs, until } from './helpers/fake-bybit.js';
import { linearRow, makeExchange, serveInstruments } from './helpers/exchange.js';

/** What keeps the process alive, by kind (Timeout, TCPSocketWrap, …). */
function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

let rest: FakeBybitRest;
let ws: FakeBybitWs;

beforeEach(async () => {
  rest = await new FakeBybitRest().start();
  ws = await new FakeBybitWs().start();
  serveInstruments(rest, [linearRow('BTCUSDT', 'BTC')]);
  rest.on('GET /v5/account/wallet-balance', () => ({ list: [] }));
  rest.on('GET /v5/position/list', () => ({ category: 'linear', list: [], nextPageCursor: '' }));
});

afterEach(async () => {
  await ws.close();
  await rest.close();
});

describe('close()', () => {
  it('leaves no socket, agent or timer behind, with public, private and order-entry connections open', async () => {
    const before = resources();
    const ex = makeExchange(rest, ws, { orderEntry: 'websocket' }, { heartbeat: { intervalMs: 30, timeoutMs: 5_000 } });
    const ticker = ex.streams.ticker('BTC/USDT:USDT');
    const book = ex.streams.orderBook('BTC/USDT:USDT');
    const orders = ex.streams.orders();
    const positions = ex.streams.positions();
    await Promise.all([ticker.ready, book.ready, orders.ready, positions.ready]);
    await ex.fetchBalances();
    expect((resources()['TCPSocketWrap'] ?? 0) - (before['TCPSocketWrap'] ?? 0)).toBeGreaterThanOrEqual(4); // 2 WS + REST, both ends
    // One socket in reconnect backoff as well.
    ws.on('/v5/public/linear')[0]!.ws.terminate();
    await new Promise((r) => setTimeout(r, 5));
    const pending = ex.fetchBalances().then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await ex.close();
    expect(await pending).toBeInstanceOf(ClosedError);
    expect(ticker.closed && book.closed && orders.closed && positions.closed).toBe(true);
    // Every kind of handle back to (at most) what there was before the exchange existed.
    const settled = (): boolean => Object.entries(resources()).every(([kind, n]) => n <= (before[kind] ?? 0));
    await until(settled, `handles back to ${JSON.stringify(before)} (now ${JSON.stringify(resources())})`, 3_000);
  });
});
