/** `fetchApiKeyInfo` over loopback against the simulator's `/v5/user/query-api`, per simulated key. */
import { afterEach, describe, expect, it } from 'vitest';
import { createBybit, type BybitExchange } from '../../src/index.js';
import { startBybitSimulator, type BybitSimulator, type BybitSimulatorOptions } from '../../src/testing/index.js';

const open: Array<{ sim: BybitSimulator; ex: BybitExchange }> = [];

async function connect(options: BybitSimulatorOptions = {}, key?: { apiKey: string; apiSecret: string }): Promise<{ sim: BybitSimulator; ex: BybitExchange }> {
  const sim = await startBybitSimulator({ seed: 'api-key', ...options });
  const creds = key ?? { apiKey: sim.apiKey, apiSecret: sim.apiSecret };
  const ex = createBybit({
    environment: 'custom',
    urls: { rest: sim.restUrl, publicWs: { linear: sim.wsPublicUrl('linear'), spot: sim.wsPublicUrl('spot') }, privateWs: sim.wsPrivateUrl },
    credentials: creds,
    category: ['linear'],
  });
  const pair = { sim, ex };
  open.push(pair);
  return pair;
}

afterEach(async () => {
  for (const { sim, ex } of open.splice(0)) {
    await ex.close();
    await sim.close();
  }
});

describe('fetchApiKeyInfo against the simulator', () => {
  it('default key: read + trade, no withdraw, not IP-bound; the request is signed', async () => {
    const { sim, ex } = await connect();
    const info = await ex.fetchApiKeyInfo();
    expect(info.readOnly).toBe(false);
    expect(info.permissions).toEqual({ read: true, trade: true, withdraw: false, transfer: false });
    expect(info.ipWhitelist).toBeUndefined();
    expect(info.venuePermissions).toEqual({ ContractTrade: ['Order', 'Position'], Spot: ['SpotTrade'] });
    const req = (await sim.control.receivedRequests()).find((r) => r.path === '/v5/user/query-api');
    expect(req?.apiKey).toBe(sim.apiKey);
    expect(req?.signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it('withdraw-enabled key (keyPermissions): withdraw and transfer reported, IP binding kept', async () => {
    const { ex } = await connect({ keyPermissions: { withdraw: true, transfer: true, ips: ['127.0.0.1'] } });
    const info = await ex.fetchApiKeyInfo();
    expect(info.permissions).toEqual({ read: true, trade: true, withdraw: true, transfer: true });
    expect(info.ipWhitelist).toEqual(['127.0.0.1']);
    expect(info.venuePermissions?.['Wallet']).toEqual(['AccountTransfer', 'Withdraw']);
  });

  it('read-only key (trade: false): readOnly, no trade — and the venue indeed refuses its orders', async () => {
    const { ex } = await connect({ keyPermissions: { trade: false } });
    const info = await ex.fetchApiKeyInfo();
    expect(info.readOnly).toBe(true);
    expect(info.permissions.trade).toBe(false);
    await expect(ex.cancelOrder({ symbol: 'BTC/USDT:USDT', clientOrderId: 'nope1' })).rejects.toMatchObject({ name: 'PermissionError' });
  });

  it('answers about the signing key: setKeyPermissions on a second key', async () => {
    const sim = await startBybitSimulator({ seed: 'api-key-2' });
    const other = sim.venue.createApiKey({ permissions: ['read'] });
    sim.setKeyPermissions(other.apiKey, { withdraw: true });
    const ex = createBybit({ environment: 'custom', urls: { rest: sim.restUrl, publicWs: { linear: sim.wsPublicUrl('linear'), spot: sim.wsPublicUrl('spot') }, privateWs: sim.wsPrivateUrl }, credentials: { apiKey: other.apiKey, apiSecret: other.apiSecret }, category: ['linear'] });
    open.push({ sim, ex });
    const info = await ex.fetchApiKeyInfo();
    expect(info).toMatchObject({ readOnly: true, permissions: { read: true, trade: false, withdraw: true } });
  });

  it('a wrong secret is an AuthenticationError naming the method', async () => {
    const { sim } = await connect();
    const { ex } = await connect({}, { apiKey: sim.apiKey, apiSecret: 'wrong' });
    await expect(ex.fetchApiKeyInfo()).rejects.toMatchObject({ name: 'AuthenticationError', method: 'fetchApiKeyInfo' });
  });
});
