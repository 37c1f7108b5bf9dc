/**
 * A live target (no simulator control): every `sim` and `F:` case reports SKIP-env per its Env
 * column, order cases wait for the trading opt-in, and the `any` cases run for real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CASES, runConformance, type ConformanceResult } from '../../src/testing/index.js';
import { createFakeTarget, type FakeTarget } from './fake-venue/target.js';

describe('conformance kit on a live target', () => {
  let fake: FakeTarget;
  let readOnly: ConformanceResult;
  let trading: ConformanceResult;

  beforeAll(async () => {
    fake = createFakeTarget({ env: 'live', name: 'fake venue (live)' });
    // A live venue has its own market activity.
    await fake.venue.reset();
    readOnly = await runConformance(fake.target, { reporter: false });
    trading = await runConformance(fake.target, { reporter: false, trading: true, only: ['OR', 'ER-03', 'ER-04', 'ER-05'] });
  }, 60_000);
  afterAll(() => fake.dispose());

  it('reports SKIP-env for every sim and F: case, with the Env column as the reason', () => {
    for (const def of ALL_CASES.filter((d) => d.env !== 'any')) {
      const r = readOnly.cases.find((c) => c.id === def.id)!;
      if (r.status === 'SKIP-cap') continue;
      const reason = 'faults' in (def.env as object) ? `needs fault injection: ${(def.env as { label: string }).label}` : 'needs the simulator';
      expect(r, def.id).toMatchObject({ status: 'SKIP-env', reason });
    }
  });

  it('skips order cases without the trading opt-in', () => {
    for (const id of ['CK-OR-01', 'CK-OR-18', 'CK-OR-20', 'CK-ER-03']) {
      expect(readOnly.cases.find((c) => c.id === id)).toMatchObject({ status: 'SKIP-env', reason: 'live trading not enabled' });
    }
  });

  it('runs and passes the read-only `any` cases', () => {
    const ran = readOnly.cases.filter((c) => c.status !== 'SKIP-cap' && c.status !== 'SKIP-env');
    expect(ran.map((c) => `${c.status} ${c.id} ${c.reason ?? ''}`).filter((l) => !l.startsWith('PASS'))).toEqual([]);
    expect(ran.map((c) => c.id)).toEqual(expect.arrayContaining(['CK-SY-01', 'CK-MD-01', 'CK-BK-02', 'CK-ST-01', 'CK-AC-01', 'CK-ER-01', 'CK-ER-10']));
  });

  it('with trading enabled, runs the passive order cases at the minimum size', () => {
    const ran = trading.cases.filter((c) => c.status !== 'SKIP-cap' && c.status !== 'SKIP-env');
    expect(ran.map((c) => `${c.status} ${c.id} ${c.reason ?? ''}`).filter((l) => !l.startsWith('PASS'))).toEqual([]);
    expect(ran.map((c) => c.id)).toEqual(['CK-OR-01', 'CK-OR-07', 'CK-OR-10', 'CK-OR-15', 'CK-OR-18', 'CK-OR-19', 'CK-OR-20', 'CK-ER-03', 'CK-ER-04', 'CK-ER-05']);
    expect(trading.cases.find((c) => c.id === 'CK-OR-18')?.reason).toBe('partially filled order not exercised live');
  });

  it('leaves no kit order open after a live run', async () => {
    const open = [...fake.venue.server.engine.account('main').orders.values()].filter((o) => o.status === 'open');
    expect(open).toEqual([]);
  });
});
