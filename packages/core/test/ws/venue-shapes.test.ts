/**
 * The machinery against the two venues' real wire shapes (frames copied from the reference fixtures):
 * Bybit private (auth ack, req_id-echoed subscribe acks, `op:"pong"`) and Bitunix public (greeting,
 * `{"op":"ping","ping":s}` answered by `op:"ping"` + `pong`, no subscribe ack, 300 channels per
 * connection, 5 frames/s per connection enforced by the test server).
 */
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { AuthenticationError, BadSymbolError, RateLimitError } from '../../src/errors/error-classes.js';
import { openStream } from '../../src/streams/index.js';
import { TopicManager, type SubscriptionAck, type TopicProtocol } from '../../src/ws/index.js';
import { sleep, until } from './helpers/fake-venue.js';

type Json = Record<string, unknown>;
const servers: WebSocketServer[] = [];
const managers: TopicManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close()));
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }
});

async function serve(onConnection: (ws: WebSocket) => void): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  await once(server, 'listening');
  server.on('connection', (ws) => {
    ws.on('error', () => undefined);
    onConnection(ws);
  });
  const addr = server.address();
  if (typeof addr !== 'object' || addr === null) throw new Error('no address');
  return `ws://127.0.0.1:${addr.port}`;
}

describe('Bybit private stream shape', () => {
  it('logs in (retrying a refused login), then subscribes; after a drop it logs in again before resubscribing', async () => {
    const ops: string[][] = [];
    let logins = 0;
    const sockets: WebSocket[] = [];
    const url = await serve((ws) => {
      const mine: string[] = [];
      ops.push(mine);
      sockets.push(ws);
      let authed = false;
      ws.on('message', (raw) => {
        const f = JSON.parse(raw.toString()) as Json;
        const send = (o: Json): void => ws.send(JSON.stringify(o));
        if (f.op !== 'ping') mine.push(String(f.op));
        if (f.op === 'ping') send({ req_id: f.req_id, op: 'pong', args: [String(Date.now())], conn_id: 'cfcb4ocsvfriu23r3er0-1b' });
        if (f.op === 'auth') {
          logins++;
          authed = logins !== 1; // the first login is refused, as in ws-auth-failure.json
          send(authed ? { success: true, ret_msg: '', op: 'auth', conn_id: 'cejreaspqfh3sjdnldmg-p', req_id: f.req_id } : { conn_id: 'cldfn8fcgepd64b9hgg0-o8uhe', op: 'auth', ret_msg: 'Params Error', success: false, req_id: f.req_id });
        }
        if (f.op === 'subscribe') {
          send(authed ? { success: true, ret_msg: '', op: 'subscribe', conn_id: 'cejreassvfrsfvb9v1a0-2m', req_id: f.req_id } : { success: false, ret_msg: 'Request not authorized', op: 'subscribe', req_id: f.req_id });
          if (authed) send({ id: '5923240c6880ab-c59f-420b-9adb-3639adc9dd90', topic: 'order', creationTime: Date.now(), data: [{ orderId: `o${logins}` }] });
        }
      });
    });

    const bybitPrivate: TopicProtocol = {
      maxTopicsPerFrame: 10,
      maxFrameChars: 21_000,
      subscribe: (args, reqId) => ({ req_id: reqId, op: 'subscribe', args }),
      unsubscribe: (args, reqId) => ({ req_id: reqId, op: 'unsubscribe', args }),
      parseAck: (m): SubscriptionAck | undefined => {
        const f = m as Json;
        if ((f.op !== 'subscribe' && f.op !== 'unsubscribe') || typeof f.success !== 'boolean') return undefined;
        const reqId = typeof f.req_id === 'string' && f.req_id !== '' ? f.req_id : undefined;
        return { op: f.op, ...(reqId !== undefined && { reqId }), ...(!f.success && { error: new BadSymbolError(String(f.ret_msg), { exchange: 'bybit' }) }) };
      },
      topicOf: (m) => ((m as Json).topic as string | undefined) ?? undefined,
    };
    const manager = new TopicManager({
      name: 'private',
      protocol: bybitPrivate,
      socket: {
        exchange: 'bybit',
        url,
        heartbeat: {
          ping: () => ({ req_id: 'hb', op: 'ping' }),
          isPong: (m) => (m as Json).op === 'pong' || (m as Json).ret_msg === 'pong',
          intervalMs: 100,
          timeoutMs: 1_000,
        },
        backoff: { initialDelayMs: 20, random: () => 1 },
        authenticate: async (ctx) => {
          const reply = ctx.waitFor((m) => ((m as Json).op === 'auth' ? (m as Json) : undefined));
          await ctx.send({ req_id: `auth-${ctx.epoch}`, op: 'auth', args: ['api-key-xxxxxx', Date.now() + 5_000, 'signature-hex'] });
          const r = await reply;
          if (r.success !== true) throw new AuthenticationError(`ws login refused: ${String(r.ret_msg)}`, { exchange: 'bybit' });
        },
      },
    });
    managers.push(manager);
    const authErrors: unknown[] = [];
    manager.on('error', (e) => authErrors.push(e.error));

    const orders = openStream<string>({ manager, venueTopic: 'order', topic: 'orders', mode: 'queue', map: (m, emit) => ((m as { data: { orderId: string }[] }).data).forEach((o) => emit(o.orderId)) });
    await orders.ready;
    const it = orders[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: 'o2' });
    sockets.at(-1)!.terminate();
    expect(await it.next()).toEqual({ done: false, value: 'o3' });

    expect(ops).toEqual([['auth'], ['auth', 'subscribe'], ['auth', 'subscribe']]);
    expect(authErrors).toHaveLength(1);
    expect(authErrors[0]).toBeInstanceOf(AuthenticationError);
  });
});

