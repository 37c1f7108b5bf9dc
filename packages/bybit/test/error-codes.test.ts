import {
  AuthenticationError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidArgumentError,
  InvalidOrderError,
  NotSupportedError,
  OrderNotFoundError,
  PermissionError,
  RateLimitError,
  TimestampError,
  UnexpectedResponseError,
  type ExchangeError,
  type ResponseContext,
} from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { createEnvelopeDecoder, retCodeError } from '../src/rest/envelope.js';
import { classifyRetCode, RET_CODES, WS_TRADE_CODES } from '../src/rest/error-codes.js';
import { bybitBuckets, classifyBybitStatus, IP_BAN_MS, IP_MAX_QUEUE, pauseBucketsFor, privateCost, readRateLimitHeaders } from '../src/rest/limits.js';
import { fixture } from './helpers/fixtures.js';

type ErrorClass = abstract new (...args: never[]) => ExchangeError;
const ORDER = '/v5/order/create';
const OTHER = '/v5/account/wallet-balance';

// Reference §4 "Suggested typed errors", row by row.
const TABLE: ReadonlyArray<readonly [ErrorClass, readonly number[], string]> = [
  [AuthenticationError, [10003, 10004, 10007, -2015, 33004], OTHER],
  [PermissionError, [10005, 10008, 10009, 10010, 10024, 10027, 10028, 100028, 10029], OTHER],
  [RateLimitError, [10006, 10018, 170005, 170222], ORDER],
  [TimestampError, [10002, -1], OTHER],
  [
    InvalidOrderError,
    [10001, 110003, 110009, 110017, 110019, 110020, 110021, 110022, 110023, 110040, 110057, 110064, 110072, 110074, 110092, 110093, 110094,
      170105, 170115, 170116, 170117, 170121, 170130, 170124, 170132, 170133, 170134, 170136, 170137, 170140, 170148, 170381, 170382, 170193, 170194, 170217, 170218, 170810, 170141],
    ORDER,
  ],
  [InsufficientFundsError, [110004, 110006, 110007, 110012, 110014, 110044, 110045, 110051, 110052, 110053, 170131, 170033, 170034], ORDER],
  [OrderNotFoundError, [110001, 110008, 110010, 170213, 170139, 170142, 170143, 170190], '/v5/order/cancel'],
  [ExchangeUnavailableError, [10000, 10016, 110079, 170001, 170007, 170234, 429], ORDER],
];

const ctx = (path: string, headers: Record<string, string> = {}): ResponseContext => ({ exchange: 'bybit', method: 'POST', path, status: 200, headers });
const decode = createEnvelopeDecoder(() => 1_700_000_000_000);
const errorOf = (body: unknown, path = ORDER, headers: Record<string, string> = {}): ExchangeError => {
  const r = decode(body, ctx(path, headers));
  if (!('error' in r)) throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r.error;
};
const env = (retCode: number, retMsg = 'x', extra: Record<string, unknown> = {}) => ({ retCode, retMsg, result: {}, retExtInfo: {}, time: 1_700_000_000_000, ...extra });

