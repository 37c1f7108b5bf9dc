import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosProxyConfig } from 'axios';
import type { ExchangeError } from '../errors/exchange-error.js';
import { TIMEOUT, CLOSED, noop } from './abort.js';
import { normaliseHeaders } from './headers.js';
import { networkError, timeoutError, type CallContext } from './network-error.js';
import type { Scrubber } from './scrub.js';
import type { ResponseHeaders } from './types.js';

export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly maxSockets?: number;
  readonly maxResponseBytes?: number;
  readonly proxy?: AxiosProxyConfig | false;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly text: string;
}

export interface SendOptions {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly scrub: Scrubber;
  /** A fresh ClosedError for a call cut short by the transport's close(). */
  readonly closedError: () => ExchangeError;
}

/**
 * axios over our own keep-alive agents, configured to hand back the raw text of every response:
 * statuses, JSON and bodies are judged by the transport, nothing is re-serialised on the way out.
 */
export class HttpClient {
  readonly #axios: AxiosInstance;
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;

  constructor(o: HttpClientOptions) {
    const agentOptions = { keepAlive: true, scheduling: 'lifo' as const, ...(o.maxSockets !== undefined && { maxSockets: o.maxSockets }) };
    this.#httpAgent = new http.Agent(agentOptions);
    this.#httpsAgent = new https.Agent(agentOptions);
    const maxBytes = o.maxResponseBytes ?? 32 * 1024 * 1024;
    this.#axios = axios.create({
      baseURL: o.baseUrl,
      adapter: 'http',
      httpAgent: this.#httpAgent,
      httpsAgent: this.#httpsAgent,
      proxy: o.proxy ?? false,
      // A redirect would carry the signature headers to another URL.
      maxRedirects: 0,
      allowAbsoluteUrls: false,
      validateStatus: () => true,
      responseType: 'text',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      maxContentLength: maxBytes,
      maxBodyLength: maxBytes,
      // The per-attempt timeout is ours (below), so it also covers a slow body.
      timeout: 0,
    });
  }

  /**
   * One HTTP exchange. Settles the moment it is aborted (close, timeout, caller) — never late —
   * and axios destroys the socket behind it. Library errors become scrubbed typed errors.
   */
  async send(ctx: CallContext, o: SendOptions): Promise<WireResponse> {
    const ac = new AbortController();
    const onAbort = (): void => ac.abort(o.signal.reason);
    o.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => ac.abort(TIMEOUT), o.timeoutMs);
    const aborted = new Promise<never>((_, reject) => ac.signal.addEventListener('abort', () => reject(ac.signal.reason), { once: true }));
    const sent = this.#axios.request<unknown>({ method: ctx.method, url: o.url, headers: { ...o.headers }, signal: ac.signal, ...(o.body !== '' && { data: o.body }) });
    // Whichever loses the race must not become an unhandled rejection.
    sent.catch(noop);
    aborted.catch(noop);
    try {
      const res = await Promise.race([sent, aborted]);
      return { status: res.status, headers: normaliseHeaders(res.headers), text: typeof res.data === 'string' ? res.data : '' };
    } catch (err) {
      if (ac.signal.aborted) {
        const reason: unknown = ac.signal.reason;
        if (reason === TIMEOUT) throw timeoutError(ctx, o.timeoutMs);
        if (reason === CLOSED) throw o.closedError();
        throw reason;
      }
      throw networkError(err, ctx, o.scrub);
    } finally {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Destroys every pooled and active socket. */
  destroy(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }
}
