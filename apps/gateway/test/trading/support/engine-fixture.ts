// One engine on one simulated venue, with the bus recorder and the in-memory store.
import type { EngineAlert } from '../../../src/contracts/engine.js';
import type { EventBus } from '../../../src/contracts/events.js';
import { createEventBus } from '../../../src/events/index.js';
import { createTradingEngine, type TradingEngine, type TradingEngineOptions } from '../../../src/trading/index.js';
import { BusRecorder } from './bus-events.js';
import { MemoryEngineStore } from './memory-store.js';
import { closeMinuteAt, lastPrice, startTestVenue, type TestVenue } from './sim-venue.js';

export interface EngineFixture {
  readonly tv: TestVenue;
  readonly bus: EventBus;
  readonly store: MemoryEngineStore;
  readonly rec: BusRecorder;
  readonly alerts: EngineAlert[];
  engine(options?: Partial<TradingEngineOptions>): Promise<TradingEngine>;
  /** Closes below the last price for `n` minutes, then one minute above: a bullish crossover. */
  bullishCross(lowMinutes?: number): void;
  close(): Promise<void>;
}

export async function engineFixture(seed: string): Promise<EngineFixture> {
  const tv = await startTestVenue(seed);
  const bus = createEventBus();
  const store = new MemoryEngineStore();
  const rec = new BusRecorder(bus);
  const alerts: EngineAlert[] = [];
  const engines: TradingEngine[] = [];
  return {
    tv,
    bus,
    store,
    rec,
    alerts,
    async engine(options = {}) {
      const e = await createTradingEngine({
        store,
        venues: tv.registry,
        bus,
        clock: tv.clock,
        riskCheckIntervalMs: 0,
        onAlert: (a) => {
          alerts.push(a);
          return { id: `alert-${alerts.length}` };
        },
        ...options,
      });
      engines.push(e);
      return e;
    },
    bullishCross(lowMinutes = 5) {
      const p = lastPrice(tv.venue);
      for (let i = 0; i < lowMinutes; i++) closeMinuteAt(tv.venue, (p * 0.99).toFixed(1));
      closeMinuteAt(tv.venue, (p * 1.01).toFixed(1));
    },
    async close() {
      for (const e of engines) await e.close();
      rec.stop();
      await bus.close();
      await tv.close();
    },
  };
}
