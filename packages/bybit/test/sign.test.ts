import { createVerify, generateKeyPairSync } from 'node:crypto';
import { Secret, type SignInput } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { bybitSignature, createBybitSigner, stringToSign, wsAuthFrame, wsAuthSignature } from '../src/rest/sign.js';

// Reference §2 test vectors (NET CheckSignatureExample1/2; key = secret = XXXXXXXXXX, recvWindow 5000).
const KEY = 'XXXXXXXXXX';
const GET_STRING = '1658384313791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C';
const GET_SIGN = 'b3a13cbd6f9de0ad7ece696645a98000281be3558716624cfca03debd2f24574';
const POST_STRING = '1658385578423XXXXXXXXXX5000{"category":"option"}';
const POST_SIGN = 'a04dea33a62e644897b14c6ff458db428b9c2424b5cb785c9586490ccaca24af';

function input(over: Partial<SignInput>): SignInput {
  return {
    method: 'GET',
    path: '/v5/order/realtime',
    query: '',
    queryEntries: [],
    body: '',
    timestamp: 0,
    credentials: { apiKey: new Secret(KEY), apiSecret: new Secret(KEY) },
    ...over,
  };
}

describe('REST signing (§2)', () => {
  it('builds the string to sign as timestamp + key + recvWindow + payload', () => {
    expect(stringToSign(1658384313791, KEY, 5000, 'category=option&symbol=BTC-29JUL22-25000-C')).toBe(GET_STRING);
    expect(stringToSign('1658385578423', KEY, '5000', '{"category":"option"}')).toBe(POST_STRING);
  });

  it('matches the GET and POST vectors (lowercase hex)', () => {
    expect(bybitSignature(KEY, GET_STRING)).toBe(GET_SIGN);
    expect(bybitSignature(KEY, POST_STRING)).toBe(POST_SIGN);
  });

  it('the signer signs the query for GET and the raw body for POST, with every header', () => {
    const signer = createBybitSigner(5000);
    const get = signer(input({ query: 'category=option&symbol=BTC-29JUL22-25000-C', timestamp: 1658384313791 }));
    expect(get).toEqual({
      headers: {
        'X-BAPI-API-KEY': KEY,
        'X-BAPI-TIMESTAMP': '1658384313791',
        'X-BAPI-RECV-WINDOW': '5000',
        'X-BAPI-SIGN': GET_SIGN,
        'X-BAPI-SIGN-TYPE': '2',
      },
      secrets: [GET_SIGN],
    });
    const post = signer(input({ method: 'POST', body: '{"category":"option"}', query: 'ignored=1', timestamp: 1658385578423 }));
    expect(post).toMatchObject({ headers: { 'X-BAPI-SIGN': POST_SIGN } });
  });

  it('signs the recv window it sends', () => {
    const out = createBybitSigner(8000)(input({ query: 'a=1', timestamp: 1 })) as { headers: Record<string, string> };
    expect(out.headers['X-BAPI-RECV-WINDOW']).toBe('8000');
    expect(out.headers['X-BAPI-SIGN']).toBe(bybitSignature(KEY, `1${KEY}8000a=1`));
  });

  it('signs an empty query as the empty string', () => {
    const out = createBybitSigner(5000)(input({ timestamp: 1658384313791 })) as { headers: Record<string, string> };
    expect(out.headers['X-BAPI-SIGN']).toBe(bybitSignature(KEY, `1658384313791${KEY}5000`));
  });

  it('RSA keys sign RSASSA-PKCS1-v1_5 / SHA-256, base64', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const sig = bybitSignature(pem, POST_STRING);
    expect(sig).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(createVerify('RSA-SHA256').update(POST_STRING).verify(publicKey, sig, 'base64')).toBe(true);
  });
});

describe('WebSocket login signature (§6)', () => {
  it('matches the reference vector for GET/realtime + expires', () => {
    expect(wsAuthSignature(KEY, 1662350400000)).toBe('3d6cbbfa4569aab894f661add824ff3f06090d0edba388f1e47dc15e6a7b5a8b');
  });

  it('builds the auth frame with expires as a JSON number', () => {
    expect(wsAuthFrame('api_key', KEY, 1662350400000, '10001')).toEqual({
      req_id: '10001',
      op: 'auth',
      args: ['api_key', 1662350400000, '3d6cbbfa4569aab894f661add824ff3f06090d0edba388f1e47dc15e6a7b5a8b'],
    });
  });
});
