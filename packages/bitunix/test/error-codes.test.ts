import { ExchangeUnavailableError, RateLimitError, UnexpectedResponseError } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../src/rest/envelope.js';
import { bitunixError, errorKindFor } from '../src/rest/error-codes.js';

describe('error codes → kinds (bitunix.md §4)', () => {
  const table: Array<[number, string | undefined]> = [
    [1, 'invalidArgument'],
    [403, 'permission'],
    [404, 'invalidArgument'],
    [10001, 'unavailable'],
    [10002, 'invalidArgument'],
    [10003, 'authentication'],
    [10004, 'permission'],
    [10005, 'rateLimit'],
    [10006, 'rateLimit'],
    [10007, 'authentication'],
    [10008, 'invalidArgument'],
    [10012, 'insufficientFunds'],
    [10013, 'orderNotFound'],
    [20001, 'badSymbol'],
    [20002, 'invalidOrder'],
    [20003, 'insufficientFunds'],
    [20004, 'invalidArgument'],
    [20005, 'invalidArgument'],
    [20006, 'invalidArgument'],
    [20007, 'orderNotFound'],
    [20008, 'insufficientFunds'],
    [20009, 'invalidArgument'],
    [20011, 'permission'],
    [20012, 'badSymbol'],
    [20013, 'permission'],
    [20014, 'permission'],
    [20015, 'badSymbol'],
    [20016, 'invalidArgument'],
    [200014, 'invalidArgument'],
    [30001, 'invalidOrder'],
    [30004, 'invalidOrder'],
    [30011, 'invalidOrder'],
    [30012, 'invalidArgument'],
    [30016, 'invalidOrder'],
    [30038, 'invalidOrder'],
    [30039, 'invalidOrder'],
    [30040, 'permission'],
    [30041, 'invalidOrder'],
    [30042, 'invalidOrder'],
    [40001, 'invalidArgument'],
    [40008, 'invalidArgument'],
    [0, undefined],
    [99999, undefined],
    [30043, undefined],
  ];
  it.each(table)('code %i → %s', (code, kind) => {
    expect(errorKindFor(code)).toBe(kind);
  });

  it('10008 on an order endpoint is an invalid order', () => {
    expect(errorKindFor(10008, '/api/v1/futures/trade/place_order')).toBe('invalidOrder');
    expect(errorKindFor(10008, '/api/v1/futures/tpsl/place_order')).toBe('invalidOrder');
    expect(errorKindFor(10008, '/api/v1/futures/market/depth')).toBe('invalidArgument');
  });

  it('builds typed errors carrying the code; rate limits say when to retry; unmapped codes are unexpected', () => {
    const rl = bitunixError(10006, 'Request too frequently', { exchange: 'bitunix', path: '/api/v1/futures/account' });
    expect(rl).toBeInstanceOf(RateLimitError);
    expect(rl.retryAfterMs).toBe(1_000);
    expect(rl.retryable).toBe(true);
    expect(rl.code).toBe(10006);
    expect(bitunixError(10001, 'Network Error', { exchange: 'bitunix' })).toBeInstanceOf(ExchangeUnavailableError);
    const unknown = bitunixError(77777, 'new thing', { exchange: 'bitunix' });
    expect(unknown).toBeInstanceOf(UnexpectedResponseError);
    expect(unknown.message).toContain('77777');
  });
});

describe('envelope decoder', () => {
  const ctx = { exchange: 'bitunix', method: 'GET' as const, path: '/api/v1/futures/account', status: 200, headers: {} };
  it('code 0 → data (any shape, key order irrelevant)', () => {
    expect(decodeEnvelope({ msg: 'Success', data: { a: 1 }, code: 0 }, ctx)).toEqual({ data: { a: 1 } });
    expect(decodeEnvelope({ code: 0, data: '', msg: 'Success' }, ctx)).toEqual({ data: '' });
    expect(decodeEnvelope({ code: '0', data: [1] }, ctx)).toEqual({ data: [1] });
  });
  it('a venue code → the typed error', () => {
    const r = decodeEnvelope({ code: 10007, data: null, msg: 'Sign signature error' }, ctx);
    expect('error' in r && r.error.name).toBe('AuthenticationError');
  });
  it('not an envelope → UnexpectedResponseError', () => {
    for (const body of [[], 'x', null, { data: 1 }, { code: 'abc' }]) {
      const r = decodeEnvelope(body, ctx);
      expect('error' in r && r.error).toBeInstanceOf(UnexpectedResponseError);
    }
  });
});
