import type { z } from 'zod';
import type { ResolvedCredentials } from '../credentials/credentials.js';
import type { ExchangeError } from '../errors/exchange-error.js';
import type { RateLimitCost, RateLimitUpdate } from '../ratelimit/types.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** A query value; `undefined` drops the parameter (venues reject empty ones). Decimals go as plain text. */
export type QueryValue = string | number | boolean | { toFixed(): string } | undefined;

/** Response headers, names lower-cased, repeated headers joined with `, `. */
export type ResponseHeaders = Readonly<Record<string, string>>;

/** One REST call, described by the exchange package. */
export interface RestRequest<T = unknown> {
  /** Default GET. */
  readonly method?: HttpMethod;
  /** Path below the base URL, starting with `/` (e.g. `/v5/order/create`). Never a full URL. */
  readonly path: string;
  /** Query parameters, sent in this order. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** JSON body (serialised once; a string is sent as is). Never sent with GET. */
  readonly body?: unknown;
  /** Sign with the exchange's signer and credentials. */
  readonly signed?: boolean;
  /** Validates (and transforms) the decoded data; failures become UnexpectedResponseError. */
  readonly schema?: z.ZodType<T>;
  /** Rate-limit buckets and weights this call consumes, e.g. `{ ip: 1, 'order:create': 1 }`. */
  readonly cost?: RateLimitCost;
  /** Per-attempt timeout, ms (default: the transport's). */
  readonly timeoutMs?: number;
  /**
   * Whether the retry policy may repeat this call (default: GET only). Order placement is never
   * marked idempotent: it goes through `RetryPolicy.placeOrder` with a client order id.
   */
  readonly idempotent?: boolean;
  /** Extra headers (e.g. `language: en-US`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Name for metrics and logs (default: the path). Never include parameter values. */
  readonly label?: string;
  /** Aborting rejects with `signal.reason` and releases the socket. */
  readonly signal?: AbortSignal;
}

/** What the signer gets: exactly what goes on the wire. */
export interface SignInput {
  readonly method: HttpMethod;
  readonly path: string;
  /** The query string as sent, without `?`; `''` when none. */
  readonly query: string;
  /** The same parameters as `[name, value]` text pairs in wire order, not URL-encoded (venue B sorts and concatenates these). */
  readonly queryEntries: ReadonlyArray<readonly [string, string]>;
  /** The body as sent; `''` when none. */
  readonly body: string;
  /** Venue time from the synced clock, epoch ms. */
  readonly timestamp: number;
  readonly credentials: ResolvedCredentials;
}

/** What the signer adds. Every value under a sensitive name (sign, api-key, nonce…) and every `secrets` entry is scrubbed from errors and logs. */
export interface SignOutput {
  readonly headers?: Readonly<Record<string, string>>;
  /** Parameters appended after the signed query string (e.g. `signature=` venues). */
  readonly query?: ReadonlyArray<readonly [string, string]>;
  /** Further values never to show (a signature under an innocent-looking name). */
  readonly secrets?: readonly string[];
}

/** Supplied by the exchange package: HMAC / RSA / SHA-256 chains, whatever the venue wants. */
export type RequestSigner = (input: SignInput) => SignOutput | Promise<SignOutput>;

/** What the decoder and the classifiers know about a response. */
export interface ResponseContext {
  readonly exchange: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly status: number;
  readonly headers: ResponseHeaders;
}

/** The decoder's verdict on an envelope. */
export type DecodeResult = { readonly data: unknown } | { readonly error: ExchangeError };

/**
 * Supplied by the exchange package: envelope → data or typed error, e.g. venue A
 * `{retCode: 0, result}` → `{ data: result }`, `{retCode: 10006}` → `{ error: new RateLimitError(…) }`.
 * Runs on every JSON body (2xx and 4xx). Its errors are scrubbed of secrets by the transport.
 */
export type ResponseDecoder = (body: unknown, context: ResponseContext) => DecodeResult;

/**
 * Supplied by the exchange package: the venue's limit headers → limiter corrections. `cost` is
 * what the request consumed, so a per-endpoint header can name that endpoint's bucket.
 */
export type RateLimitHeaderReader = (
  headers: ResponseHeaders,
  context: ResponseContext & { readonly cost: RateLimitCost },
) => RateLimitUpdate | readonly RateLimitUpdate[] | undefined;

/** Optional override for non-2xx statuses and non-JSON bodies (e.g. venue A's 403 = IP ban → RateLimitError). Return undefined for the default. */
export type StatusClassifier = (context: ResponseContext & { readonly text: string }) => ExchangeError | undefined;

/** Per-attempt metrics, fired just before sending. */
export interface RequestStartInfo {
  /** Increments per attempt, unique per transport. */
  readonly id: number;
  readonly method: HttpMethod;
  readonly path: string;
  readonly label: string;
  /** 1 for the first attempt of a call. */
  readonly attempt: number;
  readonly signed: boolean;
  readonly cost: RateLimitCost;
  /** The highest weight in `cost` (0 when the call is not limited). */
  readonly weight: number;
  /** Time spent waiting for the rate limiter, ms. */
  readonly queuedMs: number;
}

/** Per-attempt metrics, fired when the attempt's outcome is known. */
export interface RequestEndInfo extends RequestStartInfo {
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  readonly durationMs: number;
  readonly ok: boolean;
  /** Error class name when not ok (`RateLimitError`, …). */
  readonly errorName?: string;
  /** The venue's error code, when the decoder gave one. */
  readonly code?: string | number;
}

export interface TransportHooks {
  readonly onRequest?: (info: RequestStartInfo) => void;
  readonly onResponse?: (info: RequestEndInfo) => void;
}

/** A decoded, validated response with its metadata. */
export interface RestResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly headers: ResponseHeaders;
  /** Of the successful attempt, ms. */
  readonly durationMs: number;
}
