import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBus } from '../../src/contracts/events.js';
import { createEventBus } from '../../src/events/index.js';
import { createTradingEngine, type TradingEngine } from '../../src/trading/index.js';
import { BusRecorder } from './support/bus-events.js';
import { MemoryEngineStore, strategy } from './support/memory-store.js';
import { closeMinuteAt, lastPrice, startTestVenue, type TestVenue } from './support/sim-venue.js';

describe('ma_crossover on the simulated venue', () => {
  let tv: TestVenue;
  let bus: EventBus;
  let store: MemoryEngineStore;
  let engine: TradingEngine | undefined;
  let rec: BusRecorder;

  beforeEach(async () => {
    tv = await startTestVenue('strategy-orders');
    bus = createEventBus();
    store = new MemoryEngineStore();
    rec = new BusRecorder(bus);
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await bus.close();
    await tv.close();
  });

  it('buys on a bullish crossover of live candles and journals the order with its client id', async () => {
    store.strategies.set('strat-1', strategy({ params: { fast_ma: 2, slow_ma: 4, size: '0.01', allow_short: false } }));
    engine = await createTradingEngine({ store, venues: tv.registry, bus, clock: tv.clock, riskCheckIntervalMs: 0 });
    const started = await engine.command({ command: 'start', parameters: {}, reason: 'test', issuedBy: 'tester' });
    expect(started).toMatchObject({ previousState: 'stopped', state: 'running' });

    const p = lastPrice(tv.venue);
    const low = (p * 0.99).toFixed(1);
    const high = (p * 1.01).toFixed(1);
    for (let i = 0; i < 5; i++) closeMinuteAt(tv.venue, low);
    closeMinuteAt(tv.venue, high);

    const filled = await rec.next((m) => m.topic === 'order_filled');
    expect(filled.data).toMatchObject({ event: 'order_filled', symbol: 'BTC/USDT:USDT', side: 'buy', size: '0.01', strategy_id: 'strat-1' });
    const opened = await rec.next((m) => m.topic === 'position_opened');
    expect(opened.data).toMatchObject({ symbol: 'BTC/USDT:USDT', side: 'long', size: '0.01' });

    const lines = store.journal.filter((e) => e.strategyId === 'strat-1');
    expect(lines.map((e) => e.status)).toEqual(['submitted', 'filled']);
    expect(lines[0]!.clientOrderId).toMatch(/^exk[0-9a-f]{10}-[0-9a-z]+-sig$/);
    const venueOrders = tv.venue.orders(tv.venue.defaultAccountId, {});
    expect(venueOrders.map((o) => o.clientOrderId)).toEqual([lines[0]!.clientOrderId]);

    const status = await engine.status();
    expect(status).toMatchObject({ active: true, mode: 'running', openPositions: 1, totalTrades: 1, leader: true });
    expect(store.commands.map((c) => [c.command, c.issuedBy])).toEqual([['start', 'tester']]);
  });
});
