import { randomBytes } from 'node:crypto';
import {
  AuthenticationError,
  ClosedError,
  ExchangeError,
  NetworkError,
  ReconnectingSocket,
  UnexpectedResponseError,
  forwardLifecycle,
  resolveCredentials,
  withTimestampResync,
  type BackoffOptions,
  type ReconnectBudget,
  type Clock,
  type ConnectionContext,
  type CredentialsProvider,
  type Exchange,
  type HeartbeatOptions,
  type Logger,
  type RateLimitCost,
  type RateLimiter,
  type Redactor,
} from '@exkit/core';
import type { z } from 'zod';
import { retCodeError } from '../rest/envelope.js';
import { WS_TRADE_CODES } from '../rest/error-codes.js';
import { readRateLimitHeaders } from '../rest/limits.js';
import { wsAuthSignature } from '../rest/sign.js';
import { tradeAuthResponseSchema, tradeResponseSchema, type TradeOp } from './schemas/trade.js';

export interface TradeApiOptions {
  readonly exchange: string;
  readonly url: string;
  readonly credentials: CredentialsProvider;
  readonly redactor: Redactor;
  readonly events: Exchange['events'];
  readonly heartbeat: HeartbeatOptions;
  readonly backoff?: BackoffOptions;
  /** When a dropped socket stops reconnecting (its streams then end with a NetworkError). */
  readonly budget?: ReconnectBudget;
  readonly logger?: Logger;
  readonly clock: Clock;
  /** Venue time (synced clock) for `expires` and `X-BAPI-TIMESTAMP`. */
  readonly venueNow: () => number;
  /** Re-estimates the venue clock (after a 10002 rejection). */
  readonly resync?: () => Promise<void>;
  readonly recvWindow: number;
  /** Shared with REST: "rate limits are shared with REST" (reference §7). */
  readonly limiter: RateLimiter;
  /** How long one request may wait for the connection and for its reply, ms. */
  readonly timeoutMs: number;
}

export interface TradeReply<T> {
  readonly data: T;
  /** Venue time of the reply (`header.Timenow`). */
  readonly time: number;
}

interface Pending {
  readonly resolve: (message: unknown) => void;
  readonly reject: (error: ExchangeError) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Order entry over `/v5/trade` (reference §7; DOCS `docs/v5/websocket/trade/guideline.mdx`): one
 * authenticated connection, requests `{reqId, header: {X-BAPI-TIMESTAMP, X-BAPI-RECV-WINDOW}, op,
 * args: [body]}` with the REST body, replies `{reqId, retCode, retMsg, op, data, header}` matched by
 * `reqId`. Replies are acknowledgements like REST's. A request that cannot be sent, or whose reply
 * does not come, ends in NetworkError: the outcome is unknown and core's placement retry looks the
 * order up by its client id before sending it again.
 */
export class TradeApi {
  readonly #o: TradeApiOptions;
  readonly #pending = new Map<string, Pending>();
  #socket: ReconnectingSocket | undefined;
  #unforward: (() => void) | undefined;
  #closed = false;
  #seq = 0;
  readonly #prefix = randomBytes(4).toString('hex');

  constructor(options: TradeApiOptions) {
    this.#o = options;
  }