describe('Bitunix public stream shape', () => {
  it('pings the Bitunix way, needs no ack, spreads 301 channels over 2 connections and stays under 5 frames/s', async () => {
    const conns: { subs: Set<string>; frames: number[]; subscribeFrames: number; violated: boolean; ws: WebSocket }[] = [];
    const url = await serve((ws) => {
      const me = { subs: new Set<string>(), frames: [] as number[], subscribeFrames: 0, violated: false, ws };
      conns.push(me);
      ws.send(JSON.stringify({ op: 'connect', data: { result: true } }));
      ws.on('message', (raw) => {
        const now = Date.now();
        me.frames.push(now);
        if (me.frames.filter((t) => t > now - 1_000).length > 5) me.violated = true; // Bitunix: 5 messages/s per connection
        const f = JSON.parse(raw.toString()) as { op: string; ping?: number; args?: { ch: string; symbol?: string }[] };
        if (f.op === 'ping') ws.send(JSON.stringify({ op: 'ping', pong: f.ping, ping: Math.floor(now / 1_000) }));
        if (f.op === 'subscribe') {
          me.subscribeFrames++;
          for (const a of f.args ?? []) {
            if (me.subs.size >= 300) {
              ws.send(JSON.stringify({ op: 'subscribe', data: { msg: 'subscribe channel > 300', nonce: '', result: false } }));
              continue;
            }
            me.subs.add(`${a.ch}:${a.symbol ?? ''}`);
          }
        }
        if (f.op === 'unsubscribe') {
          for (const a of f.args ?? []) me.subs.delete(`${a.ch}:${a.symbol ?? ''}`);
          ws.send(JSON.stringify({ op: 'unsubscribe', ts: now, data: 'success' }));
        }
      });
    });
    const publish = (ch: string, symbol: string, data: Json): void => {
      for (const c of conns) if (c.subs.has(`${ch}:${symbol}`)) c.ws.send(JSON.stringify({ ch, symbol, ts: Date.now(), data }));
    };

    const toArg = (key: string): Json => {
      const [ch, symbol] = key.split(':');
      return symbol ? { symbol, ch } : { ch };
    };
    const bitunixPublic: TopicProtocol = {
      maxTopicsPerConnection: 300,
      maxTopicsPerFrame: 300,
      confirm: 'write',
      subscribe: (topics) => ({ op: 'subscribe', args: topics.map(toArg) }),
      unsubscribe: (topics) => ({ op: 'unsubscribe', args: topics.map(toArg) }),
      parseAck: (m): SubscriptionAck | undefined => {
        const f = m as { op?: string; data?: unknown };
        const data = f.data as { result?: boolean; msg?: string } | undefined;
        if (f.op === 'subscribe' && data?.result === false) return { op: 'subscribe', error: new RateLimitError(String(data.msg), { exchange: 'bitunix' }) };
        if (f.op === 'unsubscribe') return { op: 'unsubscribe' };
        return undefined;
      },
      topicOf: (m) => {
        const f = m as { ch?: string; symbol?: string };
        return f.ch && f.symbol ? `${f.ch}:${f.symbol}` : undefined;
      },
    };
    const manager = new TopicManager({
      name: 'public',
      protocol: bitunixPublic,
      socket: {
        exchange: 'bitunix',
        url,
        heartbeat: {
          ping: () => ({ op: 'ping', ping: Math.floor(Date.now() / 1_000) }),
          isPong: (m) => (m as Json).op === 'ping' && 'pong' in (m as Json),
          intervalMs: 150, // faster than allowed on purpose: the limiter has to hold pings back
          timeoutMs: 3_000,
        },
        rateLimit: { messages: 5, perMs: 1_000 },
      },
    });
    managers.push(manager);
    const errors: unknown[] = [];
    manager.on('error', (e) => errors.push(e.error));

    const symbols = Array.from({ length: 301 }, (_, i) => `S${i}USDT`);
    const subs = symbols.map((s) => openStream<string>({ manager, venueTopic: `ticker:${s}`, mode: 'conflate', map: (m, emit) => emit(String((m as { data: Json }).data.la)) }));
    await Promise.all(subs.map((s) => s.ready)); // confirmed on write: the venue sends no ack
    await until(() => conns.length === 2 && conns[0]!.subs.size === 300 && conns[1]!.subs.size === 1, 'the venue saw both frames');
    expect(conns.map((c) => c.subscribeFrames)).toEqual([1, 1]);

    publish('ticker', 'S0USDT', { la: '86688.2' });
    publish('ticker', 'S300USDT', { la: '1.5' });
    await until(() => subs[0]!.latest === '86688.2' && subs[300]!.latest === '1.5', 'data on both connections');

    await subs[5]!.close(); // unsubscribe; its ack is consumed, not reported
    await until(() => conns[0]!.subs.size === 299, 'unsubscribed');
    await sleep(1_200); // let the over-eager heartbeat run into the limiter for a while
    expect(conns.map((c) => c.violated)).toEqual([false, false]);
    expect(conns[0]!.frames.length).toBeGreaterThanOrEqual(5); // pings did go out, just not too fast
    expect(errors).toEqual([]);
    expect(manager.connections.every((s) => s.isReady)).toBe(true);
  });
});