describe('retCode → typed error (§4)', () => {
  for (const [cls, codes, path] of TABLE) {
    it.each(codes)(`%i → ${cls.name}`, (code) => {
      const error = errorOf(env(code, `message ${code}`), path);
      expect(error).toBeInstanceOf(cls);
      expect(error.code).toBe(code);
      expect(error.exchange).toBe('bybit');
      expect(error.message).toContain(`message ${code}`);
    });
  }

  it('a parameter error is InvalidOrder on order endpoints and InvalidArgument elsewhere', () => {
    expect(errorOf(env(10001), ORDER)).toBeInstanceOf(InvalidOrderError);
    expect(errorOf(env(10001), '/v5/position/set-leverage')).toBeInstanceOf(InvalidArgumentError);
    expect(errorOf(env(110013), '/v5/position/set-leverage')).toBeInstanceOf(InvalidArgumentError);
  });

  it('the real 10002 body is a TimestampError (the transport resyncs and retries once)', () => {
    const e = errorOf(fixture('error-10002-timestamp.json'), '/v5/order/realtime');
    expect(e).toBeInstanceOf(TimestampError);
    expect(e.retryable).toBe(true);
  });

  it('the real 110007 body is InsufficientFunds', () => {
    expect(errorOf(fixture('error-110007-insufficient-balance.json'))).toBeInstanceOf(InsufficientFundsError);
  });

  it('"not modified" is success on the idempotent setter, an error anywhere else', () => {
    const body = fixture<Record<string, unknown>>('error-110043-leverage-not-modified.json');
    const ok = decode(body, ctx('/v5/position/set-leverage'));
    expect(ok).toEqual({ data: { ...body, result: {}, time: 1706237201153 } });
    expect(errorOf(body, '/v5/order/amend')).toBeInstanceOf(InvalidArgumentError);
    for (const [code, path] of [[110025, '/v5/position/switch-mode'], [110026, '/v5/position/switch-isolated'], [34040, '/v5/position/trading-stop']] as const) {
      expect('data' in decode(env(code), ctx(path))).toBe(true);
    }
  });

  it('10006 carries the reset time from X-Bapi-Limit-Reset-Timestamp, measured on the venue clock', () => {
    const e = errorOf(env(10006, 'Too many visits!'), ORDER, { 'x-bapi-limit-reset-timestamp': '1700000000750' });
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.retryAfterMs).toBe(750);
    expect(e.details?.['resetAt']).toBe(1700000000750);
    expect(errorOf(env(10006), ORDER).retryAfterMs).toBeUndefined();
  });

  it('an unmapped code is UnexpectedResponse carrying code and message', () => {
    const e = errorOf(env(123456, 'something new'));
    expect(e).toBeInstanceOf(UnexpectedResponseError);
    expect(e.code).toBe(123456);
    expect(e.message).toContain('something new');
  });

  it('success passes the whole envelope on; old null result/retExtInfo error bodies parse too', () => {
    const ok = env(0, 'OK', { result: { list: [] } });
    expect(decode(ok, ctx(OTHER))).toEqual({ data: ok });
    expect(errorOf({ retCode: 10004, retMsg: 'error sign!', result: null, retExtInfo: null, time: 1 })).toBeInstanceOf(AuthenticationError);
  });

  it('a body that is not a V5 envelope is UnexpectedResponse with the offending path', () => {
    const e = errorOf({ retCode: '0', retMsg: 'OK' }) as UnexpectedResponseError;
    expect(e).toBeInstanceOf(UnexpectedResponseError);
    expect(e.path).toBe('retCode');
  });

  it('every mapped code is in the table once and classifies', () => {
    for (const code of Object.keys(RET_CODES).map(Number)) expect(classifyRetCode(code, ORDER), String(code)).toBeDefined();
    expect(classifyRetCode(999_999, ORDER)).toBeUndefined();
  });

  it('WS order entry: its own codes first (10003 = too many sessions), REST codes otherwise', () => {
    expect(classifyRetCode(10003, 'order.create', WS_TRADE_CODES)?.kind).toBe('rateLimit');
    expect(classifyRetCode(10404, 'order.create', WS_TRADE_CODES)?.kind).toBe('notSupported');
    expect(classifyRetCode(110007, 'order.create', WS_TRADE_CODES)?.kind).toBe('insufficientFunds');
    expect(classifyRetCode(20006, 'order.create', WS_TRADE_CODES)?.kind).toBe('invalidOrder');
    const e = retCodeError('bybit', { retCode: 10404, retMsg: 'op not found' }, { path: 'order.create', table: WS_TRADE_CODES }, () => 0);
    expect(e).toBeInstanceOf(NotSupportedError);
  });
});

describe('HTTP statuses and limits (§3)', () => {
  const status = (s: number) => classifyBybitStatus({ exchange: 'bybit', method: 'GET', path: '/v5/market/tickers', status: s, headers: {}, text: '' });

  it('403 is the IP ban: RateLimit, retry after 10 minutes, pausing the ip bucket', () => {
    const e = status(403) as RateLimitError;
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.retryAfterMs).toBe(IP_BAN_MS);
    expect(pauseBucketsFor(e, privateCost('order/create', 'linear'))).toEqual(['ip']);
  });

  it('401 / 400 / 404 are typed; 5xx and others fall to core', () => {
    expect(status(401)).toBeInstanceOf(AuthenticationError);
    expect(status(400)).toBeInstanceOf(InvalidArgumentError);
    expect(status(404)).toBeInstanceOf(InvalidArgumentError);
    expect(status(502)).toBeUndefined();
  });

  it('an endpoint limit pauses that endpoint, not the IP bucket', () => {
    const e = errorOf(env(10006));
    expect(pauseBucketsFor(e as RateLimitError, privateCost('order/create', 'spot'))).toEqual(['uid:order/create:spot']);
  });

  it('buckets follow the UTA table (per category for orders, shared for reads) plus 600/5 s per IP', () => {
    const b = bybitBuckets();
    expect(b['ip']).toEqual({ limit: 600, windowMs: 5000, maxQueue: IP_MAX_QUEUE });
    expect(b['uid:order/create:linear']).toEqual({ limit: 10, windowMs: 1000 });
    expect(b['uid:order/create:spot']).toEqual({ limit: 20, windowMs: 1000 });
    expect(b['uid:order/cancel:spot']).toEqual({ limit: 20, windowMs: 1000 });
    expect(b['uid:order/realtime']).toEqual({ limit: 50, windowMs: 1000 });
    expect(b['uid:position/set-leverage']).toEqual({ limit: 10, windowMs: 1000 });
  });

  it('X-Bapi-Limit* headers become an update of the request’s endpoint bucket', () => {
    const cost = privateCost('order/create', 'linear');
    const headers = { 'x-bapi-limit': '10', 'x-bapi-limit-status': '9', 'x-bapi-limit-reset-timestamp': '1672738134824' };
    expect(readRateLimitHeaders(headers, { ...ctx(ORDER, headers), cost })).toEqual({ bucket: 'uid:order/create:linear', limit: 10, remaining: 9, resetAt: 1672738134824 });
    expect(readRateLimitHeaders({}, { ...ctx(ORDER), cost })).toBeUndefined();
    expect(readRateLimitHeaders(headers, { ...ctx(ORDER, headers), cost: { ip: 1 } })).toBeUndefined();
  });
});