  /** Sends one op with one body; resolves to its parsed `data` or rejects with the typed error. */
  request<T>(op: TradeOp, body: Readonly<Record<string, unknown>>, cost: RateLimitCost, schema: z.ZodType<T>): Promise<TradeReply<T>> {
    // A timestamp rejection happens before the venue acts: resync and re-send once, like REST.
    return withTimestampResync(
      () => this.#attempt(op, body, cost, schema),
      async () => {
        if (this.#o.resync === undefined) throw new Error('no clock to resync');
        await this.#o.resync();
      },
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#failAll(new ClosedError(`${this.#o.exchange} trade: closed`, { exchange: this.#o.exchange }));
    const socket = this.#socket;
    this.#socket = undefined;
    this.#unforward?.();
    if (socket !== undefined) await socket.close();
  }

  async #attempt<T>(op: TradeOp, body: Readonly<Record<string, unknown>>, cost: RateLimitCost, schema: z.ZodType<T>): Promise<TradeReply<T>> {
    const o = this.#o;
    if (this.#closed) throw new ClosedError(`${o.exchange} trade: closed`, { exchange: o.exchange });
    const socket = this.#connection();
    const permit = await o.limiter.acquire(cost);
    try {
      await this.#ready(socket);
      const reqId = `${this.#prefix}-${++this.#seq}`;
      const frame = {
        reqId,
        header: { 'X-BAPI-TIMESTAMP': String(Math.round(o.venueNow())), 'X-BAPI-RECV-WINDOW': String(o.recvWindow) },
        op,
        args: [body],
      };
      const reply = new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.#pending.delete(reqId);
          reject(new NetworkError(`${o.exchange} trade: no reply to ${op} within ${o.timeoutMs} ms (outcome unknown)`, { exchange: o.exchange, details: { op } }));
        }, o.timeoutMs);
        timer.unref();
        this.#pending.set(reqId, { resolve, reject, timer });
      });
      reply.catch(() => undefined);
      try {
        await socket.sendNow(frame, socket.epoch);
      } catch (err) {
        const pending = this.#pending.get(reqId);
        if (pending !== undefined) {
          clearTimeout(pending.timer);
          this.#pending.delete(reqId);
        }
        throw err instanceof ExchangeError ? err : new NetworkError(`${o.exchange} trade: ${op} not sent`, { exchange: o.exchange, cause: err });
      }
      const raw = tradeResponseSchema.safeParse(await reply);
      if (!raw.success) {
        const issue = raw.error.issues[0];
        const path = issue?.path.join('.') ?? '';
        throw new UnexpectedResponseError(`${o.exchange} trade ${op}: unexpected reply (${path || 'frame'}: ${issue?.message ?? 'invalid'})`, { exchange: o.exchange, path });
      }
      const parsed = raw.data;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed.header ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
      const time = Number(headers['timenow']) || o.venueNow();
      const update = readRateLimitHeaders(headers, { exchange: o.exchange, method: 'POST', path: op, status: 200, headers, cost });
      if (update !== undefined) o.limiter.update(update);
      if (parsed.retCode !== 0) {
        const error = retCodeError(o.exchange, { retCode: parsed.retCode, retMsg: parsed.retMsg, time }, { path: op, headers, table: WS_TRADE_CODES, label: `trade ${op}` }, o.venueNow);
        if (error !== undefined) throw error;
      }
      const data = schema.safeParse(parsed.data);
      if (!data.success) {
        const issue = data.error.issues[0];
        const path = ['data', ...(issue?.path ?? [])].join('.');
        throw new UnexpectedResponseError(`${o.exchange} trade ${op}: unexpected reply (${path}: ${issue?.message ?? 'invalid'})`, { exchange: o.exchange, path });
      }
      return { data: data.data, time };
    } finally {
      permit.release();
    }
  }

  #connection(): ReconnectingSocket {
    if (this.#socket !== undefined) return this.#socket;
    const o = this.#o;
    const socket = new ReconnectingSocket({
      name: 'trade',
      exchange: o.exchange,
      url: o.url,
      heartbeat: o.heartbeat,
      ...(o.backoff !== undefined && { backoff: o.backoff }),
      ...(o.budget !== undefined && { budget: o.budget }),
      redactor: o.redactor,
      ...(o.logger !== undefined && { logger: o.logger }),
      clock: o.clock,
      authenticate: (ctx) => this.#login(ctx),
    });
    this.#unforward = forwardLifecycle(socket, o.events);
    socket.on('message', (m) => this.#onMessage(m));
    socket.on('reconnecting', (e) => {
      this.#failAll(new NetworkError(`${o.exchange} trade: connection lost (${e.reason}); outcome unknown`, { exchange: o.exchange }));
    });
    socket.on('error', (e) => {
      if (!(e.error instanceof AuthenticationError) || this.#socket !== socket) return;
      // Wrong keys: fail what waits and stop; the next request connects afresh.
      this.#socket = undefined;
      this.#unforward?.();
      this.#unforward = undefined;
      this.#failAll(e.error);
      void socket.close();
    });
    socket.start();
    this.#socket = socket;
    return socket;
  }

  /** `{"op":"auth","args":[apiKey, expires, signature]}`; the reply is camelCase (`retCode`). */
  async #login(ctx: ConnectionContext): Promise<void> {
    const o = this.#o;
    const creds = await resolveCredentials(o.credentials, o.exchange);
    const apiKey = creds.apiKey.reveal();
    const secret = creds.apiSecret.reveal();
    o.redactor.add(apiKey, secret);
    const expires = Math.round(o.venueNow() + o.recvWindow);
    const signature = wsAuthSignature(secret, expires);
    o.redactor.add(signature);
    const reply = ctx.waitFor((m) => {
      const r = tradeAuthResponseSchema.safeParse(m);
      return r.success ? r.data : undefined;
    });
    await ctx.send({ reqId: `auth-${ctx.epoch}`, op: 'auth', args: [apiKey, expires, signature] });
    const r = await reply;
    if (r.retCode !== 0) {
      throw new AuthenticationError(`${o.exchange} trade: login refused: ${r.retMsg} (retCode ${r.retCode})`, { exchange: o.exchange, code: r.retCode });
    }
  }

  #ready(socket: ReconnectingSocket): Promise<void> {
    if (socket.isReady) return Promise.resolve();
    const o = this.#o;
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        socket.off('ready', onReady);
        socket.off('error', onError);
        socket.off('closed', onClosed);
      };
      const onReady = (): void => {
        done();
        resolve();
      };
      const onError = (e: { readonly error: ExchangeError; readonly terminal: boolean }): void => {
        if (!(e.error instanceof AuthenticationError) && !e.terminal) return;
        done();
        reject(e.error);
      };
      const onClosed = (): void => {
        done();
        reject(new ClosedError(`${o.exchange} trade: closed`, { exchange: o.exchange }));
      };
      const timer = setTimeout(() => {
        done();
        reject(new NetworkError(`${o.exchange} trade: not connected within ${o.timeoutMs} ms`, { exchange: o.exchange }));
      }, o.timeoutMs);
      timer.unref();
      socket.on('ready', onReady);
      socket.on('error', onError);
      socket.on('closed', onClosed);
    });
  }

  #onMessage(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const reqId = (message as Record<string, unknown>)['reqId'];
    if (typeof reqId !== 'string') return;
    const pending = this.#pending.get(reqId);
    if (pending === undefined) return;
    this.#pending.delete(reqId);
    clearTimeout(pending.timer);
    pending.resolve(message);
  }

  #failAll(error: ExchangeError): void {
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.#pending.clear();
  }
}
