import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusMessage, EventBus } from '../../src/contracts/events.js';
import { busMessage, createEventBus, createRedisEventBus } from '../../src/events/index.js';
import { until } from '../trading/support/bus-events.js';

const REDIS = 'redis://127.0.0.1:6379';
const at = Date.UTC(2026, 0, 1);

describe('in-process event bus', () => {
  it('delivers to every listener in order, isolates a throwing listener, and stops after unsubscribe', async () => {
    const errors: unknown[] = [];
    const bus = createEventBus({ onListenerError: (e) => errors.push(e) });
    const a: string[] = [];
    const b: string[] = [];
    const offA = bus.subscribe((m) => a.push(m.type));
    bus.subscribe(() => {
      throw new Error('listener bug');
    });
    bus.subscribe((m) => b.push(m.type));
    bus.publish(busMessage('alerts', 'one', {}, { at }));
    offA();
    bus.publish(busMessage('alerts', 'two', {}, { at }));
    expect(a).toEqual(['one']);
    expect(b).toEqual(['one', 'two']);
    expect(errors).toHaveLength(2);
    await bus.close();
    bus.publish(busMessage('alerts', 'three', {}, { at }));
    expect(b).toEqual(['one', 'two']);
  });

  it('builds messages with ISO timestamps and the droppable/local flags', () => {
    expect(busMessage('price_update:BTC/USDT:USDT', 'price_update', { last: '1' }, { at, droppable: true, local: true })).toEqual({
      topic: 'price_update:BTC/USDT:USDT',
      type: 'price_update',
      droppable: true,
      local: true,
      timestamp: '2026-01-01T00:00:00.000Z',
      data: { last: '1' },
    });
  });
});

describe('Redis event bus (two gateway instances)', () => {
  const buses: EventBus[] = [];
  afterEach(async () => {
    for (const b of buses.splice(0)) await b.close();
  });

  it('relays every message once to the other instance, keeps local ones local, and rejects foreign frames', async () => {
    const channel = `exkit:test:${randomUUID()}`;
    const invalid: string[] = [];
    const one = await createRedisEventBus(REDIS, { channel, instanceId: 'one' });
    const two = await createRedisEventBus(REDIS, { channel, instanceId: 'two', onInvalidFrame: (r) => invalid.push(r) });
    buses.push(one, two);
    const got1: BusMessage[] = [];
    const got2: BusMessage[] = [];
    one.subscribe((m) => got1.push(m));
    two.subscribe((m) => got2.push(m));

    for (let i = 0; i < 50; i++) one.publish(busMessage('trading_updates', 'trading_update', { i }, { at }));
    one.publish(busMessage('price_update:BTC/USDT:USDT', 'price_update', { last: '1' }, { at, droppable: true, local: true }));
    two.publish(busMessage('alerts', 'alert', { id: 'a1' }, { at }));
    const stray = new Redis(REDIS);
    await stray.publish(channel, JSON.stringify({ origin: 'x', message: { topic: 'alerts' } }));
    await stray.publish(channel, 'not json');
    await stray.quit();

    await until(() => got2.length >= 51 && got1.length >= 52 && invalid.length === 2, 'relayed messages');
    expect(got2.filter((m) => m.topic === 'trading_updates').map((m) => (m.data as { i: number }).i)).toEqual([...Array(50).keys()]);
    expect(got2.some((m) => m.topic.startsWith('price_update'))).toBe(false);
    expect(got1.map((m) => m.topic)).toEqual([...Array(50).fill('trading_updates'), 'price_update:BTC/USDT:USDT', 'alerts']);
    expect(got2.filter((m) => m.topic === 'alerts')).toHaveLength(1);
    expect(invalid).toHaveLength(2);
  });
});
