/**
 * Declaring more capabilities turns their SKIP-cap cases into real runs: with everything the fake
 * can do switched on (FOK, amend, conditional orders, candle/position/balance streams) those cases
 * run and pass, and the missing list shrinks to what is really absent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../src/testing/index.js';
import { FAKE_FULL_CAPABILITIES } from './fake-venue/exchange.js';
import { createFakeTarget } from './fake-venue/target.js';

describe('fake venue with every capability it supports declared', () => {
  const fake = createFakeTarget({ capabilities: FAKE_FULL_CAPABILITIES });
  afterAll(() => fake.dispose());

  it('runs and passes the cases those capabilities switch on', async () => {
    const only = ['MD-10', 'ST-01', 'OR-09', 'OR-12', 'OR-13', 'OR-14', 'OR-16', 'OR-17', 'OR-19', 'AC-06', 'FT-09', 'ER-10'];
    const r = await runConformance(fake.target, { only, reporter: false });
    expect(r.cases.map((c) => `${c.status} ${c.id}${c.status === 'PASS' ? '' : `: ${c.reason ?? ''}`}`)).toEqual(
      ['MD-10', 'ST-01', 'OR-09', 'OR-12', 'OR-13', 'OR-14', 'OR-16', 'OR-17', 'OR-19', 'AC-06', 'ER-10', 'FT-09'].map((id) => `PASS CK-${id}`),
    );
    expect(r.cases.find((c) => c.id === 'CK-ST-01')?.reason).toBe('streams: ticker, orderBook, trades, candles, orders, fills, positions, balances');
    expect(r.missing.map((m) => m.capability)).toEqual(['fetchFundingRate']);
  }, 30_000);
});
