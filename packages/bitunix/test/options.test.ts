import { InvalidArgumentError, MemoryCandleCache } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { BITUNIX_MAINNET } from '../src/environments.js';
import { createBitunix } from '../src/index.js';
import { parseOptions } from '../src/options.js';

describe('options', () => {
  it('defaults: mainnet, reject off-grid, 20 s pings, batches of 5', () => {
    const o = parseOptions(undefined);
    expect(o.urls).toEqual(BITUNIX_MAINNET);
    expect(o.urls.rest).toBe('https://fapi.bitunix.com');
    expect(o.urls.publicWs).toBe('wss://fapi.bitunix.com/public/');
    expect(o.urls.privateWs).toBe('wss://fapi.bitunix.com/private/');
    expect(o.gridPolicy).toBe('reject');
    expect(o.heartbeatIntervalMs).toBe(20_000);
    expect(o.batchOrderMax).toBe(5);
    expect(o.language).toBe('en-US');
    expect(o.clockSync).toBe(true);
  });

  it('accepts a custom URL set, a credentials function, a cache', () => {
    const o = parseOptions({
      environment: { rest: 'http://127.0.0.1:1234', publicWs: 'ws://127.0.0.1:1234/public/', privateWs: 'ws://127.0.0.1:1234/private/' },
      credentials: () => ({ apiKey: 'k', apiSecret: 's' }),
      candleCache: new MemoryCandleCache(),
      gridPolicy: 'round',
    });
    expect(o.urls.rest).toBe('http://127.0.0.1:1234');
    expect(o.gridPolicy).toBe('round');
  });

  const bad: Array<[string, unknown, string]> = [
    ['an unknown environment name', { environment: 'testnet' }, 'environment'],
    ['a REST URL that is not http', { environment: { rest: 'ftp://x', publicWs: 'ws://x/', privateWs: 'ws://x/' } }, 'environment.rest'],
    ['a WS URL that is not ws', { environment: { rest: 'http://x', publicWs: 'http://x/', privateWs: 'ws://x/' } }, 'environment.publicWs'],
    ['empty credentials', { credentials: { apiKey: '', apiSecret: 'x' } }, 'credentials'],
    ['a bad grid policy', { gridPolicy: 'nearest' }, 'gridPolicy'],
    ['a heartbeat beyond the idle cut', { heartbeatIntervalMs: 70_000 }, 'heartbeatIntervalMs'],
    ['a batch above 20', { batchOrderMax: 21 }, 'batchOrderMax'],
    ['an unknown option', { testnet: true }, 'testnet'],
    ['a logger without methods', { logger: {} }, 'logger'],
  ];
  it.each(bad)('refuses %s, naming the field', (_what, options, field) => {
    let caught: unknown;
    try {
      createBitunix(options as never);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as Error).message).toContain(field);
  });

  it('never echoes a credential in the error', () => {
    try {
      parseOptions({ credentials: { apiKey: 'AKIA-visible-key', apiSecret: '' } });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('AKIA-visible-key');
    }
  });
});
