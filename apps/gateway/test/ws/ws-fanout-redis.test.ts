import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { busMessage, createGatewayEventBus } from '../../src/events/index.js';
import { startWsServer, TestClient, type WsServer } from './support/ws-server.js';

describe('WS fan-out across two gateway instances sharing Redis', () => {
  const servers: WsServer[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const s of servers.splice(0)) await s.close();
  });

  it('an event published on one instance reaches the subscribers of the other, once', async () => {
    const channel = `exkit:test:${randomUUID()}`;
    for (const name of ['gw-1', 'gw-2']) {
      const bus = await createGatewayEventBus({ redisUrl: 'redis://127.0.0.1:6379', channel, instanceId: name });
      servers.push(await startWsServer({ bus }));
    }
    const [one, two] = servers as [WsServer, WsServer];
    const onOne = new TestClient(one.url('dash-1', 'reader-token'));
    const onTwo = new TestClient(two.url('dash-2', 'reader-token'));
    clients.push(onOne, onTwo);
    for (const c of [onOne, onTwo]) {
      await c.next('authenticated');
      c.send({ type: 'subscribe', topics: ['alerts'] });
      await c.next('subscribed');
    }
    one.bus.publish(busMessage('alerts', 'alert', { id: 'from-gw-1', severity: 'high', title: 'Trading Stopped' }, { at: one.clock.now() }));
    expect(await onTwo.next('alert')).toMatchObject({ data: { id: 'from-gw-1' } });
    expect(await onOne.next('alert')).toMatchObject({ data: { id: 'from-gw-1' } });
    two.bus.publish(busMessage('alerts', 'alert', { id: 'from-gw-2' }, { at: two.clock.now() }));
    expect(await onOne.next('alert')).toMatchObject({ data: { id: 'from-gw-2' } });
    expect(await onTwo.next('alert')).toMatchObject({ data: { id: 'from-gw-2' } });
    await onOne.roundTrip();
    await onTwo.roundTrip();
    expect(onOne.frames).toEqual([]);
    expect(onTwo.frames).toEqual([]);
  });
});
