import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS, SimVenue, type SimEvent } from '../src/index.js';

// Two markets keep the test quick; each market has its own random stream, so the others add nothing new.
const instruments = DEFAULT_INSTRUMENTS.filter((d) => (d.nativeId === 'BTCUSDT' && d.type === 'swap') || (d.nativeId === 'ETHUSDT' && d.type === 'spot'));

/** Runs a venue for `seconds` of virtual time with a scripted trader on top of the background flow. */
function runLog(seed: string, seconds: number): { log: string; events: number; venue: SimVenue } {
  const v = new SimVenue({ virtual: true, seed, instruments });
  const lines: string[] = [];
  v.subscribe((e: SimEvent) => lines.push(JSON.stringify(e)));
  const a = v.defaultAccountId;
  const symbol = 'BTC/USDT:USDT';
  for (let t = 0; t < seconds; t += 60) {
    const mid = v.ticker(symbol).last;
    const price = mid.times(t % 120 === 0 ? '0.999' : '1.001').toDecimalPlaces(1).toFixed(1);
    try {
      v.placeOrder(a, { symbol, side: t % 120 === 0 ? 'buy' : 'sell', type: 'limit', size: '0.010', price });
      if (t % 600 === 0) v.placeOrder(a, { symbol: 'ETH/USDT', side: 'buy', type: 'market', size: '0.01000' });
      if (t % 900 === 0) v.cancelAllOrders(a, { symbol });
    } catch {
      // Refusals are part of the log too (nothing to do here).
    }
    v.advanceClock(60_000);
  }
  return { log: lines.join('\n'), events: lines.length, venue: v };
}

describe('determinism', () => {
  it('the same seed gives a byte-identical event log over 3 600 simulated seconds of background activity', () => {
    const a = runLog('determinism', 3600);
    const b = runLog('determinism', 3600);
    expect(a.events).toBeGreaterThan(40_000);
    expect(a.log.length).toBe(b.log.length);
    expect(a.log === b.log).toBe(true);
    expect(JSON.stringify(a.venue.snapshot())).toBe(JSON.stringify(b.venue.snapshot()));
    // The flow really touched the account: fills came from background takers hitting its quotes.
    expect(a.venue.fills(a.venue.defaultAccountId).length).toBeGreaterThan(5);
  }, 120_000);

  it('another seed gives another market', () => {
    const a = runLog('one', 120);
    const b = runLog('two', 120);
    expect(a.log === b.log).toBe(false);
    expect(a.venue.defaultApiKey.apiKey).not.toBe(b.venue.defaultApiKey.apiKey);
  });
});
