import { createHmac, createSign } from 'node:crypto';
import type { RequestSigner, SignInput, SignOutput } from '@exkit/core';

/**
 * Bybit V5 request signing (reference §2; DOCS `docs/v5/guide.mdx` "Authentication"; PYBIT
 * `_http_manager.py` `generate_signature`; SIEBLY `BaseRestClient.ts` `signRequest`).
 *
 *   GET : <timestamp><apiKey><recvWindow><queryString>
 *   POST: <timestamp><apiKey><recvWindow><jsonBodyString>
 *
 * The query string and body are exactly the bytes sent (core's transport hands both over as
 * sent, query already percent-encoded — SIEBLY signs the encoded form too, which is what makes
 * cursors such as `page_args%3D…` work).
 */
export function stringToSign(timestamp: number | string, apiKey: string, recvWindow: number | string, payload: string): string {
  return `${timestamp}${apiKey}${recvWindow}${payload}`;
}

/** True for an RSA ("self-generated") key: SIEBLY picks RSA when the secret holds a PEM private key. */
export function isRsaSecret(secret: string): boolean {
  return secret.includes('PRIVATE KEY');
}

/**
 * HMAC keys: lowercase hex of HMAC-SHA256(secret, text) (DOCS). RSA keys: base64 of
 * RSASSA-PKCS1-v1_5 with SHA-256 (PYBIT `PKCS1_v1_5 … SHA256`, SIEBLY WebCrypto `RSASSA-PKCS1-v1_5`).
 */
export function bybitSignature(secret: string, text: string): string {
  if (isRsaSecret(secret)) return createSign('RSA-SHA256').update(text).sign(secret, 'base64');
  return createHmac('sha256', secret).update(text).digest('hex');
}

/**
 * The signer for core's RestTransport. Sends `X-BAPI-SIGN-TYPE: 2` as PYBIT, SIEBLY and NET all do
 * (reference §2 and §9: its meaning is undocumented; the simulator must accept it present or absent).
 */
export function createBybitSigner(recvWindow: number): RequestSigner {
  const window = String(recvWindow);
  return (input: SignInput): SignOutput => {
    const apiKey = input.credentials.apiKey.reveal();
    const payload = input.method === 'GET' ? input.query : input.body;
    const timestamp = String(input.timestamp);
    const signature = bybitSignature(input.credentials.apiSecret.reveal(), stringToSign(timestamp, apiKey, window, payload));
    return {
      headers: {
        'X-BAPI-API-KEY': apiKey,
        'X-BAPI-TIMESTAMP': timestamp,
        'X-BAPI-RECV-WINDOW': window,
        'X-BAPI-SIGN': signature,
        'X-BAPI-SIGN-TYPE': '2',
      },
      secrets: [signature],
    };
  };
}

/**
 * Private-stream and trade-stream login (reference §6 "Private auth"): `signature =
 * sign(secret, "GET/realtime" + expires)`, `expires` a future epoch-ms JSON number.
 */
export function wsAuthSignature(secret: string, expires: number): string {
  return bybitSignature(secret, `GET/realtime${expires}`);
}

export function wsAuthFrame(apiKey: string, secret: string, expires: number, reqId?: string): Record<string, unknown> {
  return { ...(reqId !== undefined && { req_id: reqId }), op: 'auth', args: [apiKey, expires, wsAuthSignature(secret, expires)] };
}
