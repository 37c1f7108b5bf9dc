import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ERROR_CLASSES,
  ExchangeError,
  RateLimitError,
  Redactor,
  Secret,
  createError,
  credentialsFromEnv,
  resolveCredentials,
} from '../../src/index.js';

const SECRET = 'sk_live_4f9a8b7c6d5e4f3a2b1c';

describe('error taxonomy', () => {
  it('every class is an ExchangeError with its own name', () => {
    for (const Cls of ERROR_CLASSES) {
      const err = new Cls('boom', { exchange: 'x', code: 42 });
      expect(err).toBeInstanceOf(ExchangeError);
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe(Cls.name);
      expect(err.code).toBe(42);
    }
  });

  it('retryable defaults follow the kind; retry-after is carried', () => {
    const rl = createError('rateLimit', 'slow down', { exchange: 'x', retryAfterMs: 1500 });
    expect(rl).toBeInstanceOf(RateLimitError);
    expect(rl.retryable).toBe(true);
    expect(rl.retryAfterMs).toBe(1500);
    expect(createError('invalidOrder', 'bad', { exchange: 'x' }).retryable).toBe(false);
  });

  it('withMethod names the failing method once', () => {
    const e = new AuthenticationError('no', { exchange: 'x' }).withMethod('fetchBalances').withMethod('other');
    expect(e.method).toBe('fetchBalances');
    expect(e.toJSON().method).toBe('fetchBalances');
  });

  it('toJSON scrubs sensitive fields in details', () => {
    const e = new AuthenticationError('denied', { exchange: 'x', details: { apiSecret: SECRET, path: '/v5/x', headers: { 'x-api-sign': 'abcdef123' } } });
    const json = JSON.stringify(e);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('abcdef123');
    expect(json).toContain('/v5/x');
  });
});

describe('Redactor', () => {
  it('scrubs registered secrets in text and nested values', () => {
    const r = new Redactor().add(SECRET, 'abc');
    expect(r.scrub(`sign=${SECRET}&x=1`)).toBe('sign=[REDACTED]&x=1');
    expect(r.scrub('abc is short and not registered')).toContain('abc');
    expect(JSON.stringify(r.scrubValue({ a: { b: [`k:${SECRET}`] }, password: 'hunter22' }))).not.toMatch(new RegExp(`${SECRET}|hunter22`));
  });
});

describe('credentials', () => {
  it('wraps secrets so they never print', async () => {
    const creds = await resolveCredentials({ apiKey: 'key-123456', apiSecret: SECRET }, 'x');
    expect(creds.apiSecret.reveal()).toBe(SECRET);
    for (const shown of [String(creds.apiSecret), JSON.stringify(creds), inspect(creds, { depth: 5 }), `${creds.apiSecret}`]) {
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain('key-123456');
    }
    expect(new Secret('x').toJSON()).toBe('[REDACTED]');
  });

  it('accepts an async provider (a secrets manager)', async () => {
    const creds = await resolveCredentials(async () => ({ apiKey: 'k-abcdef', apiSecret: 's-abcdef' }), 'x');
    expect(creds.apiKey.reveal()).toBe('k-abcdef');
  });

  it('reads only the named environment variables, and only when asked', async () => {
    const env = { MY_KEY: 'k-abcdef', MY_SECRET: 's-abcdef' };
    const provider = credentialsFromEnv({ apiKey: 'MY_KEY', apiSecret: 'MY_SECRET' }, env);
    expect((await resolveCredentials(provider, 'x')).apiSecret.reveal()).toBe('s-abcdef');
    const missing = credentialsFromEnv({ apiKey: 'NOPE_KEY', apiSecret: 'NOPE_SECRET' }, {});
    await expect(resolveCredentials(missing, 'x')).rejects.toThrow(/NOPE_KEY, NOPE_SECRET/);
  });

  it('names an empty field without echoing any value', async () => {
    const err = await resolveCredentials({ apiKey: '', apiSecret: SECRET }, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(String(err)).toContain('apiKey');
    expect(String(err)).not.toContain(SECRET);
  });
});
