import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS, SimRejection, SimVenue, SNAPSHOT_VERSION, type SimEvent } from '../src/index.js';
import { PERP, seed, testVenue } from './helpers.js';

const instruments = DEFAULT_INSTRUMENTS.filter((d) => d.nativeId === 'BTCUSDT');

/** A venue with a bit of everything: resting, partial, conditional and closed orders, positions, funding, a fault. */
function busyVenue(): SimVenue {
  const v = new SimVenue({ virtual: true, seed: 'snap', instruments, rate: 0.2 });
  const a = v.defaultAccountId;
  const b = v.createApiKey({ permissions: ['read', 'trade'], freshAccount: true, wallet: { USDT: '5000' } }).accountId;
  const perp = 'BTC/USDT:USDT';
  v.advanceClock(90_000);
  const last = v.ticker(perp).last;
  v.placeOrder(a, { symbol: perp, side: 'buy', type: 'limit', size: '0.010', price: last.minus(50).toFixed(1), clientOrderId: 'rest' });
  v.placeOrder(a, { symbol: perp, side: 'buy', type: 'market', size: '0.020' });
  v.placeOrder(a, { symbol: perp, side: 'sell', type: 'market', size: '0.005', trigger: { price: last.minus(500).toFixed(1), reference: 'mark' } });
  v.setMarginMode(b, perp, 'isolated');
  v.placeOrder(b, { symbol: perp, side: 'sell', type: 'market', size: '0.030' });
  v.placeOrder(a, { symbol: 'BTC/USDT', side: 'sell', type: 'limit', size: '0.100000', price: last.plus(100).toFixed(1) });
  v.setLeverage(a, perp, '20');
  v.fault({ kind: 'rateLimitWindow', durationMs: 60_000 });
  v.advanceClock(8 * 3_600_000 + 5_000); // crosses a funding settlement
  return v;
}

describe('snapshots', () => {
  it('snapshot → JSON → restore → identical state, and both go on identically', () => {
    const v = busyVenue();
    const snap = v.snapshot();
    expect(snap.version).toBe(SNAPSHOT_VERSION);
    const restored = SimVenue.restore(JSON.parse(JSON.stringify(snap)), { virtual: true });
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(snap));
    expect(restored.positions(v.defaultAccountId)).toEqual(v.positions(v.defaultAccountId));
    expect(restored.balances(v.defaultAccountId)).toEqual(v.balances(v.defaultAccountId));
    expect(restored.book('BTC/USDT:USDT', 20)).toEqual(v.book('BTC/USDT:USDT', 20));
    expect(restored.candles('BTC/USDT:USDT', '1m', { limit: 30 })).toEqual(v.candles('BTC/USDT:USDT', '1m', { limit: 30 }));
    expect(restored.defaultApiKey).toEqual(v.defaultApiKey);
    expect(restored.faults.isRateLimited()).toBe(v.faults.isRateLimited());

    const logs = [v, restored].map((venue) => {
      const lines: string[] = [];
      venue.subscribe((e: SimEvent) => lines.push(JSON.stringify(e)));
      const a = venue.defaultAccountId;
      venue.placeOrder(a, { symbol: 'BTC/USDT:USDT', side: 'sell', type: 'market', size: '0.010' });
      venue.advanceClock(600_000);
      return lines.join('\n');
    });
    expect(logs[0]!.length).toBeGreaterThan(10_000);
    expect(logs[0] === logs[1]).toBe(true);
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(v.snapshot()));
  });

  it('keeps the account across a restart on real time (savedAt ahead of the clock is kept)', () => {
    const v = testVenue();
    seed(v, PERP, [['99.0', '5']], [['101.0', '5']]);
    v.placeOrder(v.defaultAccountId, { symbol: PERP, side: 'buy', type: 'market', size: '1' });
    const restored = SimVenue.restore(v.snapshot());
    try {
      expect(restored.positions(restored.defaultAccountId)[0]!.size.toFixed()).toBe('1');
      expect(restored.now()).toBeGreaterThanOrEqual(Date.now() - 1000);
      // A reset returns to the snapshot's markets, empty.
      restored.reset();
      expect(restored.instruments().map((i) => i.symbol)).toEqual(v.instruments().map((i) => i.symbol));
      expect(restored.positions(restored.defaultAccountId)).toEqual([]);
    } finally {
      restored.close();
    }
  });

  it('refuses another version and invalid content, naming the path', () => {
    const snap = testVenue().snapshot();
    expect(() => SimVenue.restore({ ...snap, version: 2 })).toThrow(/unsupported snapshot version 2/);
    const broken = JSON.parse(JSON.stringify(snap)) as { accounts: Array<{ positions: unknown; orders: Array<{ sizeLots: string }> }> };
    broken.accounts[0]!.positions = 'nope';
    let error: unknown;
    try {
      SimVenue.restore(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimRejection);
    expect((error as Error).message).toMatch(/accounts\.0\.positions/);
    expect(() => SimVenue.restore({ format: 'other' })).toThrow(SimRejection);
  });
});
