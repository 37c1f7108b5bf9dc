import { afterEach, describe, expect, it } from 'vitest';
import { engineClientOrderId } from '../../src/trading/index.js';
import { until } from './support/bus-events.js';
import { engineFixture, type EngineFixture } from './support/engine-fixture.js';
import { strategy } from './support/memory-store.js';
import { closeMinuteAt, lastPrice, registryOf, SYMBOL } from './support/sim-venue.js';

/** A limit entry 3 % below the close: it rests on the book. */
const RESTING = { fast_ma: 2, slow_ma: 4, size: '0.01', allow_short: false, order_type: 'limit', limit_offset: '0.03' };

describe('engine commands and restarts', () => {
  let fx: EngineFixture;
  afterEach(async () => fx.close());

  it('stop cancels the engine’s open orders and journals it; pause blocks entries', async () => {
    fx = await engineFixture('stop-cancels');
    fx.store.strategies.set('s', strategy({ id: 's', params: RESTING }));
    const engine = await fx.engine();
    await engine.command({ command: 'start', parameters: {}, issuedBy: 'tester' });
    fx.bullishCross();
    const acct = fx.tv.venue.defaultAccountId;
    await until(() => fx.tv.venue.openOrders(acct).length === 1, 'the resting entry');
    await engine.idle();

    const paused = await engine.command({ command: 'pause', parameters: {}, reason: 'lunch', issuedBy: 'tester' });
    expect(paused).toMatchObject({ previousState: 'running', state: 'paused' });
    const again = await engine.command({ command: 'pause', parameters: {}, issuedBy: 'tester' });
    expect(again).toMatchObject({ previousState: 'paused', state: 'paused', message: 'engine already paused' });

    const stopped = await engine.command({ command: 'stop', parameters: {}, reason: 'end of day', issuedBy: 'tester' });
    expect(stopped).toMatchObject({ previousState: 'paused', state: 'stopped' });
    expect(fx.tv.venue.openOrders(acct)).toEqual([]);
    expect(fx.store.journal.map((e) => e.status)).toEqual(['submitted', 'open', 'canceled']);
    expect(fx.store.commands.map((c) => [c.command, c.reason ?? null])).toEqual([
      ['start', null],
      ['pause', 'lunch'],
      ['pause', null],
      ['stop', 'end of day'],
    ]);
    const update = fx.rec.of('trading_updates').map((m) => m.data as { event: string; state?: string }).filter((d) => d.event === 'engine_state');
    expect(update.map((d) => d.state)).toEqual(['running', 'paused', 'stopped']);
  });

  it('stop with close_positions flattens the position with a reduce-only order', async () => {
    fx = await engineFixture('stop-close');
    fx.store.strategies.set('s', strategy({ id: 's', params: { fast_ma: 2, slow_ma: 4, size: '0.01', allow_short: false } }));
    const engine = await fx.engine();
    await engine.command({ command: 'start', parameters: {}, issuedBy: 'tester' });
    fx.bullishCross();
    await fx.rec.next((m) => m.topic === 'position_opened');
    await engine.idle();
    await engine.command({ command: 'stop', parameters: { close_positions: true }, issuedBy: 'tester' });
    expect(fx.tv.venue.positions(fx.tv.venue.defaultAccountId).filter((p) => !p.size.isZero())).toEqual([]);
    const closed = await fx.rec.next((m) => m.topic === 'position_closed');
    expect(closed.data).toMatchObject({ symbol: SYMBOL, size: '0', closed_size: '0.01' });
  });

  it('a restart mid-run comes back running, reconciles with the venue and sends nothing twice', async () => {
    fx = await engineFixture('restart');
    fx.store.strategies.set('s', strategy({ id: 's', params: RESTING }));
    const first = await fx.engine();
    await first.command({ command: 'start', parameters: {}, issuedBy: 'tester' });
    fx.bullishCross();
    const acct = fx.tv.venue.defaultAccountId;
    await until(() => fx.tv.venue.openOrders(acct).length === 1, 'the resting entry');
    await first.idle();

    // An order sent just before the crash: journaled as submitted, its answer never recorded.
    const lostId = engineClientOrderId('s', 42 * 60_000, 'sig');
    const client = fx.tv.registry.get().client;
    const p = lastPrice(fx.tv.venue);
    await client.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'limit', amount: '0.002', price: (p * 0.9).toFixed(1), clientOrderId: lostId });
    await fx.store.appendJournal({ id: 'j-lost', at: '2026-01-01T00:00:00.000Z', venue: 'bybit-sim', strategyId: 's', clientOrderId: lostId, symbol: SYMBOL, side: 'buy', amount: '0.002', price: null, status: 'submitted', detail: {} });
    await first.close(); // a crash: no stop command, orders stay

    // The new process: a new adapter on the same venue, the same store.
    const fresh = fx.tv.newClient();
    const second = await fx.engine({ venues: registryOf(fresh, fx.tv.clock) });
    expect(second.state()).toBe('running');
    const lost = fx.store.journal.filter((e) => e.clientOrderId === lostId).map((e) => [e.status, e.detail['reason'] ?? null]);
    expect(lost).toEqual([
      ['submitted', null],
      ['open', 'reconciled'],
    ]);
    const status = await second.status();
    expect(status).toMatchObject({ active: true, mode: 'running', leader: true });

    // Nothing was sent again; the restored strategy runs on: a bearish close replaces its resting entry.
    expect(fx.tv.venue.openOrders(acct)).toHaveLength(2);
    closeMinuteAt(fx.tv.venue, (p * 0.95).toFixed(1));
    // Both resting buys are the strategy's (the lost one too, found by reconciliation): both replaced.
    await until(() => fx.tv.venue.openOrders(acct).length === 0, 'the replaced entries');
    await second.idle();
    const replaced = fx.store.journal.filter((e) => e.status === 'canceled' && e.detail['reason'] === 'replaced by a new signal');
    expect(replaced.map((e) => e.clientOrderId)).toContain(lostId);
    expect(replaced).toHaveLength(2);
    await second.command({ command: 'stop', parameters: {}, issuedBy: 'tester' });
    expect(second.state()).toBe('stopped');
    const sent = fx.tv.venue.orderLog().filter((e) => e.action === 'place');
    expect(sent).toHaveLength(2);
  });

  it('pause takes no new entries; resume trades again', async () => {
    fx = await engineFixture('pause-resume');
    fx.store.strategies.set('s', strategy({ id: 's', params: { fast_ma: 2, slow_ma: 4, size: '0.01', allow_short: false } }));
    const engine = await fx.engine();
    await engine.command({ command: 'start', parameters: {}, issuedBy: 'tester' });
    await engine.command({ command: 'pause', parameters: {}, issuedBy: 'tester' });
    const acct = fx.tv.venue.defaultAccountId;
    // Our own view of the same candle stream: when it saw the six closes, the engine was handed them too.
    const candles = fx.tv.registry.get().client.streams.candles(SYMBOL, '1m');
    await candles.ready;
    let closed = 0;
    candles.onItem((c) => {
      if (c.closed) closed++;
    });
    fx.bullishCross();
    await until(() => closed >= 6, 'the six closed candles');
    await new Promise((r) => setImmediate(r));
    await engine.idle();
    await candles.close();
    expect(fx.tv.venue.orders(acct, {})).toEqual([]);
    expect(fx.store.journal).toEqual([]);

    await engine.command({ command: 'resume', parameters: {}, issuedBy: 'tester' });
    fx.bullishCross();
    await fx.rec.next((m) => m.topic === 'order_filled');
    expect(fx.tv.venue.orders(acct, {})).toHaveLength(1);
  });

  it('picks up a strategy added while running (reloadStrategies), and restart keeps it running', async () => {
    fx = await engineFixture('reload');
    const engine = await fx.engine();
    await engine.command({ command: 'start', parameters: {}, issuedBy: 'tester' });
    fx.store.strategies.set('late', strategy({ id: 'late', params: { fast_ma: 2, slow_ma: 4, size: '0.01', allow_short: false } }));
    await engine.reloadStrategies();
    fx.bullishCross();
    const filled = await fx.rec.next((m) => m.topic === 'order_filled');
    expect(filled.data).toMatchObject({ strategy_id: 'late' });
    await engine.idle();
    const restarted = await engine.command({ command: 'restart', parameters: {}, reason: 'new settings', issuedBy: 'tester' });
    expect(restarted).toMatchObject({ previousState: 'running', state: 'running', message: 'restarted: running → running' });
    expect(fx.store.commands.map((c) => c.command)).toEqual(['start', 'restart']);
  });
});

