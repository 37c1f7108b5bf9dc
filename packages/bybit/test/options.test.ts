import { InvalidArgumentError, MemoryCandleCache } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { resolveOptions, type BybitOptions } from '../src/options.js';
import { createBybit } from '../src/index.js';

function fieldOf(input: unknown): string {
  try {
    resolveOptions(input as BybitOptions);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return String((err as InvalidArgumentError).details?.['field']);
  }
  throw new Error('expected the options to be refused');
}

describe('options', () => {
  it('defaults: mainnet, linear, 5 s receive window, reject off-grid, time sync on', () => {
    const o = resolveOptions();
    expect(o.environment).toBe('mainnet');
    expect(o.categories).toEqual(['linear']);
    expect(o.recvWindow).toBe(5000);
    expect(o.gridPolicy).toBe('reject');
    expect(o.timeSync).toBe(true);
    expect(o.orderEntry).toBe('rest');
    expect(o.reconcileIntervalMs).toBe(60_000);
    expect(o.reconnectBudgetMs).toBe(60_000);
    expect(o.urls).toEqual({
      rest: 'https://api.bybit.com',
      publicRest: 'https://api.bybit.com',
      publicWs: { linear: 'wss://stream.bybit.com/v5/public/linear', spot: 'wss://stream.bybit.com/v5/public/spot' },
      privateWs: 'wss://stream.bybit.com/v5/private',
      tradeWs: 'wss://stream.bybit.com/v5/trade',
    });
  });

  it('testnet hosts (§1)', () => {
    const u = resolveOptions({ environment: 'testnet' }).urls;
    expect(u.rest).toBe('https://api-testnet.bybit.com');
    expect(u.publicWs.spot).toBe('wss://stream-testnet.bybit.com/v5/public/spot');
    expect(u.privateWs).toBe('wss://stream-testnet.bybit.com/v5/private');
    expect(u.tradeWs).toBe('wss://stream-testnet.bybit.com/v5/trade');
  });

  it('demo: private on the demo hosts, public data from mainnet, no WS order entry (§1)', () => {
    const u = resolveOptions({ environment: 'demo' }).urls;
    expect(u.rest).toBe('https://api-demo.bybit.com');
    expect(u.privateWs).toBe('wss://stream-demo.bybit.com/v5/private');
    expect(u.publicRest).toBe('https://api.bybit.com');
    expect(u.publicWs.linear).toBe('wss://stream.bybit.com/v5/public/linear');
    expect(u.tradeWs).toBeUndefined();
  });

  it('regional mainnet hosts, with the stream host where DOCS name one', () => {
    expect(resolveOptions({ region: 'tr' }).urls.privateWs).toBe('wss://stream.bybit.tr/v5/private');
    expect(resolveOptions({ region: 'tr' }).urls.rest).toBe('https://api.bybit.tr');
    expect(resolveOptions({ region: 'eu' }).urls.rest).toBe('https://api.bybit.eu');
    expect(resolveOptions({ region: 'eu' }).urls.publicWs.spot).toBe('wss://stream.bybit.com/v5/public/spot');
    expect(resolveOptions({ region: 'jp' }).urls.rest).toBe('https://api.manepa.jp');
  });

  it('custom needs the full URL set; publicRest defaults to rest', () => {
    const urls = { rest: 'http://127.0.0.1:1', publicWs: { linear: 'ws://127.0.0.1:2/l', spot: 'ws://127.0.0.1:2/s' }, privateWs: 'ws://127.0.0.1:2/p' };
    const o = resolveOptions({ environment: 'custom', urls });
    expect(o.urls).toEqual({ ...urls, publicRest: 'http://127.0.0.1:1' });
  });

  it('category: one, several (deduplicated), never inverse', () => {
    expect(resolveOptions({ category: 'spot' }).categories).toEqual(['spot']);
    expect(resolveOptions({ category: ['linear', 'spot', 'linear'] }).categories).toEqual(['linear', 'spot']);
  });

  it('keeps a candle cache, logger and clock it is given', () => {
    const cache = new MemoryCandleCache();
    const clock = { now: () => 1 };
    const o = resolveOptions({ candleCache: cache, clock, timeSync: false });
    expect(o.candleCache).toBe(cache);
    expect(o.clock).toBe(clock);
    expect(o.timeSync).toBe(false);
  });

  it.each([
    [{ environment: 'prod' }, 'environment'],
    [{ environment: 'custom' }, 'urls'],
    [{ urls: { rest: 'http://x' } }, 'urls.publicWs'],
    [{ environment: 'testnet', region: 'nl' }, 'region'],
    [{ environment: 'custom', urls: { rest: 'ftp://x', publicWs: { linear: 'ws://a', spot: 'ws://b' }, privateWs: 'ws://c' } }, 'urls.rest'],
    [{ environment: 'custom', urls: { rest: 'http://x', publicWs: { linear: 'http://a', spot: 'ws://b' }, privateWs: 'ws://c' } }, 'urls.publicWs.linear'],
    [{ recvWindow: 0 }, 'recvWindow'],
    [{ recvWindow: 1.5 }, 'recvWindow'],
    [{ category: 'inverse' }, 'category'],
    [{ category: [] }, 'category'],
    [{ credentials: 'key:secret' }, 'credentials'],
    [{ logger: console.log }, 'logger'],
    [{ clock: Date }, 'clock'],
    [{ gridPolicy: 'nearest' }, 'gridPolicy'],
    [{ candleCache: {} }, 'candleCache'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ orderEntry: 'fix' }, 'orderEntry'],
    [{ reconcileIntervalMs: -1 }, 'reconcileIntervalMs'],
    [{ reconnectBudgetMs: -1 }, 'reconnectBudgetMs'],
    [{ apiKey: 'x' }, '(options)'],
  ])('refuses %j naming %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('says why inverse is not served', () => {
    expect(() => resolveOptions({ category: 'inverse' as never })).toThrow(/quote-denominated contracts/);
  });

  it('createBybit validates before creating anything and names the adapter', async () => {
    expect(() => createBybit({ recvWindow: -5 })).toThrow(InvalidArgumentError);
    const ex = createBybit({ category: ['linear', 'spot'] });
    expect(ex.id).toBe('bybit');
    expect(ex.timeframes).toHaveLength(13);
    expect(ex.capabilities.positions).toBe(true);
    await ex.close();
    const spot = createBybit({ category: 'spot' });
    expect(spot.capabilities.positions).toBe(false);
    expect(spot.capabilities.setLeverage).toBe(false);
    expect(spot.capabilities.reduceOnly).toBe(false);
    expect(spot.capabilities.streamPositions).toBe(false);
    await spot.close();
  });
});
