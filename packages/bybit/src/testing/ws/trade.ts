/**
 * Order entry over WebSocket (`/v5/trade`, reference §7): camelCase replies, `reqId` echoed,
 * the connection authenticated once, each request's `header` timestamp checked like REST, the
 * REST route run with `args[0]`, limits shared with REST.
 */
import type { ReceivedRequest, VenueOperation } from '@exkit/core/testing';
import { RET, rejectionOf } from '../codes.js';
import { runRoute } from '../http/router.js';
import type { Peer, WsFront } from './front.js';
import { checkAuth } from './private.js';

const OPS: Readonly<Record<string, readonly [path: string, operation: VenueOperation]>> = {
  'order.create': ['/v5/order/create', 'placeOrder'],
  'order.amend': ['/v5/order/amend', 'amendOrder'],
  'order.cancel': ['/v5/order/cancel', 'cancelOrder'],
};

export function handleTrade(front: WsFront, peer: Peer, f: Record<string, unknown>): void {
  const venue = front.venue;
  const now = venue.serverTime();
  const op = typeof f['op'] === 'string' ? f['op'] : '';
  const reqId = typeof f['reqId'] === 'string' ? f['reqId'] : undefined;
  const echo = reqId === undefined ? {} : { reqId };
  if (op === 'ping') {
    peer.record.heartbeats.push(now);
    front.send(peer, { ...echo, retCode: 0, retMsg: 'OK', op: 'pong', data: [String(now)], connId: peer.connId });
    return;
  }
  if (op === 'auth') {
    if (peer.accountId !== undefined) {
      front.send(peer, { ...echo, retCode: 20001, retMsg: 'Repeat auth', op: 'auth', connId: peer.connId });
      return;
    }
    const out = checkAuth(venue, f['args']);
    const ok = 'accountId' in out;
    peer.record.authAttempts.push({ at: now, ok });
    if (ok) peer.accountId = out.accountId;
    front.send(peer, ok ? { ...echo, retCode: 0, retMsg: 'OK', op: 'auth', connId: peer.connId } : { ...echo, retCode: out.error === 'Params Error' ? RET.PARAM : RET.SIGN, retMsg: out.error, op: 'auth', connId: peer.connId });
    return;
  }
  const reply = (retCode: number, retMsg: string, data: unknown, headers: Record<string, string> = {}): void =>
    front.send(peer, {
      ...echo,
      retCode,
      retMsg,
      op,
      data,
      retExtInfo: {},
      header: { ...headers, Traceid: `sim-${now}`, Timenow: String(venue.serverTime()) },
      connId: peer.connId,
    });
  const spec = OPS[op];
  if (spec === undefined) return reply(10404, `op not found: ${op}`, {});
  if (peer.accountId === undefined) return reply(10003, 'not authorized', {});
  if (reqId !== undefined) {
    if (peer.reqIds.has(reqId)) return reply(20006, 'duplicate reqId', {});
    peer.reqIds.add(reqId);
  }
  const args = f['args'];
  const raw = Array.isArray(args) && args.length === 1 && typeof args[0] === 'object' && args[0] !== null ? (args[0] as Record<string, unknown>) : undefined;
  const [path, operation] = spec;
  const entry: { -readonly [K in keyof ReceivedRequest]: ReceivedRequest[K] } = { seq: front.state.nextSeq(), at: now, method: 'WS', path: `/v5/trade ${op}`, operation, params: raw ?? {} };
  front.state.requests.push(entry);
  const refuse = (code: number, msg: string, headers?: Record<string, string>): void => {
    entry.rejected = rejectionOf(code);
    entry.code = code;
    reply(code, msg, {}, headers);
  };
  if (raw === undefined) return refuse(RET.PARAM, 'params error: args must hold exactly one request');
  const header = typeof f['header'] === 'object' && f['header'] !== null ? (f['header'] as Record<string, unknown>) : {};
  const ts = Number(header['X-BAPI-TIMESTAMP']);
  const recv = Number(header['X-BAPI-RECV-WINDOW'] ?? 5000);
  if (!Number.isFinite(ts) || !(now - recv <= ts && ts < now + 1000)) {
    return refuse(RET.TIMESTAMP, `invalid request, please check your server timestamp or recv_window param. req_timestamp[${String(header['X-BAPI-TIMESTAMP'])}],server_timestamp[${now}],recv_window[${recv}]`);
  }
  const category = typeof raw['category'] === 'string' ? raw['category'] : undefined;
  const limit = front.state.limits.hit(peer.accountId, path, category, now, venue.faults.list().some((a) => a.fault.kind === 'enforceRateLimits'));
  if (!limit.allowed) return refuse(RET.RATE_LIMIT, 'Too many visits!', limit.headers);
  const route = front.router?.route('POST', path);
  if (route === undefined) return refuse(10404, `op not found: ${op}`);
  const out = runRoute(route, venue, raw, peer.accountId, now, (o) => {
    entry.order = o;
  });
  if (out.retCode !== 0) {
    entry.rejected = out.internal === true ? 'other' : rejectionOf(out.retCode, out.reason);
    entry.code = out.retCode;
  }
  reply(out.retCode, out.retCode === 0 ? 'OK' : out.retMsg, out.retCode === 0 ? out.result : {}, limit.headers);
}
