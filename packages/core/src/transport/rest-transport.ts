import { setMaxListeners } from 'node:events';
import type { ResolvedCredentials } from '../credentials/credentials.js';
import { AuthenticationError, ClosedError, InvalidArgumentError, RateLimitError } from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import { Redactor } from '../errors/redact.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { LOCAL_QUEUE_FULL } from '../ratelimit/rate-limiter.js';
import type { RateLimitCost, RateLimitPermit } from '../ratelimit/types.js';
import { RetryPolicy } from '../retry/retry-policy.js';
import { withTimestampResync } from '../retry/timestamp-resync.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { TimestampSource } from '../time/server-time.js';
import { CLOSED, linkSignals, throwIfAborted } from './abort.js';
import { CredentialCache } from './credential-cache.js';
import { HttpClient, type WireResponse } from './http-client.js';
import { interpretResponse } from './interpret.js';
import type { CallContext } from './network-error.js';
import type { RestTransportOptions } from './options.js';
import { parseData } from './parse-data.js';
import { encodeQuery, toQueryEntries } from './query.js';
import { applySigner } from './signing.js';
import { Scrubber } from './scrub.js';
import type { HttpMethod, RequestEndInfo, RequestSigner, RequestStartInfo, RestRequest, RestResponse, TransportHooks } from './types.js';

const NOOP_PERMIT: RateLimitPermit = Object.freeze({ waitedMs: 0, release: () => undefined });

interface CallState {
  attempts: number;
  /** Local time the last attempt was signed: a clock estimate newer than this is reused on resync. */
  signedAt?: number;
}

/**
 * The REST machinery an exchange package stands on: keep-alive agents, rate limiting, signing
 * over the exact wire strings, envelope decoding, zod validation, typed and scrubbed errors,
 * retries for idempotent calls, and a `close()` that leaves nothing running.
 *
 * An attempt: wait for the limiter → stamp the time and sign (after the wait, so the timestamp
 * is fresh) → send → feed limit headers back → classify → decode → validate.
 */
export class RestTransport implements AsyncDisposable {
  readonly exchange: string;
  /** Knows the live credentials; use it to scrub anything else the adapter logs. */
  readonly redactor: Redactor;
  readonly #o: RestTransportOptions;
  readonly #http: HttpClient;
  readonly #time: TimestampSource;
  readonly #clock: Clock;
  readonly #retry: RetryPolicy;
  readonly #logger: Logger;
  readonly #scrub: Scrubber;
  readonly #master = new AbortController();
  readonly #calls = new Set<Promise<unknown>>();
  readonly #credentials: CredentialCache;
  #nextId = 1;
  #closing: Promise<void> | undefined;

  constructor(options: RestTransportOptions) {
    this.exchange = options.exchange;
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new InvalidArgumentError(`${options.exchange}: baseUrl is not a URL`, { exchange: options.exchange });
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new InvalidArgumentError(`${options.exchange}: baseUrl must be http(s), got ${base.protocol}`, { exchange: options.exchange });
    }
    this.#o = options;
    // Every call in flight listens on this signal (and removes its listener when done): the count is
    // bounded by concurrency, not a leak, so Node's 10-listener warning does not apply.
    setMaxListeners(0, this.#master.signal);
    this.redactor = options.redactor ?? new Redactor();
    this.#scrub = new Scrubber(this.redactor);
    this.#time = options.time ?? systemClock;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#retry = options.retry ?? new RetryPolicy({ logger: this.#logger });
    this.#credentials = new CredentialCache(options.credentials, options.exchange, this.redactor, this.#scrub);
    this.#http = new HttpClient(options);
  }

  get closed(): boolean {
    return this.#master.signal.aborted;
  }

  /** Sends a request and resolves to its validated data. */
  async request<T>(req: RestRequest<T>): Promise<T> {
    return (await this.send(req)).data;
  }

