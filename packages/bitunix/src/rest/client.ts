import type { QueryValue, RestResponse, RestTransport } from '@exkit/core';
import type { z } from 'zod';
import type { BucketKey } from './limits.js';

/** One documented endpoint: where it is, whether it is signed, its rate-limit bucket and its `data` schema. */
export interface Endpoint<T> {
  readonly method: 'GET' | 'POST';
  readonly path: `/api/v1/futures/${string}`;
  readonly signed: boolean;
  readonly bucket: BucketKey;
  readonly schema: z.ZodType<T>;
  /**
   * May the transport repeat it after a failure? Default: GET yes, POST no. Order placement is never
   * repeated here (it goes through `placeOrderWithRetry` with a client id).
   */
  readonly idempotent?: boolean;
}

export function endpoint<T>(def: Endpoint<T>): Endpoint<T> {
  return Object.freeze(def);
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** `false`: one attempt, whatever the endpoint (a caller that retries under its own, shorter budget). */
  readonly retry?: false;
}

/** Drops undefined, null and "" (bitunix.md §2: "Adapters: never send empty parameters"). */
export function clean<T extends object>(params: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out as Partial<T>;
}

/**
 * Calls endpoints over the shared transport: GET parameters go in the query, POST parameters in the
 * compact JSON body (never both — bitunix.md §2), with the documented `language` and `Content-Type` headers.
 */
export class BitunixRest {
  readonly transport: RestTransport;
  readonly #headers: Readonly<Record<string, string>>;

  constructor(transport: RestTransport, language: string) {
    this.transport = transport;
    // DOC: Content-Type "Uniformly set to application/json" (DEMO sends it on GET too); `language` localises `msg`.
    this.#headers = Object.freeze({ 'content-type': 'application/json', language });
  }

  async request<T>(ep: Endpoint<T>, params: object = {}, options: CallOptions = {}): Promise<T> {
    return (await this.send(ep, params, options)).data;
  }

  send<T>(ep: Endpoint<T>, params: object = {}, options: CallOptions = {}): Promise<RestResponse<T>> {
    const cleaned = clean(params);
    return this.transport.send<T>({
      method: ep.method,
      path: ep.path,
      ...(ep.method === 'GET' ? { query: cleaned as Record<string, QueryValue> } : { body: cleaned }),
      signed: ep.signed,
      schema: ep.schema,
      cost: { [ep.bucket]: 1 },
      idempotent: options.retry === false ? false : (ep.idempotent ?? ep.method === 'GET'),
      headers: this.#headers,
      label: ep.path,
      ...(options.signal !== undefined && { signal: options.signal }),
    });
  }
}
