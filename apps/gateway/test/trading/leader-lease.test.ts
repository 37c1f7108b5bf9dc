import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from '../../src/contracts/events.js';
import { createRedisEventBus } from '../../src/events/index.js';
import { createRedisLease, type TradingEngine } from '../../src/trading/index.js';
import { createTradingEngine } from '../../src/trading/index.js';
import { until } from './support/bus-events.js';
import { MemoryEngineStore, strategy } from './support/memory-store.js';
import { startTestVenue, type TestVenue } from './support/sim-venue.js';

const REDIS = 'redis://127.0.0.1:6379';

describe('one engine leader across instances (Redis lease)', () => {
  let tv: TestVenue;
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.reverse()) await c();
    closers.length = 0;
    await tv.close();
  });

  it('two engines on one lease: one leads, the other forwards commands; the second takes over when the first goes', async () => {
    tv = await startTestVenue('lease');
    const run = randomUUID();
    // The shared PostgreSQL of a real deployment: one store object for both instances.
    const store = new MemoryEngineStore();
    store.strategies.set('s', strategy({ id: 's', params: { fast_ma: 2, slow_ma: 4, size: '0.01' } }));
    const instance = async (name: string): Promise<{ engine: TradingEngine; bus: EventBus }> => {
      const bus = await createRedisEventBus(REDIS, { channel: `exkit:test:${run}:events`, instanceId: name });
      const lease = createRedisLease({ redisUrl: REDIS, key: `exkit:test:${run}:leader`, ttlMs: 1_500, renewMs: 100, owner: name });
      const { registry } = tv.newRegistry();
      const engine = await createTradingEngine({ store, venues: registry, bus, clock: tv.clock, lease, riskCheckIntervalMs: 0 });
      closers.push(async () => {
        await engine.close();
        await bus.close();
      });
      return { engine, bus };
    };
    const a = await instance('gw-a');
    const b = await instance('gw-b');
    expect([a.engine.leader, b.engine.leader]).toEqual([true, false]);

    // A command at the instance without the lease reaches the leader over the bus.
    const forwarded = await b.engine.command({ command: 'start', parameters: {}, reason: 'via b', issuedBy: 'tester' });
    expect(forwarded).toMatchObject({ previousState: 'stopped', state: 'running' });
    expect(forwarded.message).toContain('forwarded');
    await until(() => store.commands.length === 1, 'the leader to run the command');
    await a.engine.idle();
    expect(a.engine.state()).toBe('running');
    expect(store.state?.state).toBe('running');
    expect(store.commands.map((c) => [c.command, c.issuedBy, c.reason])).toEqual([['start', 'tester', 'via b']]);
    expect((await b.engine.status()).leader).toBe(false);
    expect((await b.engine.status()).mode).toBe('running');

    // A strategy saved through the instance without the lease: the leader is told to reload.
    store.strategies.set('t', strategy({ id: 't', symbol: 'ETH/USDT:USDT', params: { fast_ma: 2, slow_ma: 4, size: '0.1' } }));
    const ethCandles = { stream: 'candles', nativeId: 'ETHUSDT', timeframe: '1m' } as const;
    expect(await tv.sim.control.subscriptionCount(ethCandles)).toBe(0);
    await b.engine.reloadStrategies();
    await until(async () => (await tv.sim.control.subscriptionCount(ethCandles)) === 1, 'the leader to run the new strategy');

    // The leader goes away (its lease is released): the other instance takes over and restores "running".
    await closers.shift()!();
    await until(() => b.engine.leader, 'the takeover');
    await b.engine.idle();
    expect(b.engine.state()).toBe('running');
    expect((await b.engine.status()).leader).toBe(true);
  });

  it('never has two leaders while both renew', async () => {
    tv = await startTestVenue('lease-2');
    const key = `exkit:test:${randomUUID()}:leader`;
    const leases = ['x', 'y', 'z'].map((owner) => createRedisLease({ redisUrl: REDIS, key, ttlMs: 2_000, renewMs: 100, owner }));
    for (const l of leases) closers.push(() => l.close());
    await Promise.all(leases.map((l) => l.start()));
    // 40 observations over ≥ 2.4 s (longer than one ttl, so renewals carried it): always exactly one leader.
    for (let i = 0; i < 40; i++) {
      expect(leases.filter((l) => l.isLeader)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 60));
    }
  });
});
