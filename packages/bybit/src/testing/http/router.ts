/**
 * One HTTP request → one V5 answer: route lookup, wire faults, signature checks, per-UID limits,
 * the route itself, refusals mapped to retCodes, the envelope and the `X-Bapi-Limit*` headers.
 * Every request lands in the request log (ReceivedRequest) with the neutral operation it serves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReceivedOrderParams, ReceivedRequest, VenueOperation } from '@exkit/core/testing';
import { SimRejection, type RejectReason, type SimVenue } from '@exkit/sim';
import { RET, rejectionOf, retCodeOf } from '../codes.js';
import type { FrontState } from '../control.js';
import { authenticate } from './auth.js';
import { BybitFailure, errorBody, okBody } from './envelope.js';
import { Params } from './params.js';
import type { Route, RouteContext } from './types.js';

export class Router {
  readonly #routes = new Map<string, Route>();

  constructor(
    readonly venue: SimVenue,
    readonly state: FrontState,
    routes: readonly Route[],
  ) {
    for (const r of routes) this.#routes.set(`${r.method} ${r.path}`, r);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const venue = this.venue;
    const faults = venue.faults;
    if (faults.isRefusing('rest')) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();
    const route = this.#routes.get(`${method} ${path}`);
    const now = venue.serverTime();

    let raw: Record<string, unknown> = {};
    let badJson = false;
    if (method === 'GET') raw = Object.fromEntries(new URLSearchParams(rawQuery));
    else if (body !== '') {
      try {
        const parsed: unknown = JSON.parse(body);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
        else badJson = true;
      } catch {
        badJson = true;
      }
    }

    const op = route?.operation ?? 'other';
    const operation: VenueOperation = typeof op === 'function' ? op(raw) : op;
    const entry: { -readonly [K in keyof ReceivedRequest]: ReceivedRequest[K] } = { seq: this.state.nextSeq(), at: now, method, path, operation, params: raw };
    this.state.requests.push(entry);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', traceid: `sim-${entry.seq}`, timenow: String(now) };

    const enforceAll = faults.list().some((a) => a.fault.kind === 'enforceRateLimits');
    if (!this.state.limits.hitIp(req.socket.remoteAddress ?? '', now, enforceAll)) {
      entry.rejected = 'rateLimit';
      entry.code = 403;
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', traceid: headers['traceid'] ?? '', timenow: String(now) });
      res.end('403 Forbidden: access too frequent');
      return;
    }

    const delay = faults.responseDelay();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));

    const send = (status: number, payload: unknown): void => {
      if (faults.takeDropResponse(operation)) {
        req.socket.destroy();
        return;
      }
      const malformed = faults.takeMalformedResponse(operation);
      if (malformed !== undefined) {
        const text = malformedText(malformed, payload);
        res.writeHead(malformed === 'html502' ? 502 : status, { ...headers, ...(malformed === 'html502' && { 'content-type': 'text/html' }) });
        res.end(text);
        return;
      }
      res.writeHead(status, headers);
      res.end(JSON.stringify(payload));
    };
    const refuse = (retCode: number, retMsg: string, reason?: SimRejection['reason']): void => {
      entry.rejected = rejectionOf(retCode, reason);
      entry.code = retCode;
      send(200, errorBody(retCode, retMsg, venue.serverTime()));
    };

    if (route === undefined) {
      entry.rejected = 'other';
      entry.code = RET.ROUTE;
      send(404, errorBody(RET.ROUTE, `route not found: ${method} ${path}`, now));
      return;
    }
    const unavailable = faults.unavailableWindow();
    if (unavailable !== undefined) {
      entry.rejected = 'unavailable';
      if (unavailable.maintenance) {
        entry.code = RET.SERVER;
        send(200, errorBody(RET.SERVER, 'Server error, service is restarting', now));
      } else send(503, { retCode: RET.SERVER, retMsg: 'Service Unavailable' });
      return;
    }

    let accountId = '';
    let signer: RouteContext['key'];
    const category: string | undefined = typeof raw['category'] === 'string' ? raw['category'] : undefined;
    if (route.auth !== undefined) {
      let auth;
      try {
        auth = authenticate(venue, { method, rawQuery, body, headers: req.headers });
      } catch (e) {
        if (e instanceof BybitFailure) return refuse(e.retCode, e.retMsg);
        throw e;
      }
      entry.apiKey = auth.key.apiKey;
      entry.signature = auth.signature;
      accountId = auth.key.accountId;
      signer = { info: auth.key, grants: this.state.keyPermissions.get(auth.key.apiKey) ?? {} };
      const limit = this.state.limits.hit(auth.key.accountId, path, category, now, enforceAll);
      Object.assign(headers, limit.headers);
      if (!limit.allowed) return refuse(RET.RATE_LIMIT, 'Too many visits!');
      if (route.auth === 'trade' && !auth.key.permissions.includes('trade')) return refuse(RET.PERMISSION, 'Permission denied, please check your API key permissions.');
    }
    const window = faults.rateLimitWindow();
    if (window !== undefined) {
      if (window.retryAfter) headers['X-Bapi-Limit-Reset-Timestamp'] = String(window.until);
      return refuse(RET.RATE_LIMIT, 'Too many visits!');
    }
    const injected = faults.takeErrorCode(operation);
    if (injected !== undefined) {
      entry.rejected = 'injected';
      entry.code = injected.code;
      send(200, errorBody(Number(injected.code), injected.message ?? 'injected error', now));
      return;
    }
    if (badJson) return refuse(RET.PARAM, 'params error: invalid json body');

    const out = runRoute(
      route,
      venue,
      raw,
      accountId,
      now,
      (o) => {
        entry.order = o;
      },
      signer,
    );
    if (out.retCode === 0) send(200, okBody(out.result, venue.serverTime()));
    else if (out.internal === true) {
      entry.rejected = 'other';
      entry.code = out.retCode;
      send(500, errorBody(out.retCode, out.retMsg, now));
    } else refuse(out.retCode, out.retMsg, out.reason);
  }

  route(method: string, path: string): Route | undefined {
    return this.#routes.get(`${method} ${path}`);
  }
}

export interface RouteOutcome {
  readonly retCode: number;
  readonly retMsg: string;
  readonly result: unknown;
  readonly reason?: RejectReason;
  /** A bug in the front, not a venue answer. */
  readonly internal?: boolean;
}

