import { afterEach, describe, expect, it } from 'vitest';
import { engineFixture, type EngineFixture } from './support/engine-fixture.js';
import { strategy } from './support/memory-store.js';
import { lastPrice, SYMBOL } from './support/sim-venue.js';

describe('risk checks before every order', () => {
  let fx: EngineFixture;
  afterEach(async () => fx.close());

  it('refuses an entry above max_position_size and journals why; nothing reaches the venue', async () => {
    fx = await engineFixture('risk-reject');
    // 0.2 BTC ≈ 13,000 USDT: above 10 % of the 100,000 USDT account.
    fx.store.strategies.set('big', strategy({ id: 'big', params: { fast_ma: 2, slow_ma: 4, size: '0.2', allow_short: false } }));
    const engine = await fx.engine();
    await engine.command({ command: 'start', parameters: {}, issuedBy: 'tester' });
    fx.bullishCross();

    const rejected = await fx.rec.next((m) => m.topic === 'trading_updates' && (m.data as { event: string }).event === 'order_rejected');
    expect(rejected.data).toMatchObject({ rule: 'max_position_size', symbol: SYMBOL, side: 'buy', size: '0.2', strategy_id: 'big' });
    await engine.idle();
    expect(fx.store.journal.map((e) => [e.status, e.detail['rule']])).toEqual([['rejected_risk', 'max_position_size']]);
    expect(fx.tv.venue.orders(fx.tv.venue.defaultAccountId, {})).toEqual([]);
    expect(engine.state()).toBe('running');
  });

  it('refuses an entry whose risk at stop exceeds max_portfolio_risk (settings from /config)', async () => {
    fx = await engineFixture('risk-portfolio');
    fx.store.strategies.set('s', strategy({ id: 's', params: { fast_ma: 2, slow_ma: 4, size: '0.05', allow_short: false } }));
    const engine = await fx.engine();
    // 0.05 BTC ≈ 3,250 USDT × 3 % stop ≈ 97 USDT at risk > 0.0005 × 100,000 = 50 USDT.
    engine.setRisk({ maxPositionSize: '0.1', maxDailyLoss: '0.05', stopLossPercent: '0.03', maxPortfolioRisk: '0.0005' });
    await engine.command({ command: 'start', parameters: {}, issuedBy: 'tester' });
    fx.bullishCross();
    const rejected = await fx.rec.next((m) => m.topic === 'trading_updates' && (m.data as { event: string }).event === 'order_rejected');
    expect(rejected.data).toMatchObject({ rule: 'max_portfolio_risk' });
    expect(fx.tv.venue.orders(fx.tv.venue.defaultAccountId, {})).toEqual([]);
  });

  it('trips the daily loss breaker: engine stops, cancels its orders, raises a high "Trading Stopped" alert', async () => {
    fx = await engineFixture('risk-breaker');
    fx.store.strategies.set('s', strategy({ id: 's', params: { fast_ma: 2, slow_ma: 4, size: '0.1', allow_short: false } }));
    const engine = await fx.engine({ risk: { maxPositionSize: '0.1', maxDailyLoss: '0.001', stopLossPercent: '0.03', maxPortfolioRisk: '0.02' } });
    await engine.command({ command: 'start', parameters: {}, issuedBy: 'tester' });
    fx.bullishCross();
    await fx.rec.next((m) => m.topic === 'order_filled');
    await engine.idle();
    // A resting engine order the breaker must cancel.
    const acct = fx.tv.venue.defaultAccountId;
    const p = lastPrice(fx.tv.venue);
    await fx.tv.registry.get().client.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'limit', amount: '0.001', price: (p * 0.9).toFixed(1), clientOrderId: 'exkmanual0001-x-sig' });
    await fx.tv.registry.get().client.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'limit', amount: '0.001', price: (p * 0.9).toFixed(1), clientOrderId: 'by-hand-1' });
    expect(fx.tv.venue.openOrders(acct)).toHaveLength(2);

    // Mark 2 % down: 0.1 BTC loses ≈ 130 USDT > 0.001 × 100,000.
    fx.tv.venue.setPrices(SYMBOL, { mark: (p * 0.98).toFixed(1) });
    await engine.checkRisk();

    expect(engine.state()).toBe('stopped');
    expect(fx.store.state?.state).toBe('stopped');
    expect(fx.alerts).toHaveLength(1);
    expect(fx.alerts[0]).toMatchObject({ severity: 'high', title: 'Trading Stopped', type: 'risk', details: { rule: 'max_daily_loss' } });
    const alert = fx.rec.of('alerts')[0]!;
    expect(alert).toMatchObject({ type: 'alert', droppable: false, data: { id: 'alert-1', severity: 'high', title: 'Trading Stopped' } });
    // Only the engine's order is cancelled; the one placed by hand stays.
    expect(fx.tv.venue.openOrders(acct).map((o) => o.clientOrderId)).toEqual(['by-hand-1']);
    expect(fx.store.commands.at(-1)).toMatchObject({ command: 'stop', issuedBy: 'risk', reason: 'daily loss limit' });
    const status = await engine.status();
    expect(status.active).toBe(false);
    expect(Number(status.dailyPnl)).toBeLessThan(-100);
  });

  it('exits a position that moved stop_loss_percent against its entry with a reduce-only order', async () => {
    fx = await engineFixture('stop-loss');
    fx.store.strategies.set('s', strategy({ id: 's', params: { fast_ma: 2, slow_ma: 4, size: '0.01', allow_short: false } }));
    const engine = await fx.engine();
    await engine.command({ command: 'start', parameters: {}, issuedBy: 'tester' });
    fx.bullishCross();
    await fx.rec.next((m) => m.topic === 'position_opened');
    await engine.idle();
    const p = lastPrice(fx.tv.venue);
    fx.tv.venue.setPrices(SYMBOL, { mark: (p * 0.96).toFixed(1) });
    await engine.checkRisk();
    const exit = fx.store.journal.filter((e) => typeof e.detail['reason'] === 'string' && (e.detail['reason'] as string).startsWith('stop_loss'));
    expect(exit.map((e) => [e.side, e.amount, e.status])).toEqual([
      ['sell', '0.01', 'submitted'],
      ['sell', '0.01', 'filled'],
    ]);
    expect(exit[0]!.clientOrderId).toMatch(/-sl$/);
    expect(fx.tv.venue.positions(fx.tv.venue.defaultAccountId).filter((x) => !x.size.isZero())).toEqual([]);
    expect(engine.state()).toBe('running');
  });
});

