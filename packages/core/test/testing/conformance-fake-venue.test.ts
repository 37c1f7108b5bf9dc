/**
 * The whole kit against the in-test fake venue: every case runs (or is skipped for the stated
 * reason), the honest adapter passes everything it can run, and the report says what is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CASES, runConformance, textReporter, type ConformanceResult } from '../../src/testing/index.js';
import { createFakeTarget, type FakeTarget } from './fake-venue/target.js';

describe('conformance kit on the fake venue (simulator)', () => {
  let fake: FakeTarget;
  let result: ConformanceResult;
  let output = '';

  beforeAll(async () => {
    fake = createFakeTarget();
    result = await runConformance(fake.target, { reporter: textReporter({ write: (s) => (output += s) }) });
  }, 90_000);
  afterAll(() => fake.dispose());

  it('runs all 90 cases, each once, in catalogue order', () => {
    expect(ALL_CASES).toHaveLength(90);
    expect(result.cases.map((c) => c.id)).toEqual(ALL_CASES.map((c) => c.id));
    expect(result.summary.total).toBe(90);
  });

  it('passes every case the fake can run: no FAIL, no ERROR', () => {
    const bad = result.cases.filter((c) => c.status === 'FAIL' || c.status === 'ERROR');
    expect(bad.map((c) => `${c.status} ${c.id}: ${c.reason ?? ''}`)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.summary.PASS).toBe(81);
  });

  it('skips exactly the cases of the capabilities declared false (SKIP-cap)', () => {
    const skipped = result.cases.filter((c) => c.status === 'SKIP-cap');
    expect(skipped.map((c) => c.id).sort()).toEqual(['CK-AC-06', 'CK-MD-10', 'CK-OR-09', 'CK-OR-12', 'CK-OR-13', 'CK-OR-14', 'CK-OR-16', 'CK-OR-17']);
    expect(skipped.find((c) => c.id === 'CK-OR-16')?.reason).toBe('capability amendOrder');
  });

  it('reports SKIP-env for a fault the simulator cannot inject', () => {
    const ft02 = result.cases.find((c) => c.id === 'CK-FT-02');
    expect(ft02).toMatchObject({ status: 'SKIP-env', reason: 'simulator cannot inject enforceRateLimits' });
  });

  it('lists the capabilities declared false with the cases they switch off', () => {
    const byCap = Object.fromEntries(result.missing.map((m) => [m.capability, m]));
    expect(byCap.conditionalOrders?.cases).toEqual(['CK-OR-12', 'CK-OR-13', 'CK-OR-14']);
    expect(byCap.amendOrder?.cases).toEqual(['CK-OR-16', 'CK-OR-17']);
    expect(byCap.streamCandles).toMatchObject({ cases: ['CK-MD-10'], partly: ['CK-ST-01'] });
    expect(byCap.fetchFundingRate?.cases).toEqual([]);
    expect(byCap.streamTicker).toBeUndefined();
  });

  it('prints one line per case, a per-area summary and the missing list', () => {
    const lines = output.split('\n');
    expect(lines.filter((l) => /^(PASS|FAIL|SKIP-cap|SKIP-env|ERROR) CK-[A-Z]{2}-\d{2} /.test(l))).toHaveLength(90);
    expect(output).toMatch(/^PASS CK-SY-01 loadMarkets/m);
    expect(output).toMatch(/^SKIP-cap CK-OR-12 .*\(capability conditionalOrders\)$/m);
    expect(output).toMatch(/^ {2}OR orders +21: 15 PASS, 0 FAIL, 6 SKIP-cap, 0 SKIP-env, 0 ERROR$/m);
    expect(output).toMatch(/^missing \(capabilities declared false and the cases they switch off\):$/m);
    expect(output).toMatch(/^ {2}amendOrder: CK-OR-16, CK-OR-17$/m);
  });

  it('keeps every case short (bounded waits, small T for the fake)', () => {
    expect(result.durationMs).toBeLessThan(30_000);
    expect(Math.max(...result.cases.map((c) => c.durationMs))).toBeLessThan(5_000);
  });
});