/** Runs one route: `result` on success, the refusal's retCode otherwise (SimRejection mapped per category). */
export function runRoute(
  route: Route,
  venue: SimVenue,
  raw: Record<string, unknown>,
  accountId: string,
  now: number,
  noteOrder: (o: ReceivedOrderParams) => void,
  key?: RouteContext['key'],
): RouteOutcome {
  try {
    const result = route.handle({ venue, params: new Params(raw), accountId, now, noteOrder, ...(key !== undefined && { key }) });
    return { retCode: 0, retMsg: 'OK', result };
  } catch (e) {
    const category = typeof raw['category'] === 'string' ? raw['category'] : undefined;
    if (e instanceof BybitFailure) return { retCode: e.retCode, retMsg: e.retMsg, result: {}, ...(e.reason !== undefined && { reason: e.reason }) };
    if (e instanceof SimRejection) return { retCode: retCodeOf(e.reason, category), retMsg: e.message, result: {}, reason: e.reason };
    return { retCode: RET.SERVER, retMsg: `internal error: ${e instanceof Error ? e.message : String(e)}`, result: {}, internal: true };
  }
}

function malformedText(variant: string, payload: unknown): string {
  switch (variant) {
    case 'invalidJson':
      return JSON.stringify(payload).slice(0, -3);
    case 'html502':
      return '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
    case 'missingField': {
      const p = { ...(payload as Record<string, unknown>) };
      delete p['result'];
      return JSON.stringify(p);
    }
    default:
      return JSON.stringify(payload).replace(/"(New|Filled|Buy|Sell|Trading|LinearPerpetual)"/, '"SimUnknownEnum"');
  }
}
