// Venues configured by URL (a simulator the gateway does not run, as `exkit sim` or a real exchange would be):
// the gateway starts no simulator of its own and answers market data from the one at those URLs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBitunixSimulator, type BitunixSimulator } from '@exkit/bitunix/testing';
import { startBybitSimulator, type BybitSimulator } from '@exkit/bybit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config/load.js';
import { startGateway, type TestGateway } from './support/gateway.js';

const SYMBOL = 'BTC/USDT:USDT';
let bybit: BybitSimulator;
let bitunix: BitunixSimulator;
let t: TestGateway;
let admin: string;

beforeAll(async () => {
  bybit = await startBybitSimulator({ seed: 'external-bybit' });
  bitunix = await startBitunixSimulator({ seed: 'external-bitunix' });
  // Frozen with known prices: an answer carrying them can only have come from these simulators.
  bybit.venue.freeze(true);
  bybit.venue.setPrices(SYMBOL, { last: '43210.5' });
  bitunix.venue.freeze(true);
  bitunix.venue.setPrices(SYMBOL, { last: '43999.1' });
  t = await startGateway(
    {
      venues: [
        {
          id: 'bybit-ext',
          exchange: 'bybit',
          env: 'sim',
          urls: { rest: bybit.restUrl, wsPublic: bybit.wsPublicUrl('linear'), wsPrivate: bybit.wsPrivateUrl, wsTrade: bybit.wsTradeUrl },
          credentials: { apiKey: bybit.apiKey, apiSecret: bybit.apiSecret },
        },
        {
          id: 'bitunix-ext',
          exchange: 'bitunix',
          env: 'sim',
          urls: { rest: bitunix.restUrl, wsPublic: bitunix.wsPublicUrl, wsPrivate: bitunix.wsPrivateUrl },
          credentials: { apiKey: bitunix.apiKey, apiSecret: bitunix.apiSecret },
        },
      ],
    },
    { engine: false },
  );
  t.secrets.add(bybit.apiSecret).add(bitunix.apiSecret);
  admin = (await t.login()).access_token;
});
afterAll(async () => {
  expect(t.leaks()).toEqual([]);
  await t.close();
  await bybit.close();
  await bitunix.close();
});

describe('venues configured by URL', () => {
  it('answer /api/v1/market/ticker from the simulator at those URLs', async () => {
    for (const [exchange, last] of [['bybit-ext', '43210.5'], ['bitunix-ext', '43999.1']] as const) {
      const one = await t.request('GET', `/api/v1/market/ticker/BTCUSDT?exchange=${exchange}`, { token: admin });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ success: true, data: { symbol: SYMBOL, native_symbol: 'BTCUSDT', exchange, last } });
    }
  });

  it('are checked like any venue (reachable, credentials valid) and no simulator state is kept by the gateway', async () => {
    const status = (await t.request('GET', '/status', { token: admin })).body as { exchange: { id: string; env: string; connected: boolean; credentials_valid: boolean | null }[] };
    expect(status.exchange).toEqual([
      expect.objectContaining({ id: 'bybit-ext', env: 'sim', connected: true, credentials_valid: true }),
      expect.objectContaining({ id: 'bitunix-ext', env: 'sim', connected: true, credentials_valid: true }),
    ]);
    t.gw.ctx.venues.saveAll();
    expect(existsSync(join(t.dataDir, 'sim'))).toBe(false);
  });
});

describe('venue urls in the configuration', () => {
  const urls = { rest: 'http://127.0.0.1:1', wsPublic: 'ws://127.0.0.1:1/v5/public/linear', wsPrivate: 'ws://127.0.0.1:1/v5/private' };
  const credentials = { apiKey: 'k', apiSecret: 's' };
  const venue = (v: Record<string, unknown>) => () => parseConfig({ venues: [{ id: 'a', exchange: 'bybit', env: 'sim', ...v }] });

  it('need credentials, valid URLs of the right scheme, and no trade socket for bitunix', () => {
    expect(venue({ urls })).toThrow(/venues\.0\.credentials: venue a \(sim at configured urls\) needs credentials/);
    expect(venue({ urls: { ...urls, rest: 'ws://127.0.0.1:1' }, credentials })).toThrow(/venues\.0\.urls\.rest: expected an http\(s\) URL/);
    expect(venue({ urls: { ...urls, wsPrivate: 'not a url' }, credentials })).toThrow(/venues\.0\.urls\.wsPrivate/);
    expect(venue({ urls: { ...urls, extra: 'x' }, credentials })).toThrow(ConfigError);
    expect(venue({ exchange: 'bitunix', urls: { ...urls, wsTrade: 'ws://127.0.0.1:1/t' }, credentials })).toThrow(/venues\.0\.urls\.wsTrade: bitunix has no trade WebSocket/);
    expect(venue({ urls, credentials })().venues[0]).toMatchObject({ urls, credentials });
  });
});
