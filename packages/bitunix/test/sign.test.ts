import { Secret } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { bitunixDigest, bitunixSign, createNonce, createRestSigner, sortedQueryString, wsLoginSign } from '../src/rest/sign.js';
import { loginFrame } from '../src/ws/auth.js';
import { loginRequestSchema } from '../src/ws/schemas/control.js';

/** bitunix.md §2 "Test vectors" (R1 is the official DEMO Go vector) and §6 (WS login vector). */
const VECTORS = [
  {
    name: 'R1 official DEMO Go vector',
    nonce: '33333333333333333',
    timestamp: '1747104711262',
    apiKey: '11111111111111111',
    secretKey: '22222222222222222',
    queryParams: 'marginCoinUSDT',
    body: '',
    digest: 'ea0f6d6bc37d102c41ccbd820f4cfbb10663f3675a75aea80a353e0e317fcdcc',
    sign: '40e87256554e263e39201a3979469b7fbb640d1c7c41759abf5c6a18f937f922',
  },
  {
    name: 'R2 DOC sign.html inputs',
    nonce: '123456',
    timestamp: '20241120123045',
    apiKey: 'yourApiKey',
    secretKey: 'yourSecretKey',
    queryParams: 'id1uid200',
    body: '{"uid":"2899","arr":[{"id":1,"name":"maple"},{"id":2,"name":"lily"}]}',
    digest: '75099831ac6803e9c5b79dd3cde2c3c529b4750bd3508186afdde0dd13599b38',
    sign: '00397cd1e52c7dce3258067324363b6361fabc9178a0912b330c138db8745655',
  },
  {
    name: 'R3 GET with two params',
    nonce: '0123456789abcdef0123456789abcdef',
    timestamp: '1747104711262',
    apiKey: '11111111111111111',
    secretKey: '22222222222222222',
    queryParams: 'marginCoinUSDTsymbolBTCUSDT',
    body: '',
    digest: '006e8bde1b46deb6dbc48c8af7e26167ac26d3bd721789e709ab8fb77f62b1c6',
    sign: '7769f8e95459f236b8449b79afc7aef0cbaaf05fe87f25492ba2cbb3683da05e',
  },
  {
    name: 'R4 POST place_order',
    nonce: '0123456789abcdef0123456789abcdef',
    timestamp: '1747104711262',
    apiKey: '11111111111111111',
    secretKey: '22222222222222222',
    queryParams: '',
    body: '{"symbol":"BTCUSDT","side":"BUY","orderType":"LIMIT","qty":"0.01","price":"60000","tradeSide":"OPEN","effect":"GTC","clientId":"sim-0001"}',
    digest: '7b2bff09bff5a0695b0a5d2d02f3b9b0977f61d022ae6ca5608c5383d31f131f',
    sign: '988e7adb0ac8417fe42bd392b778111470ec1b8e2f95a3a1b00e87923d29b9d1',
  },
] as const;

describe('REST signature (double SHA-256)', () => {
  for (const v of VECTORS) {
    it(v.name, () => {
      expect(bitunixDigest(v)).toBe(v.digest);
      expect(bitunixSign(v)).toBe(v.sign);
    });
  }

  it('sorts parameters by key (ASCII) and concatenates key+value raw, skipping empty values', () => {
    expect(sortedQueryString([['uid', '200'], ['id', '1']])).toBe('id1uid200');
    expect(sortedQueryString([['symbol', 'BTCUSDT'], ['marginCoin', 'USDT']])).toBe('marginCoinUSDTsymbolBTCUSDT');
    // raw values, not URL-encoded; upper case sorts before lower case (ordinal, not locale)
    expect(sortedQueryString([['symbols', 'BTCUSDT,ETHUSDT'], ['Z', '1'], ['a', '']])).toBe('Z1symbolsBTCUSDT,ETHUSDT');
  });

  it('the signer stamps the documented headers and signs the query entries (GET) and the body (POST) as sent', async () => {
    const signer = createRestSigner({ nonce: () => '0123456789abcdef0123456789abcdef' });
    const credentials = { apiKey: new Secret('11111111111111111'), apiSecret: new Secret('22222222222222222') };
    const get = await signer({
      method: 'GET',
      path: '/api/v1/futures/account',
      query: 'symbol=BTCUSDT&marginCoin=USDT',
      queryEntries: [['symbol', 'BTCUSDT'], ['marginCoin', 'USDT']],
      body: '',
      timestamp: 1747104711262,
      credentials,
    });
    expect(get.headers).toEqual({ 'api-key': '11111111111111111', nonce: '0123456789abcdef0123456789abcdef', timestamp: '1747104711262', sign: VECTORS[2].sign });
    const post = await signer({ method: 'POST', path: '/api/v1/futures/trade/place_order', query: '', queryEntries: [], body: VECTORS[3].body, timestamp: 1747104711262, credentials });
    expect(post.headers?.['sign']).toBe(VECTORS[3].sign);
    expect(post.secrets).toEqual([VECTORS[3].sign]);
  });

  it('nonces are 32 lowercase hex characters and fresh', () => {
    const a = createNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(createNonce()).not.toBe(a);
  });
});

describe('WebSocket login signature', () => {
  it('matches the bitunix.md §6 vector (seconds timestamp, empty query and body)', () => {
    const nonce = '0123456789abcdef0123456789abcdef';
    expect(bitunixDigest({ nonce, timestamp: '1747402389', apiKey: '11111111111111111', queryParams: '', body: '' })).toBe('47cb9b0fb8cf93b9452834f2b16d400dc81f3396df14a9bcd76873c8f49db609');
    expect(wsLoginSign(nonce, 1747402389, '11111111111111111', '22222222222222222')).toBe('9dfadd014a3a258fb2a7d08bf622e2c91eb98dd4b425ddb3ddebef1bef64aa5c');
  });

  it('builds the documented login frame', () => {
    const frame = loginFrame({ apiKey: '11111111111111111', secretKey: '22222222222222222', nonce: '0123456789abcdef0123456789abcdef', timestampSeconds: 1747402389 });
    expect(frame).toEqual({
      op: 'login',
      args: [{ apiKey: '11111111111111111', timestamp: 1747402389, nonce: '0123456789abcdef0123456789abcdef', sign: '9dfadd014a3a258fb2a7d08bf622e2c91eb98dd4b425ddb3ddebef1bef64aa5c' }],
    });
    expect(loginRequestSchema.safeParse(frame).success).toBe(true);
  });
});
