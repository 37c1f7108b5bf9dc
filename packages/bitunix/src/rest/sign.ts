import { createHash, randomBytes } from 'node:crypto';
import type { RequestSigner } from '@exkit/core';

/**
 * Bitunix futures signing — reference bitunix.md §2 (DOC `doc/common/sign.html`; DEMO
 * `Demo/Golang/open_api_http_sign.go` and its `_test.go`, which holds the only official test vector R1):
 *
 *   queryParams = params sorted by key (ASCII), concatenated key + value (no `=`/`&`, values not URL-encoded, empty ones skipped)
 *   digest      = hex(SHA256(nonce + timestamp + apiKey + queryParams + body))
 *   sign        = hex(SHA256(digest + secretKey))
 *
 * Plain SHA-256 twice, not HMAC; lowercase hex. GET puts every parameter in the query (body ""),
 * POST every parameter in the compact JSON body (queryParams ""). The body is signed exactly as sent.
 */

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface SignParts {
  readonly nonce: string;
  /** Decimal string: REST milliseconds, WS login seconds. */
  readonly timestamp: string;
  readonly apiKey: string;
  /** `sortedQueryString(...)` of the request's query; `''` for POST. */
  readonly queryParams: string;
  /** The exact body sent; `''` for GET. */
  readonly body: string;
  readonly secretKey: string;
}

/** The first stage (exported for the test vectors). */
export function bitunixDigest(p: Omit<SignParts, 'secretKey'>): string {
  return sha256Hex(p.nonce + p.timestamp + p.apiKey + p.queryParams + p.body);
}

export function bitunixSign(p: SignParts): string {
  return sha256Hex(bitunixDigest(p) + p.secretKey);
}

/**
 * Sorted key+value concatenation of the raw (decoded) parameters. Keys compare by UTF-16 code unit,
 * which for the ASCII keys Bitunix uses is the ordinal order every official demo uses (Go
 * `sort.Strings`, Java `TreeMap`, NET `StringComparer.Ordinal`). Empty values are skipped (DEMO Java, CCXT).
 */
export function sortedQueryString(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries
    .filter(([, v]) => v !== '')
    .slice()
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => k + v)
    .join('');
}

/**
 * A fresh nonce: 32 lowercase hex characters (DOC "Random string, 32bits" — its examples and the
 * DEMO Go/Python/PHP and NET generators all produce 32 hex chars; bitunix.md §2 "Clients: send 32 lowercase hex chars").
 */
export function createNonce(): string {
  return randomBytes(16).toString('hex');
}

export interface SignerOptions {
  /** Nonce source (tests pin it); default `createNonce`. */
  readonly nonce?: () => string;
}

/**
 * The RestTransport signer. `input.timestamp` comes from the transport's synced clock (epoch ms, sent
 * as a decimal string in the `timestamp` header, §2). Header names as documented, lower case.
 */
export function createRestSigner(options: SignerOptions = {}): RequestSigner {
  const nextNonce = options.nonce ?? createNonce;
  return (input) => {
    const nonce = nextNonce();
    const timestamp = String(Math.trunc(input.timestamp));
    const apiKey = input.credentials.apiKey.reveal();
    const sign = bitunixSign({
      nonce,
      timestamp,
      apiKey,
      queryParams: sortedQueryString(input.queryEntries),
      body: input.body,
      secretKey: input.credentials.apiSecret.reveal(),
    });
    return { headers: { 'api-key': apiKey, nonce, timestamp, sign }, secrets: [sign] };
  };
}

/**
 * WebSocket login signature — bitunix.md §6 "Private login": the REST formula with empty query and
 * body, `timestamp` in Unix **seconds** (DOC prepare page login table, DEMO Go/Python/PHP `generate_sign`,
 * NET `Sign(nonce, timestamp)`). Not the spot "general WebSocket signature" of sign.html.
 */
export function wsLoginSign(nonce: string, timestampSeconds: number, apiKey: string, secretKey: string): string {
  return bitunixSign({ nonce, timestamp: String(timestampSeconds), apiKey, queryParams: '', body: '', secretKey });
}
