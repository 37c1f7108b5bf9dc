import { Decimal, ONE, type Market } from '@exkit/core';

/** A linear perpetual market for mapper tests (contract size 1: linear qty is base coin). */
export function linearMarket(id: string, base: string, settle = 'USDT', over: Partial<Market> = {}): Market {
  return {
    symbol: `${base}/${settle}:${settle}`,
    id,
    type: 'swap',
    base,
    quote: settle,
    settle,
    active: true,
    contractSize: ONE,
    tickSize: new Decimal('0.01'),
    stepSize: new Decimal('0.001'),
    minAmount: new Decimal('0.001'),
    maxLeverage: new Decimal('100'),
    ...over,
  };
}

export function spotMarket(id: string, base: string, quote = 'USDT', over: Partial<Market> = {}): Market {
  return {
    symbol: `${base}/${quote}`,
    id,
    type: 'spot',
    base,
    quote,
    active: true,
    contractSize: ONE,
    tickSize: new Decimal('0.01'),
    stepSize: new Decimal('0.000001'),
    minAmount: new Decimal('0.000011'),
    ...over,
  };
}

/** `Decimal` fields as plain strings, for readable `toEqual` tables. */
export function plain(value: unknown): unknown {
  if (value instanceof Decimal) return value.toFixed();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
