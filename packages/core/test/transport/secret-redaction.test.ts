/**
 * Plants live credentials and signatures, makes every failure the transport knows happen — with
 * the venue echoing them back wherever it can — and scans everything a user could print.
 */
import { inspect } from 'node:util';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthenticationError, ExchangeError, RestTransport, RetryPolicy, createError, type RequestSigner, type RestTransportOptions } from '../../src/index.js';
import { bybitLikeDecoder, bybitLikeSigner, ok } from './helpers/bybit-like.js';
import { captureLogger } from './helpers/capture-logger.js';
import { LoopbackServer, json, type Recorded } from './helpers/loopback-server.js';

const KEY = 'PLANTEDKEY-a1b2c3d4e5';
const SECRET = 'PLANTEDSECRET-f6g7h8i9j0';
const PASSPHRASE = 'PLANTEDPASS-k1l2m3';

let server: LoopbackServer;
const signatures: string[] = [];
const log = captureLogger();

/** Records every signature it makes, and also puts it in the query (a `signature=` venue). */
const signer: RequestSigner = (i) => {
  const out = bybitLikeSigner(i);
  const sign = out.headers!['X-BAPI-SIGN']!;
  signatures.push(sign);
  return { ...out, query: [['signature', sign]] };
};

/** Everything the server received that is secret, echoed back. */
function echo(r: Recorded): string {
  return `origin_string[${String(r.headers['x-bapi-timestamp'])}${KEY}5000] sign=${String(r.headers['x-bapi-sign'])} url=${r.url} secret=${SECRET} pass=${PASSPHRASE}`;
}

function transport(extra: Partial<RestTransportOptions> = {}): RestTransport {
  return new RestTransport({
    exchange: 'leaky',
    baseUrl: server.url,
    credentials: { apiKey: KEY, apiSecret: SECRET, passphrase: PASSPHRASE },
    signer,
    decoder: bybitLikeDecoder,
    logger: log,
    retry: new RetryPolicy({ maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, logger: log }),
    timeoutMs: 200,
    ...extra,
  });
}

const scenarios: Record<string, (r: Recorded, res: ServerResponse) => void> = {
  'auth error echoing the signed string (Bybit 10004)': (r, res) => json(res, 200, { retCode: 10004, retMsg: `error sign! ${echo(r)}`, result: {} }),
  'HTML 502 page quoting the request': (r, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end(`<html><head><title>${echo(r)}</title></head><body>${echo(r)}</body></html>`);
  },
  'plain-text 503': (r, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end(echo(r));
  },
  'invalid JSON containing the key': (r, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"retCode":0,"result":"${echo(r)}`);
  },
  'schema mismatch whose offending value is the secret': (r, res) => json(res, 200, ok({ price: echo(r), apiKey: KEY })),
  '401 JSON echoing headers': (r, res) => json(res, 401, { headers: r.headers, note: echo(r) }),
  '403 HTML (CDN block)': (r, res) => {
    res.writeHead(403, { 'content-type': 'text/html' });
    res.end(`<html><title>blocked ${echo(r)}</title></html>`);
  },
  '429 with a body echoing the key': (r, res) => json(res, 429, { msg: echo(r) }, { 'retry-after': '0' }),
  'unmapped venue code': (r, res) => json(res, 200, { retCode: 99999, retMsg: echo(r), result: {} }),
  'connection reset after receiving the signed request': (r) => {
    r.req.socket.destroy();
  },
  'timeout while holding the signed request': () => undefined,
};

function scanAll(err: unknown): string[] {
  const e = err as Error;
  const views = [
    String(err),
    e.message,
    String(e.stack),
    JSON.stringify(err),
    inspect(err, { depth: Infinity }),
    inspect(err, { depth: Infinity, showHidden: true }),
    inspect(e.cause, { depth: Infinity, showHidden: true }),
    JSON.stringify((err as ExchangeError).details ?? null),
    log.text(),
  ];
  const planted = [KEY, SECRET, PASSPHRASE, ...signatures];
  return views.flatMap((v, i) => planted.filter((s) => v.includes(s)).map((s) => `view ${i} contains ${s.slice(0, 12)}…`));
}

beforeAll(async () => {
  server = await LoopbackServer.start();
});
afterAll(async () => {
  await server.close();
});

describe('secrets never appear in errors or logs', () => {
  for (const [name, handler] of Object.entries(scenarios)) {
    it(name, async () => {
      server.handler = handler;
      const t = transport();
      let err: unknown;
      try {
        await t.request({ path: '/v5/private', signed: true, query: { symbol: 'BTCUSDT' }, schema: z.object({ price: z.number() }) });
      } catch (e) {
        err = e;
      }
      await t.close();
      expect(err).toBeInstanceOf(ExchangeError);
      expect(signatures.length).toBeGreaterThan(0);
      expect(scanAll(err)).toEqual([]);
    });
  }

  it('a signer that throws with the secret in its message', async () => {
    const t = transport({
      signer: () => {
        throw new Error(`cannot use key ${KEY} with secret ${SECRET}`);
      },
    });
    const err = await t.request({ path: '/x', signed: true }).catch((e: unknown) => e);
    await t.close();
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(scanAll(err)).toEqual([]);
  });

  it('a credentials provider that throws with the secret in its message', async () => {
    // A provider that worked once (so the transport knows the secret), then fails after an auth error.
    let calls = 0;
    server.handler = (_r, res) => json(res, 200, { retCode: 10003, retMsg: 'API key is invalid.', result: {} });
    const t = transport({
      credentials: () => {
        calls++;
        if (calls === 1) return { apiKey: KEY, apiSecret: SECRET };
        throw new Error(`vault said no for ${KEY}/${SECRET}`);
      },
    });
    await t.request({ path: '/x', signed: true }).catch(() => undefined);
    const err = await t.request({ path: '/x', signed: true }).catch((e: unknown) => e);
    await t.close();
    expect(calls).toBe(2);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(scanAll(err)).toEqual([]);
  });

  it('a decoder error carrying the secret in its cause and details', async () => {
    server.handler = (r, res) => json(res, 200, { echoed: echo(r) });
    const t = transport({
      decoder: (body) => ({
        error: createError('unexpected', `bad: ${JSON.stringify(body)}`, {
          exchange: 'leaky',
          details: { body, headers: { 'X-BAPI-SIGN': signatures.at(-1) } },
          cause: new Error(`inner ${SECRET}`),
        }),
      }),
    });
    const err = await t.request({ path: '/x', signed: true }).catch((e: unknown) => e);
    await t.close();
    expect(err).toBeInstanceOf(ExchangeError);
    expect(scanAll(err)).toEqual([]);
  });

  it('a decoder that throws a plain Error quoting the key', async () => {
    server.handler = (r, res) => json(res, 200, { echoed: echo(r) });
    const t = transport({
      decoder: (body) => {
        throw new TypeError(`cannot read ${JSON.stringify(body)}`);
      },
    });
    const err = await t.request({ path: '/x', signed: true }).catch((e: unknown) => e);
    await t.close();
    expect(scanAll(err)).toEqual([]);
  });

  it('the log was actually exercised', () => {
    expect(log.records.length).toBeGreaterThan(10);
    expect(log.records.some((r) => r.level === 'warn')).toBe(true);
  });
});
