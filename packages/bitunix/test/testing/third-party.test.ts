/**
 * A Bitunix client we did not write, changed only in its base URL, against the simulator front.
 *
 * No Bitunix SDK is installed here (ccxt 4.5.84 has no Bitunix), so the request construction of a published
 * independent JavaScript client is re-expressed step by step: `its-hesam/Bitunix.js` @ 2c941aa42a29
 * (`src/utils/signature.js`, `src/index.js`, `src/config/config.json`). What it does, and so what this test does:
 * - nonce: 16 random bytes as 32 lowercase hex (`CryptoJS.lib.WordArray.random(16).toString()`);
 * - timestamp: `new Date().getTime().toString()` (ms);
 * - sign: SHA-256 hex of nonce + timestamp + apiKey + (query keys sorted, key+value concatenated) + body, where body
 *   is `JSON.stringify(body)` with every whitespace removed, or '' — then SHA-256 hex of that digest + secret
 *   (crypto-js's SHA256/Hex equals node:crypto's sha256/hex);
 * - headers: `api-key`, `Content-Type: application/json`, `language: en-US` on every call, plus `sign`,
 *   `timestamp`, `nonce` (and a stray `time` on POSTs); GET parameters in the query string (axios `params`), POST
 *   bodies as axios serialises them (compact JSON);
 * - paths from its config: `/api/v1/futures/account`, `/api/v1/futures/position/get_pending_positions`,
 *   `/api/v1/futures/trade/place_order`, `/api/v1/futures/market/depth` — base URL replaced by the simulator's.
 * A second style is the official demo's Python signer (BitunixOfficial/open-api `Demo/Python`), which signs and sends
 * `json.dumps(data)` with its default `", "` / `": "` separators: the venue hashes the raw body, so it works too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBitunixSimulator, type BitunixSimulator } from '../../src/testing/index.js';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The client, as its source builds requests; only `baseUrl` differs from its config. */
class ThirdPartyClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly apiSecret: string,
  ) {}

  static nonce(): string {
    return randomBytes(16).toString('hex');
  }

  sign(nonce: string, timestamp: string, query: Record<string, string>, body: unknown): string {
    const sorted = Object.keys(query)
      .sort()
      .map((k) => `${k}${query[k]}`)
      .join('');
    const compressed = body ? JSON.stringify(body).replace(/\s+/g, '') : '';
    return sha256Hex(sha256Hex(nonce + timestamp + this.apiKey + sorted + compressed) + this.apiSecret);
  }

  async get(path: string, query: Record<string, string>): Promise<{ code: number; data: unknown; msg: string }> {
    const nonce = ThirdPartyClient.nonce();
    const timestamp = new Date().getTime().toString();
    const sign = this.sign(nonce, timestamp, query, '');
    const qs = new URLSearchParams(query).toString();
    const res = await fetch(`${this.baseUrl}${path}${qs === '' ? '' : `?${qs}`}`, {
      headers: { 'api-key': this.apiKey, 'Content-Type': 'application/json', language: 'en-US', sign, timestamp, nonce },
    });
    return (await res.json()) as { code: number; data: unknown; msg: string };
  }

  async post(path: string, body: Record<string, string>): Promise<{ code: number; data: unknown; msg: string }> {
    const nonce = ThirdPartyClient.nonce();
    const timestamp = new Date().getTime().toString();
    const sign = this.sign(nonce, timestamp, {}, body);
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'api-key': this.apiKey, 'Content-Type': 'application/json', language: 'en-US', time: timestamp, nonce, timestamp, sign },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { code: number; data: unknown; msg: string };
  }
}

let sim: BitunixSimulator;
let client: ThirdPartyClient;

beforeAll(async () => {
  sim = await startBitunixSimulator({ seed: 'third-party' });
  sim.venue.freeze(true);
  client = new ThirdPartyClient(sim.restUrl, sim.apiKey, sim.apiSecret);
});
afterAll(async () => {
  await sim.close();
});

describe('a third-party Bitunix client against the front (base URL changed only)', () => {
  it('getAccount, getMarketPrice (depth), placeOrder, getPositions', async () => {
    const account = await client.get('/api/v1/futures/account', { marginCoin: 'USDT' });
    expect([account.code, (account.data as { marginCoin?: string } | Array<{ marginCoin?: string }>) !== null]).toEqual([0, true]);

    const depth = await client.get('/api/v1/futures/market/depth', { symbol: 'BTCUSDT', limit: '5' });
    const asks = (depth.data as { asks: string[][] }).asks;
    expect(depth.code).toBe(0);
    expect(asks.length).toBeGreaterThan(0);

    const placed = await client.post('/api/v1/futures/trade/place_order', { symbol: 'BTCUSDT', side: 'BUY', qty: '0.01', orderType: 'MARKET', effect: 'GTC' });
    expect(placed.code).toBe(0);
    expect(typeof (placed.data as { orderId?: unknown }).orderId).toBe('string');

    const positions = await client.get('/api/v1/futures/position/get_pending_positions', {});
    expect(positions.code).toBe(0);
    const btc = (positions.data as Array<{ symbol: string; qty: string; side: string }>).find((p) => p.symbol === 'BTCUSDT');
    expect([btc?.qty, btc?.side]).toEqual(['0.01', 'LONG']);
  });

  it("the official demo's Python style: spaced json.dumps body, signed and sent as those exact bytes", async () => {
    const nonce = ThirdPartyClient.nonce();
    const timestamp = String(Date.now());
    const body = '{"symbol": "BTCUSDT", "side": "SELL", "qty": "0.01", "orderType": "MARKET", "tradeSide": "OPEN"}';
    const sign = sha256Hex(sha256Hex(nonce + timestamp + sim.apiKey + body) + sim.apiSecret);
    const res = await fetch(`${sim.restUrl}/api/v1/futures/trade/place_order`, {
      method: 'POST',
      headers: { 'api-key': sim.apiKey, nonce, timestamp, sign, 'Content-Type': 'application/json', language: 'en-US' },
      body,
    });
    const answer = (await res.json()) as { code: number };
    expect(answer.code).toBe(0);
  });

  it('a wrong secret is refused with the documented 10007', async () => {
    const bad = new ThirdPartyClient(sim.restUrl, sim.apiKey, 'not-the-secret');
    expect((await bad.get('/api/v1/futures/account', { marginCoin: 'USDT' })).code).toBe(10007);
  });
});
