/**
 * The REST front: path → route, the envelope `{code, data, msg}` on HTTP 200 for every answer (bitunix.md §3),
 * `404 Not Found` envelopes for unknown paths, the signature check, per-endpoint rate limits (per IP for public
 * data, per UID for private endpoints), and the wire-level faults (unavailable/rate-limit windows, injected codes,
 * malformed bodies, delayed and dropped answers).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VenueOperation } from '@exkit/core/testing';
import { SimRejection } from '@exkit/sim';
import { codeOfRejection, E, rejectionOfCode, type WireError } from '../codes.js';
import type { FrontState } from '../state.js';
import { authenticate } from './auth.js';
import { accountRoutes } from './routes/account.js';
import { marketRoutes } from './routes/market.js';
import { tpslRoutes } from './routes/tpsl.js';
import { tradeRoutes } from './routes/trade.js';
import { Refusal, type Params, type Route } from './types.js';

export const ROUTES: readonly Route[] = [...marketRoutes, ...accountRoutes, ...tradeRoutes, ...tpslRoutes];
const BY_PATH = new Map(ROUTES.map((r) => [`${r.method} ${r.path}`, r]));

const ENUM_KEYS = new Set(['status', 'side', 'orderType', 'symbolStatus', 'marginMode', 'positionMode', 'roleType', 'effect']);

function withUnknownEnum(data: unknown): { data: unknown; changed: boolean } {
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (ENUM_KEYS.has(k) && typeof x === 'string') {
          out[k] = 'SIM_UNKNOWN';
          changed = true;
        } else out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return { data: walk(data), changed };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createRouter(front: FrontState): (req: IncomingMessage, res: ServerResponse) => void {
  const { venue } = front;
  return (req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://sim');
      const method = req.method ?? 'GET';
      const route = BY_PATH.get(`${method} ${url.pathname}`);
      const queryEntries = [...url.searchParams.entries()];
      let params: Params = Object.fromEntries(queryEntries);
      let parseError = false;
      if (method === 'POST' && body !== '') {
        try {
          const parsed: unknown = JSON.parse(body);
          if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) params = parsed as Params;
          else parseError = true;
        } catch {
          parseError = true;
        }
      }
      const operation: VenueOperation = route === undefined ? 'other' : typeof route.operation === 'function' ? route.operation(params) : route.operation;
      const faults = venue.faults;
      const now = front.now();
      let apiKey: string | undefined;
      let signature: string | undefined;

      const send = (status: number, text: string, contentType = 'application/json'): void => {
        const delay = faults.responseDelay(venue.now());
        const write = (): void => {
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': contentType, date: new Date(venue.serverTime()).toUTCString() });
          res.end(text);
        };
        if (delay > 0) setTimeout(write, delay);
        else write();
      };
      const log = (error?: WireError): void => {
        const order = route?.order?.(params);
        front.record({
          at: now,
          method,
          path: url.pathname,
          operation,
          params,
          ...(apiKey === undefined ? {} : { apiKey }),
          ...(signature === undefined ? {} : { signature }),
          ...(order === undefined ? {} : { order }),
          ...(error === undefined ? {} : { rejected: rejectionOfCode(error.code), code: error.code }),
        });
      };
      const fail = (error: WireError): void => {
        log(error);
        send(200, JSON.stringify({ code: error.code, data: null, msg: error.msg }));
      };

      if (faults.isRefusing('rest')) {
        req.socket.destroy();
        return;
      }
      const down = faults.unavailableWindow();
      if (down !== undefined) {
        front.record({ at: now, method, path: url.pathname, operation, params, rejected: 'unavailable', code: down.maintenance ? 10001 : 503 });
        if (down.maintenance) send(200, JSON.stringify({ code: 10001, data: null, msg: 'Network Error' }));
        else send(503, '<html><head><title>503 Service Temporarily Unavailable</title></head><body>503</body></html>', 'text/html');
        return;
      }
      if (route === undefined) return fail(E.notFound);
      if (faults.isRateLimited()) return fail(E.tooMany);
      if (parseError) return fail(E.parameter);

      let accountId = venue.defaultAccountId;
      if (route.auth !== 'public') {
        const auth = authenticate({
          headers: req.headers,
          queryEntries,
          body,
          secretOf: (key) => venue.apiKey(key)?.apiSecret,
          now,
          ...(front.options.receiveWindowMs === undefined ? {} : { receiveWindowMs: front.options.receiveWindowMs }),
        });
        apiKey = auth.apiKey;
        signature = auth.sign;
        if (!auth.ok) return fail(auth.error);
        try {
          accountId = venue.authorize(auth.apiKey, route.auth).accountId;
        } catch (e) {
          if (e instanceof SimRejection) return fail(codeOfRejection(e.reason, e.message));
          throw e;
        }
      }
      const who = route.limit.scope === 'ip' ? (req.socket.remoteAddress ?? 'ip') : accountId;
      if (front.rateLimited(`${who}|${route.path}`, route.limit.limit)) return fail(E.tooFrequent);
      const injected = faults.takeErrorCode(operation);
      if (injected !== undefined) return fail({ code: Number(injected.code), msg: injected.message ?? 'Injected error' });

      let data: unknown;
      try {
        data = route.handle({ venue, params, accountId, batchMax: front.options.batchMax });
      } catch (e) {
        if (e instanceof Refusal) return fail(e.error);
        if (e instanceof SimRejection) return fail(codeOfRejection(e.reason, e.message));
        return fail(E.unavailable);
      }
      log();
      if (faults.takeDropResponse(operation)) {
        req.socket.destroy();
        return;
      }
      const malformed = faults.takeMalformedResponse(operation);
      if (malformed === 'invalidJson') return send(200, '{"code":0,"data":{"orderId":');
      if (malformed === 'html502') return send(502, '<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>', 'text/html');
      if (malformed === 'unknownEnum') {
        const odd = withUnknownEnum(data);
        if (odd.changed) return send(200, JSON.stringify({ code: 0, data: odd.data, msg: 'Success' }));
      }
      if (malformed !== undefined) return send(200, JSON.stringify({ data, msg: 'Success' }));
      send(200, JSON.stringify({ code: 0, data, msg: 'Success' }));
    })().catch(() => {
      if (!res.headersSent) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 10001, data: null, msg: 'Network Error' }));
      }
    });
  };
}
