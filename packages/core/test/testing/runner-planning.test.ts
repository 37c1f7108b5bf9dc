/**
 * Planning and selection: the catalogue matches the spec's counts, Req and Env decide SKIP-cap and
 * SKIP-env the way the spec says, filters select by id, area or prefix.
 */
import { describe, expect, it } from 'vitest';
import { NO_CAPABILITIES, type Capabilities } from '../../src/exchange/capabilities.js';
import { ALL_CASES, AREAS, computeMissing, planCase, selectCases, type CaseDef } from '../../src/testing/index.js';
import type { ConformanceTarget } from '../../src/testing/target.js';
import { createFakeTarget } from './fake-venue/target.js';

const byId = (id: string): CaseDef => {
  const d = ALL_CASES.find((c) => c.id === id);
  if (!d) throw new Error(id);
  return d;
};

describe('the case catalogue', () => {
  it('holds the spec’s 90 cases, numbered per area without gaps', () => {
    const counts = { SY: 6, MD: 10, BK: 8, ST: 10, OR: 21, AC: 8, ER: 11, FT: 10, PR: 6 };
    for (const area of AREAS) {
      const ids = ALL_CASES.filter((c) => c.area === area).map((c) => c.id);
      expect(ids).toEqual(Array.from({ length: counts[area] }, (_, i) => `CK-${area}-${String(i + 1).padStart(2, '0')}`));
    }
    expect(new Set(ALL_CASES.map((c) => c.id)).size).toBe(90);
  });

  it('carries the Req and Env columns of the spec', () => {
    expect(byId('CK-MD-02').req).toEqual({ cap: 'fetchTickers' });
    expect(byId('CK-ST-01').req).toBe('eachStream');
    expect(byId('CK-ST-02').req).toBe('anyStream');
    expect(byId('CK-OR-21')).toMatchObject({ req: 'R', env: { sim: true } });
    expect(byId('CK-ER-09').env).toEqual({ faults: ['refuseConnections', 'delayResponses', 'unavailableWindow'], label: 'refuse, delay, unavailable' });
    expect(byId('CK-FT-05')).toMatchObject({ req: { cap: 'clientOrderId' }, env: { faults: ['dropResponse'] } });
    expect(byId('CK-SY-01').env).toBe('any');
  });
});

describe('planCase', () => {
  const { target, dispose } = createFakeTarget();
  const live: ConformanceTarget = { ...target, env: 'live' };
  const noControl: ConformanceTarget = { ...target, control: undefined };
  const caps: Capabilities = { ...NO_CAPABILITIES, streamTicker: true, clientOrderId: true };

  it('SKIP-cap for a capability declared false, before looking at the environment', () => {
    expect(planCase(byId('CK-OR-16'), caps, live, {}).skip).toEqual({ status: 'SKIP-cap', reason: 'capability amendOrder' });
  });

  it('stream cases need at least one declared stream', () => {
    expect(planCase(byId('CK-ST-02'), NO_CAPABILITIES, target, {}).skip).toEqual({ status: 'SKIP-cap', reason: 'no stream declared' });
    expect(planCase(byId('CK-ST-02'), caps, target, {}).skip).toBeUndefined();
  });

  it('SKIP-env for sim and F: cases without simulator control, per the Env column', () => {
    expect(planCase(byId('CK-OR-02'), caps, live, {}).skip).toEqual({ status: 'SKIP-env', reason: 'needs the simulator' });
    expect(planCase(byId('CK-BK-06'), { ...caps, streamOrderBook: true }, noControl, {}).skip).toEqual({ status: 'SKIP-env', reason: 'needs fault injection: sequence gap' });
    expect(planCase(byId('CK-SY-01'), caps, live, {}).skip).toBeUndefined();
  });

  it('CK-PR-04 is SKIP-cap only when the venue declares it has no contract-sized markets', () => {
    const plain: ConformanceTarget = { ...target, declared: { ...target.declared, contractSizedMarkets: false } };
    expect(planCase(byId('CK-PR-04'), caps, plain, {}).skip).toEqual({
      status: 'SKIP-cap',
      reason: 'no contract multiplier on the venue wire (declared contractSizedMarkets: false)',
    });
    expect(planCase(byId('CK-PR-04'), caps, target, {}).skip).toBeUndefined();
  });

  it('live order cases need the trading opt-in', () => {
    expect(planCase(byId('CK-OR-01'), caps, live, {}).skip).toEqual({ status: 'SKIP-env', reason: 'live trading not enabled' });
    expect(planCase(byId('CK-OR-01'), caps, live, { trading: true }).skip).toBeUndefined();
    expect(planCase(byId('CK-OR-01'), caps, target, {}).skip).toBeUndefined();
  });

  it('computes the missing list from the capabilities declared false', () => {
    const missing = computeMissing(caps, ALL_CASES);
    expect(missing.find((m) => m.capability === 'amendOrder')?.cases).toEqual(['CK-OR-16', 'CK-OR-17']);
    expect(missing.find((m) => m.capability === 'streamFills')).toMatchObject({ cases: ['CK-FT-07', 'CK-FT-08', 'CK-FT-09'], partly: ['CK-ST-01'] });
    expect(computeMissing(NO_CAPABILITIES, ALL_CASES).find((m) => m.capability === 'any stream')?.cases).toContain('CK-ST-09');
  });

  it('selects by id (with or without CK-), by area and by prefix; skip removes', () => {
    expect(selectCases({ only: ['OR-03', 'CK-SY-01'] }).map((c) => c.id)).toEqual(['CK-SY-01', 'CK-OR-03']);
    expect(selectCases({ only: ['PR'] })).toHaveLength(6);
    expect(selectCases({ only: ['CK-OR-1'] }).map((c) => c.id)).toEqual(['CK-OR-10', 'CK-OR-11', 'CK-OR-12', 'CK-OR-13', 'CK-OR-14', 'CK-OR-15', 'CK-OR-16', 'CK-OR-17', 'CK-OR-18', 'CK-OR-19']);
    expect(selectCases({ only: ['ER'], skip: ['ER-08'] })).toHaveLength(10);
    dispose();
  });
});
