/**
 * The fake adapter's REST client: signing, clock sync, request timeout, retries within a budget
 * (reads; orders only with their clientOrderId), venue error codes → typed errors, zod parsing.
 */
import type { z } from 'zod';
import {
  AuthenticationError,
  ClosedError,
  createError,
  ExchangeUnavailableError,
  NetworkError,
  RateLimitError,
  TimestampError,
  UnexpectedResponseError,
  type ErrorKind,
} from '../../../src/errors/error-classes.js';
import { ExchangeError } from '../../../src/errors/exchange-error.js';
import type { Logger } from '../../../src/logging/logger.js';
import type { ResolvedCredentials } from '../../../src/credentials/credentials.js';
import { envelope, timeW } from './wire.js';
import { restPayload, sign, WireError, type FakeServer, type WireResponse } from './server.js';

/** The venue codes this adapter maps (the conformance target lists the same). */
export const CODE_MAP: Readonly<Record<string, ErrorKind>> = {
  '10002': 'timestamp',
  '10003': 'authentication',
  '10004': 'authentication',
  '10005': 'permission',
  '10006': 'rateLimit',
  '10016': 'unavailable',
  '10020': 'badSymbol',
  '110001': 'orderNotFound',
  '110003': 'invalidOrder',
  '110007': 'insufficientFunds',
  '110009': 'invalidOrder',
  '110017': 'invalidOrder',
  '110072': 'invalidOrder',
  '110094': 'invalidOrder',
};
export const NOT_MODIFIED = new Set(['110043']);

export interface RestOptions {
  readonly exchange: string;
  readonly server: () => FakeServer;
  readonly credentials?: ResolvedCredentials;
  readonly logger: Logger;
  readonly clockSync: boolean;
  readonly requestTimeoutMs: number;
  readonly retryBudgetMs: number;
}

export interface CallOptions<T> {
  readonly signed?: boolean;
  readonly schema: z.ZodType<T>;
  /** `read`: retried on network/5xx/429 within the budget; `order`: likewise, after `recover` found nothing; `none`: never. */
  readonly retry: 'read' | 'order' | 'none';
  /** Orders: after a lost answer, looks the order up by its clientOrderId before any retry. */
  readonly recover?: () => Promise<T | undefined>;
  /** Codes that mean success for an idempotent setter. */
  readonly notModifiedOk?: boolean;
}

export class RestClient {
  #offset = 0;
  #synced = false;
  #closed = false;
  readonly #inflight = new Set<AbortController>();
  readonly #sleeps = new Set<() => void>();

  constructor(private readonly o: RestOptions) {}

