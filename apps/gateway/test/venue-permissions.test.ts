// VenueHealth.permissions from the venue's own key info (fetchApiKeyInfo): a bybit simulator in this
// process with a withdraw-enabled key, the gateway pointed at it by URL; bitunix (no such endpoint) omits it.
import { startBybitSimulator, type BybitSimulator } from '@exkit/bybit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

let sim: BybitSimulator;
let t: TestGateway;

beforeAll(async () => {
  sim = await startBybitSimulator({ seed: 'gw-key-perms', keyPermissions: { withdraw: true } });
  t = await startGateway(
    {
      venues: [
        {
          id: 'bybit-ext',
          exchange: 'bybit',
          env: 'sim',
          urls: { rest: sim.restUrl, wsPublic: sim.wsPublicUrl('linear'), wsPrivate: sim.wsPrivateUrl },
          credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret },
        },
        { id: 'bitunix-sim', exchange: 'bitunix', env: 'sim' },
      ],
    },
    { engine: false },
  );
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

describe('venue health: key permissions', () => {
  it('lists what the key may do, withdraw included when enabled; omitted where the adapter cannot tell', async () => {
    await t.gw.venueWatch.checkOnce();
    const bybit = t.gw.ctx.venues.get('bybit-ext').health();
    expect(bybit).toMatchObject({ reachable: true, credentialsValid: true, permissions: ['read', 'trade', 'withdraw'] });
    const bitunix = t.gw.ctx.venues.get('bitunix-sim').health();
    expect(bitunix.credentialsValid).toBe(true);
    expect(bitunix.permissions).toBeUndefined();
  });

  it('follows a change of the key on the next check', async () => {
    sim.setKeyPermissions(sim.apiKey, { withdraw: false });
    await t.gw.venueWatch.checkOnce();
    expect(t.gw.ctx.venues.get('bybit-ext').health().permissions).toEqual(['read', 'trade']);
  });
});
