import { createHash, createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AuthenticationError,
  Decimal,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidArgumentError,
  NetworkError,
  RateLimitError,
  RestTransport,
  RetryPolicy,
  UnexpectedResponseError,
  wireDecimal,
  type RequestEndInfo,
  type RequestStartInfo,
  type SignInput,
} from '../../src/index.js';
import { bybitLikeDecoder, bybitLikeSigner, ok, verifyBybitLike } from './helpers/bybit-like.js';
import { LoopbackServer, json } from './helpers/loopback-server.js';

const KEY = 'key-AbCdEf-123456';
const SECRET = 'secret-ZyXwVu-987654';

let server: LoopbackServer;
const transports: RestTransport[] = [];

function transport(extra: Partial<ConstructorParameters<typeof RestTransport>[0]> = {}): RestTransport {
  const t = new RestTransport({
    exchange: 'testx',
    baseUrl: server.url,
    credentials: { apiKey: KEY, apiSecret: SECRET },
    signer: bybitLikeSigner,
    decoder: bybitLikeDecoder,
    retry: RetryPolicy.none(),
    ...extra,
  });
  transports.push(t);
  return t;
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  server = await LoopbackServer.start();
});
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
});

describe('signing over the exact wire strings', () => {
  it('GET: the signer sees the query exactly as the server receives it, and the signature verifies', async () => {
    const seen: SignInput[] = [];
    server.handler = (r, res) => json(res, 200, verifyBybitLike(r, KEY, SECRET) ? ok({ fine: true }) : { retCode: 10004, retMsg: 'error sign!', result: {} });
    const t = transport({ signer: (i) => (seen.push(i), bybitLikeSigner(i)) });
    const data = await t.request({
      path: '/v5/order/history',
      signed: true,
      query: {
        category: 'linear',
        cursor: 'page_args%3D12&x=y z', // a venue cursor with %, &, = and a space
        qty: new Decimal('0.00000001'), // never exponent notation
        reduceOnly: true,
        empty: '', // dropped: venues reject empty parameters
        skipped: undefined,
        note: 'héllo',
      },
      schema: z.object({ fine: z.literal(true) }),
    });
    expect(data).toEqual({ fine: true });
    const [wire] = server.requests;
    expect(seen).toHaveLength(1);
    expect(seen[0]!.query).toBe(wire!.query);
    expect(seen[0]!.body).toBe('');
    expect(wire!.body).toBe('');
    expect(wire!.headers['content-type']).toBeUndefined();
    expect(seen[0]!.queryEntries).toEqual([
      ['category', 'linear'],
      ['cursor', 'page_args%3D12&x=y z'],
      ['qty', '0.00000001'],
      ['reduceOnly', 'true'],
      ['note', 'héllo'],
    ]);
    expect(new URLSearchParams(wire!.query).get('cursor')).toBe('page_args%3D12&x=y z');
  });

  it('POST: the signer sees the body bytes the server receives; signer-added query goes after the signed string', async () => {
    const seen: SignInput[] = [];
    server.handler = (r, res) => json(res, 200, verifyBybitLike(r, KEY, SECRET) ? ok({ orderId: '1' }) : { retCode: 10004, retMsg: 'error sign!', result: {} });
    const t = transport({
      signer: (i) => {
        seen.push(i);
        return { ...bybitLikeSigner(i), query: [['recvWindow', '5000']] };
      },
    });
    const body = { symbol: 'BTCUSDT', side: 'Buy', qty: new Decimal('0.100'), price: '60000', note: 'quote " and ü' };
    await t.request({ method: 'POST', path: '/v5/order/create', signed: true, query: { category: 'linear' }, body });
    const [wire] = server.requests;
    expect(seen[0]!.body).toBe(wire!.body);
    expect(wire!.body).toBe(JSON.stringify(body));
    expect(wire!.body).toContain('"qty":"0.1"');
    expect(seen[0]!.query).toBe('category=linear');
    expect(wire!.query).toBe('category=linear&recvWindow=5000');
    expect(wire!.headers['content-type']).toBe('application/json');
  });

  it('refuses a full URL or a GET body before any request', async () => {
    const t = transport();
    expect(await failure(t.request({ path: 'http://evil.example/x' }))).toBeInstanceOf(InvalidArgumentError);
    expect(await failure(t.request({ path: '//evil.example/x' }))).toBeInstanceOf(InvalidArgumentError);
    expect(await failure(t.request({ path: '/x', body: { a: 1 } }))).toBeInstanceOf(InvalidArgumentError);
    expect(await failure(t.request({ path: '/x', query: { qty: 1e-7 } }))).toBeInstanceOf(InvalidArgumentError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('the signing hook fits both venues (published test vectors, reference docs)', () => {
  it('Bybit V5 GET: HMAC over timestamp + key + recvWindow + the wire query', async () => {
    server.handler = (_r, res) => json(res, 200, ok({}));
    const t = transport({
      credentials: { apiKey: 'XXXXXXXXXX', apiSecret: 'XXXXXXXXXX' },
      time: { now: () => 1658384313791 },
      signer: (i) => ({
        headers: {
          'X-BAPI-API-KEY': i.credentials.apiKey.reveal(),
          'X-BAPI-TIMESTAMP': String(i.timestamp),
          'X-BAPI-RECV-WINDOW': '5000',
          'X-BAPI-SIGN': createHmac('sha256', i.credentials.apiSecret.reveal())
            .update(`${i.timestamp}${i.credentials.apiKey.reveal()}5000${i.query}`)
            .digest('hex'),
        },
      }),
    });
    await t.request({ path: '/v5/order/realtime', signed: true, query: { category: 'option', symbol: 'BTC-29JUL22-25000-C' } });
    expect(server.requests[0]!.headers['x-bapi-sign']).toBe('b3a13cbd6f9de0ad7ece696645a98000281be3558716624cfca03debd2f24574');
  });

  it('Bitunix GET: double SHA-256 over nonce + timestamp + key + sorted raw parameters + body', async () => {
    server.handler = (_r, res) => json(res, 200, { code: 0, data: {}, msg: 'Success' });
    const sha = (x: string): string => createHash('sha256').update(x, 'utf8').digest('hex');
    const t = transport({
      decoder: undefined,
      credentials: { apiKey: '11111111111111111', apiSecret: '22222222222222222' },
      time: { now: () => 1747104711262 },
      signer: (i) => {
        const nonce = '0123456789abcdef0123456789abcdef';
        const params = [...i.queryEntries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => k + v).join('');
        const digest = sha(nonce + String(i.timestamp) + i.credentials.apiKey.reveal() + params + i.body);
        return { headers: { 'api-key': i.credentials.apiKey.reveal(), nonce, timestamp: String(i.timestamp), sign: sha(digest + i.credentials.apiSecret.reveal()) } };
      },
    });
    await t.request({ path: '/api/v1/futures/account', signed: true, query: { symbol: 'BTCUSDT', marginCoin: 'USDT' } });
    expect(server.requests[0]!.headers['sign']).toBe('7769f8e95459f236b8449b79afc7aef0cbaaf05fe87f25492ba2cbb3683da05e');
  });
});

describe('credentials and cancellation', () => {
  it('asks the credentials provider again after an authentication failure (rotated keys)', async () => {
    const keys = ['old-key-000000', 'new-key-111111'];
    let calls = 0;
    server.handler = (r, res) => json(res, 200, r.headers['x-bapi-api-key'] === keys[1] ? ok({ ok: 1 }) : { retCode: 10003, retMsg: 'API key is invalid.', result: {} });
    const t = transport({ credentials: () => ({ apiKey: keys[Math.min(calls++, 1)]!, apiSecret: SECRET }) });
    await expect(t.request({ path: '/p', signed: true })).rejects.toBeInstanceOf(AuthenticationError);
    await expect(t.request({ path: '/p', signed: true })).resolves.toEqual({ ok: 1 });
    await expect(t.request({ path: '/p', signed: true })).resolves.toEqual({ ok: 1 });
    expect(calls).toBe(2);
  });

  it("the caller's AbortSignal rejects with its reason and releases the socket", async () => {
    let serverSawClose = false;
    server.handler = (r) => {
      r.req.socket.on('close', () => (serverSawClose = true));
    };
    const ac = new AbortController();
    const p = transport().request({ path: '/slow', signal: ac.signal });
    await until(() => server.requests.length === 1);
    const reason = new Error('user cancelled');
    ac.abort(reason);
    await expect(p).rejects.toBe(reason);
    await until(() => serverSawClose);
  });
});

describe('decoding and validation', () => {
  it('envelope errors become the typed error the exchange decoder chose', async () => {
    server.handler = (_r, res) => json(res, 200, { retCode: 110007, retMsg: 'ab not enough for new order', result: {} });
    const err = await failure(transport().request({ method: 'POST', path: '/v5/order/create', signed: true, body: {} }));
    expect(err).toBeInstanceOf(InsufficientFundsError);
    expect((err as InsufficientFundsError).code).toBe(110007);
  });

  it('a zod failure is an UnexpectedResponseError naming the path and the offending value', async () => {
    server.handler = (_r, res) => json(res, 200, ok({ list: [{ price: '1.5' }, { price: 'abc' }] }));
    const schema = z.object({ list: z.array(z.object({ price: wireDecimal })) });
    const err = await failure(transport().request({ path: '/v5/market/tickers', schema }));
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    const e = err as UnexpectedResponseError;
    expect(e.path).toBe('list.1.price');
    expect(e.message).toContain('list.1.price');
    expect(e.message).toContain('"abc"');
    expect(e.retryable).toBe(false);
  });

  it('the offending value is truncated', async () => {
    server.handler = (_r, res) => json(res, 200, ok({ name: 'x'.repeat(5000) }));
    const err = (await failure(transport().request({ path: '/a', schema: z.object({ name: z.number() }) }))) as UnexpectedResponseError;
    expect(err.path).toBe('name');
    expect(err.message.length).toBeLessThan(400);
  });

  it('validated data comes back transformed (Decimal, never a float)', async () => {
    server.handler = (_r, res) => json(res, 200, ok({ price: '0.30000000000000000001' }));
    const data = await transport().request({ path: '/p', schema: z.object({ price: wireDecimal }) });
    expect(data.price.toFixed()).toBe('0.30000000000000000001');
  });

  it('HTML 502 → ExchangeUnavailableError (retryable)', async () => {
    server.handler = (_r, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>');
    };
    const err = await failure(transport().request({ path: '/v5/market/time' }));
    expect(err).toBeInstanceOf(ExchangeUnavailableError);
    expect((err as ExchangeUnavailableError).retryable).toBe(true);
    expect((err as Error).message).toContain('502 Bad Gateway');
  });

  it('an HTML page with status 200 (maintenance) → ExchangeUnavailableError', async () => {
    server.handler = (_r, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>Under maintenance</title></head></html>');
    };
    expect(await failure(transport().request({ path: '/x' }))).toBeInstanceOf(ExchangeUnavailableError);
  });

  it('invalid JSON → UnexpectedResponseError', async () => {
    server.handler = (_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"retCode":0,"result":{"a":');
    };
    const err = await failure(transport().request({ path: '/x' }));
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect((err as Error).message).toMatch(/not JSON/);
  });

  it('429 → RateLimitError with retryAfterMs from Retry-After', async () => {
    server.handler = (_r, res) => json(res, 429, { message: 'slow down' }, { 'retry-after': '2' });
    const err = await failure(transport().request({ path: '/x' }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(2000);
  });

  it('401 with a body the decoder does not recognise → AuthenticationError', async () => {
    server.handler = (_r, res) => json(res, 401, { error: 'invalid key' });
    expect(await failure(transport().request({ path: '/x' }))).toBeInstanceOf(AuthenticationError);
  });
});

describe('network failures', () => {
  it('connection refused → NetworkError', async () => {
    const dead = await LoopbackServer.start();
    const url = dead.url;
    await dead.close();
    const err = await failure(transport({ baseUrl: url }).request({ path: '/x' }));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe('ECONNREFUSED');
    expect((err as NetworkError).retryable).toBe(true);
  });

  it('timeout → NetworkError; the socket is destroyed and a late answer changes nothing', async () => {
    let late: (() => void) | undefined;
    let serverSawClose = false;
    server.handler = (r, res) => {
      r.req.socket.on('close', () => (serverSawClose = true));
      late = () => json(res, 200, ok({ late: true }));
    };
    const t = transport();
    let settled = 0;
    const p = t.request({ path: '/slow', timeoutMs: 150 }).finally(() => settled++);
    const err = await failure(p);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/timed out/);
    await until(() => serverSawClose);
    late?.();
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(1);
  });

  it('connection reset mid-request → NetworkError', async () => {
    server.handler = (r) => {
      r.req.socket.destroy();
    };
    const err = await failure(transport().request({ path: '/reset' }));
    expect(err).toBeInstanceOf(NetworkError);
  });
});

describe('metrics hooks', () => {
  it('report method, path, status, duration and weight per attempt', async () => {
    const starts: RequestStartInfo[] = [];
    const ends: RequestEndInfo[] = [];
    server.handler = (r, res) => (r.path === '/bad' ? json(res, 200, { retCode: 10006, retMsg: 'Too many visits!', result: {} }) : json(res, 200, ok({})));
    const t = transport({ hooks: { onRequest: (i) => starts.push(i), onResponse: (i) => ends.push(i) } });
    await t.request({ path: '/good', cost: {}, label: 'good' });
    await failure(t.request({ path: '/bad', signed: true }));
    expect(starts.map((s) => [s.method, s.path, s.label, s.signed])).toEqual([
      ['GET', '/good', 'good', false],
      ['GET', '/bad', '/bad', true],
    ]);
    expect(ends[0]).toMatchObject({ method: 'GET', path: '/good', status: 200, ok: true, weight: 0, attempt: 1 });
    expect(ends[1]).toMatchObject({ path: '/bad', status: 200, ok: false, errorName: 'RateLimitError', code: 10006 });
    for (const e of ends) expect(e.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a throwing hook does not break the call', async () => {
    server.handler = (_r, res) => json(res, 200, ok({ a: 1 }));
    const t = transport({
      hooks: {
        onRequest: () => {
          throw new Error('metrics down');
        },
      },
    });
    expect(await t.request({ path: '/x' })).toEqual({ a: 1 });
  });
});

describe('response headers', () => {
  it('send() exposes status and lower-cased headers', async () => {
    server.handler = (_r, res) => json(res, 200, ok({}), { 'X-Bapi-Limit': '10' });
    const res = await transport().send({ path: '/x' });
    expect(res.status).toBe(200);
    expect(res.headers['x-bapi-limit']).toBe('10');
    expect(res.headers['date']).toBeDefined();
  });
});

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