  /** Like `request`, with status, headers and timing (e.g. to read the `Date` header). */
  send<T>(req: RestRequest<T>): Promise<RestResponse<T>> {
    if (this.closed) return Promise.reject(this.#closedError(req.method ?? 'GET'));
    const call = this.#call(req);
    this.#calls.add(call);
    const done = (): void => {
      this.#calls.delete(call);
    };
    call.then(done, done);
    return call;
  }

  /**
   * Aborts every call in flight or waiting (they reject with ClosedError, never resolve late),
   * destroys the agents' sockets, and resolves once all calls have settled. Later calls reject.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#master.abort(CLOSED);
      this.#http.destroy();
      await Promise.allSettled([...this.#calls]);
      // A socket could have been opened between the abort and a call noticing it.
      this.#http.destroy();
      this.#logger.debug({ exchange: this.exchange }, 'rest transport closed');
    })();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #call<T>(req: RestRequest<T>): Promise<RestResponse<T>> {
    const method = req.method ?? 'GET';
    const ctx: CallContext = { exchange: this.exchange, method, path: req.path };
    this.#checkRequest(req, method);
    const link = linkSignals(this.#master.signal, req.signal);
    const state: CallState = { attempts: 0 };
    try {
      return await this.#retry.run(
        () =>
          withTimestampResync(
            () => this.#attempt(req, ctx, link.signal, state),
            () => this.#resync(req, state),
          ),
        { idempotent: req.idempotent ?? method === 'GET', signal: link.signal },
      );
    } catch (err) {
      // Whatever failed last, a call cut short by close() reports ClosedError.
      if (this.#master.signal.aborted) throw this.#closedError(method);
      throw err;
    } finally {
      link.dispose();
    }
  }

  async #attempt<T>(req: RestRequest<T>, ctx: CallContext, signal: AbortSignal, state: CallState): Promise<RestResponse<T>> {
    const attempt = ++state.attempts;
    const signed = req.signed === true;
    const entries = toQueryEntries(req.query, this.exchange);
    const query = (this.#o.serializeQuery ?? encodeQuery)(entries);
    const body = this.#bodyText(req.body);
    const cost = req.cost ?? {};
    const limiter = this.#o.limiter;

    let credentials: ResolvedCredentials | undefined;
    if (signed) {
      if (this.#o.signer === undefined) throw new InvalidArgumentError(`${this.exchange}: signed request but no signer configured`, { exchange: this.exchange });
      credentials = await this.#credentials.get();
      // Before the limiter: the sync's own requests must not queue behind a permit this call holds.
      await this.#time.ensureSynced?.();
      throwIfAborted(signal);
    }

    const queuedAt = this.#clock.now();
    const permit = limiter !== undefined && Object.keys(cost).length > 0 ? await limiter.acquire(cost, { signal }) : NOOP_PERMIT;
    const requestRedactor = new Redactor();
    const scrub = this.#scrub.with(requestRedactor);
    let info: RequestStartInfo | undefined;
    let status: number | undefined;
    let sentAt = 0;
    try {
      throwIfAborted(signal);
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.#o.userAgent ?? 'exkit', ...req.headers };
      if (body !== '') headers['content-type'] = 'application/json';
      let wireQuery = query;
      if (signed && credentials !== undefined) {
        const timestamp = this.#time.now();
        state.signedAt = this.#clock.now();
        const input = { method: ctx.method, path: req.path, query, queryEntries: entries, body, timestamp, credentials };
        const applied = await applySigner(this.#o.signer as RequestSigner, input, requestRedactor, scrub, this.exchange);
        Object.assign(headers, applied.headers);
        wireQuery = applied.wireQuery;
        throwIfAborted(signal);
      }

      info = {
        id: this.#nextId++,
        method: ctx.method,
        path: req.path,
        label: req.label ?? req.path,
        attempt,
        signed,
        cost,
        weight: Math.max(0, ...Object.values(cost)),
        queuedMs: this.#clock.now() - queuedAt,
      };
      this.#hook('onRequest', info);
      sentAt = this.#clock.now();
      const url = wireQuery === '' ? req.path : `${req.path}?${wireQuery}`;
      const res = await this.#http.send(ctx, {
        url,
        body,
        headers,
        timeoutMs: req.timeoutMs ?? this.#o.timeoutMs ?? 10_000,
        signal,
        scrub,
        closedError: () => this.#closedError(ctx.method),
      });
      status = res.status;
      this.#feedLimiter(res, cost, ctx);
      const outcome = interpretResponse(
        { ...ctx, status: res.status, headers: res.headers, text: res.text },
        { decoder: this.#o.decoder, classifyStatus: this.#o.classifyStatus, scrub, now: this.#clock.now() },
      );
      if ('error' in outcome) throw outcome.error;
      const data = req.schema === undefined ? (outcome.data as T) : parseData(req.schema, outcome.data, ctx, scrub);
      const durationMs = this.#clock.now() - sentAt;
      this.#hook('onResponse', { ...info, status: res.status, durationMs, ok: true });
      this.#log('debug', { method: ctx.method, path: info.label, status: res.status, durationMs, attempt }, 'rest response');
      return { data, status: res.status, headers: res.headers, durationMs };
    } catch (err) {
      this.#afterFailure(err, { info, status, sentAt, cost, signed });
      throw err;
    } finally {
      permit.release();
    }
  }

  #afterFailure(
    err: unknown,
    f: { info: RequestStartInfo | undefined; status: number | undefined; sentAt: number; cost: RateLimitCost; signed: boolean },
  ): void {
    const limiter = this.#o.limiter;
    if (err instanceof RateLimitError && limiter !== undefined && err.details?.['reason'] !== LOCAL_QUEUE_FULL) {
      const buckets = this.#o.pauseBuckets?.(err, f.cost) ?? Object.keys(f.cost).filter((k) => limiter.has(k));
      if (buckets.length > 0) limiter.pause(buckets, err.retryAfterMs ?? this.#o.rateLimitPauseMs ?? 1_000);
    }
    // Rotated keys: ask the provider again next time.
    if (err instanceof AuthenticationError && f.signed) this.#credentials.invalidate();
    if (f.info !== undefined) {
      const end: RequestEndInfo = {
        ...f.info,
        ...(f.status !== undefined && { status: f.status }),
        durationMs: this.#clock.now() - f.sentAt,
        ok: false,
        errorName: err instanceof Error ? err.name : 'Error',
        ...(err instanceof ExchangeError && err.code !== undefined && { code: err.code }),
      };
      this.#hook('onResponse', end);
      this.#log(
        'debug',
        { method: end.method, path: end.label, status: end.status, durationMs: end.durationMs, attempt: end.attempt, error: end.errorName, code: end.code },
        'rest request failed',
      );
    }
  }

  async #resync(req: RestRequest<unknown>, state: CallState): Promise<void> {
    if (req.signed !== true || this.#time.resync === undefined) throw new Error('no clock to resync');
    this.#log('warn', { path: req.label ?? req.path }, 'venue rejected the request timestamp: resyncing the clock and retrying once');
    await this.#time.resync('timestamp rejected', state.signedAt);
  }

  #feedLimiter(res: WireResponse, cost: RateLimitCost, ctx: CallContext): void {
    const limiter = this.#o.limiter;
    const reader = this.#o.rateLimitHeaders;
    if (limiter === undefined || reader === undefined) return;
    try {
      const updates = reader(res.headers, { ...ctx, status: res.status, headers: res.headers, cost });
      if (updates !== undefined) limiter.update(updates);
    } catch (err) {
      this.#log('warn', { path: ctx.path, error: err instanceof Error ? err.name : 'Error' }, 'rate-limit header reader failed; headers ignored');
    }
  }

  #checkRequest(req: RestRequest<unknown>, method: HttpMethod): void {
    // Only a path: a full URL (or `//host`) would send the signature to another host.
    if (!/^\/(?!\/)[^?#\s]*$/.test(req.path)) {
      throw new InvalidArgumentError(`${this.exchange}: path must start with "/" and hold no query or fragment, got ${JSON.stringify(req.path.slice(0, 80))}`, {
        exchange: this.exchange,
      });
    }
    // venue A answers 403 to a GET with a body; no venue wants one.
    if (method === 'GET' && req.body !== undefined) {
      throw new InvalidArgumentError(`${this.exchange}: GET ${req.path} cannot carry a body; use query`, { exchange: this.exchange });
    }
  }

  #bodyText(body: unknown): string {
    if (body === undefined) return '';
    if (typeof body === 'string') return body;
    try {
      return JSON.stringify(body) ?? '';
    } catch (err) {
      throw new InvalidArgumentError(`${this.exchange}: request body is not JSON-serialisable (${err instanceof Error ? err.message : 'unknown'})`, {
        exchange: this.exchange,
      });
    }
  }

  #closedError(method: HttpMethod | string): ClosedError {
    return new ClosedError(`${this.exchange}: REST transport closed`, { exchange: this.exchange, details: { method } });
  }

  #hook<K extends keyof TransportHooks>(name: K, info: RequestStartInfo & Partial<RequestEndInfo>): void {
    const fn = this.#o.hooks?.[name] as ((i: typeof info) => void) | undefined;
    if (fn === undefined) return;
    try {
      fn(info);
    } catch (err) {
      this.#log('warn', { hook: name, error: err instanceof Error ? err.name : 'Error' }, 'transport hook threw; ignored');
    }
  }

  #log(level: 'debug' | 'warn', obj: Record<string, unknown>, msg: string): void {
    this.#logger[level](this.#scrub.value({ exchange: this.exchange, ...obj }) as object, msg);
  }
}