  close(): void {
    this.#closed = true;
    for (const c of this.#inflight) c.abort();
    for (const stop of this.#sleeps) stop();
  }

  #closedError(method: string): ClosedError {
    return new ClosedError('the exchange is closed', { exchange: this.o.exchange, method });
  }

  async syncClock(method: string): Promise<void> {
    const t0 = Date.now();
    const r = await this.call(method, 'GET', '/v1/time', {}, { schema: timeW, retry: 'read' });
    const t1 = Date.now();
    this.#offset = r.timeMs - Math.round((t0 + t1) / 2);
    this.#synced = true;
  }

  async call<T>(method: string, verb: 'GET' | 'POST', path: string, params: Record<string, string>, opts: CallOptions<T>): Promise<T> {
    if (this.#closed) throw this.#closedError(method);
    if (opts.signed && this.o.clockSync && !this.#synced) await this.syncClock(method);
    const deadline = Date.now() + this.o.retryBudgetMs;
    let timestampRetried = false;
    for (let attempt = 1; ; attempt++) {
      let error: ExchangeError;
      try {
        const res = await this.#send(method, verb, path, params, !!opts.signed);
        return this.#parse(method, res, opts);
      } catch (e) {
        if (this.#closed) throw this.#closedError(method);
        error = e instanceof ExchangeError ? e : new UnexpectedResponseError(`unexpected failure: ${String(e)}`, { exchange: this.o.exchange, method, cause: e });
      }
      if (error instanceof TimestampError && opts.signed && this.o.clockSync && !timestampRetried) {
        timestampRetried = true;
        await this.syncClock(method);
        continue;
      }
      const transient = error instanceof NetworkError || error instanceof ExchangeUnavailableError || error instanceof RateLimitError;
      if (opts.retry === 'none' || !transient || Date.now() >= deadline) throw error;
      if (opts.retry === 'order' && error instanceof NetworkError && opts.recover) {
        const found = await opts.recover().catch(() => undefined);
        if (found !== undefined) return found;
      }
      const wait = error.retryAfterMs ?? Math.min(400, 25 * 2 ** attempt);
      if (Date.now() + wait > deadline + (error.retryAfterMs !== undefined ? this.o.retryBudgetMs : 0)) throw error;
      this.o.logger.debug({ method, path, attempt, wait }, 'retrying');
      await this.#sleep(wait);
      if (this.#closed) throw this.#closedError(method);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const stop = (): void => {
        clearTimeout(timer);
        this.#sleeps.delete(stop);
        resolve();
      };
      const timer = setTimeout(stop, ms);
      this.#sleeps.add(stop);
    });
  }

  async #send(method: string, verb: 'GET' | 'POST', path: string, params: Record<string, string>, signed: boolean): Promise<WireResponse> {
    const headers: Record<string, string> = {};
    if (signed) {
      const c = this.o.credentials;
      if (!c) throw new AuthenticationError('no credentials configured', { exchange: this.o.exchange, method });
      const ts = String(Date.now() + this.#offset);
      const apiKey = c.apiKey.reveal();
      headers['x-key'] = apiKey;
      headers['x-ts'] = ts;
      headers['x-sign'] = sign(c.apiSecret.reveal(), restPayload(ts, apiKey, verb, path, params));
    }
    const ctrl = new AbortController();
    this.#inflight.add(ctrl);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.o.server().request({ method: verb, path, params, headers }, ctrl.signal),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            ctrl.abort();
            reject(new NetworkError(`${verb} ${path} timed out after ${this.o.requestTimeoutMs} ms`, { exchange: this.o.exchange, method, cause: new Error('ETIMEDOUT') }));
          }, this.o.requestTimeoutMs);
        }),
      ]);
    } catch (e) {
      if (e instanceof ExchangeError) throw e;
      if (e instanceof WireError) throw new NetworkError(`${verb} ${path}: ${e.message}`, { exchange: this.o.exchange, method, cause: e });
      throw e;
    } finally {
      clearTimeout(timer);
      this.#inflight.delete(ctrl);
    }
  }

  #parse<T>(method: string, res: WireResponse, opts: CallOptions<T>): T {
    const base = { exchange: this.o.exchange, method };
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch (e) {
      if (res.status >= 500) throw new ExchangeUnavailableError(`HTTP ${res.status}`, { ...base, cause: e });
      throw new UnexpectedResponseError('the venue answered invalid JSON', { ...base, path: '$', cause: e });
    }
    const env = envelope.safeParse(json);
    if (!env.success) {
      const issue = env.error.issues[0];
      throw new UnexpectedResponseError(`malformed envelope: ${issue?.message ?? ''}`, { ...base, path: issue?.path.join('.') ?? '$', cause: env.error });
    }
    const code = String(env.data.code);
    if (res.status === 429) throw new RateLimitError(env.data.msg, { ...base, code, ...(env.data.retryAfterMs !== undefined && { retryAfterMs: env.data.retryAfterMs }) });
    if (res.status >= 500) throw new ExchangeUnavailableError(`HTTP ${res.status}: ${env.data.msg}`, { ...base, code });
    if (code !== '0') {
      if (opts.notModifiedOk && NOT_MODIFIED.has(code)) return opts.schema.parse({});
      const kind = CODE_MAP[code];
      if (!kind) throw new UnexpectedResponseError(`unmapped venue code ${code}: ${env.data.msg}`, { ...base, code: env.data.code, path: 'code', cause: new Error(env.data.msg) });
      throw createError(kind, env.data.msg, { ...base, code: env.data.code, ...(env.data.retryAfterMs !== undefined && { retryAfterMs: env.data.retryAfterMs }) });
    }
    const data = opts.schema.safeParse(env.data.result);
    if (!data.success) {
      const issue = data.error.issues[0];
      const path = ['result', ...(issue?.path ?? []).map(String)].join('.');
      throw new UnexpectedResponseError(`unexpected ${path}: ${issue?.message ?? ''}`, { ...base, path, cause: data.error });
    }
    return data.data;
  }
}
