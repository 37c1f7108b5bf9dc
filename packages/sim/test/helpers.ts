import { Decimal } from '@exkit/core';
import { expect } from 'vitest';
import { SimVenue, type InstrumentDefinition, type SimEvent, type SimVenueOptions } from '../src/index.js';

/** A perpetual with round numbers, so figures can be checked by hand. */
export const PERP_DEF: InstrumentDefinition = {
  nativeId: 'TESTUSDT',
  type: 'swap',
  base: 'TEST',
  quote: 'USDT',
  tickSize: '0.1',
  stepSize: '0.1',
  minSize: '0.1',
  maxSize: '10000',
  minNotional: '5',
  maxLeverage: '50',
  defaultLeverage: '10',
  makerFee: '0.0002',
  takerFee: '0.0006',
  maintenanceMarginRate: '0.005',
  initialPrice: '100.0',
  depth: 10,
  levelGapTicks: 1,
  halfSpreadTicks: 1,
  levelNotional: '500',
};

export const SPOT_DEF: InstrumentDefinition = {
  nativeId: 'TESTUSDT',
  type: 'spot',
  base: 'TEST',
  quote: 'USDT',
  tickSize: '0.01',
  stepSize: '0.01',
  minSize: '0.01',
  minNotional: '1',
  makerFee: '0.001',
  takerFee: '0.001',
  initialPrice: '100.00',
  depth: 10,
  levelGapTicks: 10,
  halfSpreadTicks: 10,
  levelNotional: '500',
};

export const PERP = 'TEST/USDT:USDT';
export const SPOT = 'TEST/USDT';

/** A frozen virtual venue with the test markets and a 10 000 USDT + 100 TEST wallet. */
export function testVenue(options: SimVenueOptions = {}): SimVenue {
  return new SimVenue({ virtual: true, seed: 1, frozen: true, instruments: [PERP_DEF, SPOT_DEF], wallet: { USDT: '10000', TEST: '100' }, ...options });
}

/** Replaces venue liquidity on a market: bids/asks as [price, size]. */
export function seed(v: SimVenue, symbol: string, bids: Array<[string, string]>, asks: Array<[string, string]>): void {
  v.seedBook(symbol, { bids, asks });
}

export function d(value: string | number): Decimal {
  return new Decimal(value);
}

/** Exact Decimal equality with a readable failure. */
export function expectDec(actual: Decimal | undefined, expected: string): void {
  expect(actual?.toFixed(), `expected ${expected}`).toBe(new Decimal(expected).toFixed());
}

/** Collects every event the venue publishes. */
export function record(v: SimVenue): SimEvent[] {
  const events: SimEvent[] = [];
  v.subscribe((e) => events.push(e));
  return events;
}

/** Σ of every ledger holder per coin is zero, and account wallets equal their balance totals. */
export function expectConserved(v: SimVenue): void {
  for (const [coin, holders] of Object.entries(v.ledger())) {
    const sum = Object.values(holders).reduce((a, x) => a.plus(x), new Decimal(0));
    expect(sum.toFixed(), `ledger of ${coin} sums to zero`).toBe('0');
  }
}
