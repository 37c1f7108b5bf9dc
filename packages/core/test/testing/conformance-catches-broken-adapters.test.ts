/**
 * The kit catches broken adapters: each deliberately broken variant of the fake fails exactly the
 * rule it breaks, and a hanging method becomes an ERROR without wedging the run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runConformance, type CaseResult, type ConformanceResult } from '../../src/testing/index.js';
import { BROKEN, type Breakage } from './fake-venue/broken.js';
import { FAKE_CAPABILITIES } from './fake-venue/exchange.js';
import { createFakeTarget, type FakeTarget, type FakeTargetOptions } from './fake-venue/target.js';

let fake: FakeTarget | undefined;
afterEach(() => fake?.dispose());

async function run(breakage: Breakage, only: string[], extra: FakeTargetOptions = {}): Promise<ConformanceResult> {
  fake = createFakeTarget({ wrap: BROKEN[breakage], ...extra });
  return runConformance(fake.target, { only, reporter: false });
}

function get(result: ConformanceResult, id: string): CaseResult {
  const c = result.cases.find((x) => x.id === id);
  if (!c) throw new Error(`${id} did not run`);
  return c;
}

describe('the kit catches broken adapters', () => {
  it('float instead of Decimal → G1 FAIL', async () => {
    const r = await run('floatPrices', ['MD-01']);
    expect(get(r, 'CK-MD-01')).toMatchObject({ status: 'FAIL' });
    expect(get(r, 'CK-MD-01').reason).toBe(
      'G1 fetchTicker.bid: number 95, expected a core Decimal; G1 fetchTicker.ask: number 105, expected a core Decimal; G1 fetchTicker.last: number 100, expected a core Decimal',
    );
  });

  it('native id instead of the unified symbol → G2 FAIL', async () => {
    const r = await run('nativeSymbol', ['MD-01']);
    expect(get(r, 'CK-MD-01').status).toBe('FAIL');
    expect(get(r, 'CK-MD-01').reason).toContain('G2 fetchTicker.symbol: "BTCUSDT" is not a unified symbol');
  });

  it('timestamps in seconds → G3 FAIL', async () => {
    const r = await run('secondsTimestamps', ['MD-01', 'MD-06']);
    for (const id of ['CK-MD-01', 'CK-MD-06']) {
      expect(get(r, id).status).toBe('FAIL');
      expect(get(r, id).reason).toMatch(/G3 fetch(Ticker|Trades)(\[\d+\])?\.timestamp: \d+ is before 2015-01-01 \(seconds instead of ms\?\)/);
    }
  });

  it('a capability declared true whose method fails → FAIL (declaring is a promise)', async () => {
    const r = await run('fokDeclaredButRefused', ['OR-09'], { capabilities: { ...FAKE_CAPABILITIES, fok: true } });
    expect(get(r, 'CK-OR-09')).toMatchObject({ status: 'FAIL', reason: 'placeOrder threw NotSupportedError: fok not implemented' });
  });

  it('an API secret in an error message → G7 FAIL', async () => {
    const r = await run('secretInErrors', ['ER-01']);
    expect(get(r, 'CK-ER-01').status).toBe('FAIL');
    expect(get(r, 'CK-ER-01').reason).toMatch(/^G7 seen\[\d+\]\.message: contains an API secret/);
    // The report names where, never the secret.
    expect(get(r, 'CK-ER-01').reason).not.toContain(fake!.target.credentials!.apiSecret.slice(0, -1));
  });

  it('a hanging method → ERROR "timed out after …"; the other cases still run', async () => {
    const started = Date.now();
    const r = await run('hangingTicker', ['SY-01', 'MD-01', 'MD-03', 'BK-01'], { timing: { stepTimeoutMs: 400 } });
    expect(get(r, 'CK-MD-01')).toMatchObject({ status: 'ERROR', reason: 'fetchTicker timed out after 400 ms' });
    expect(get(r, 'CK-MD-03')).toMatchObject({ status: 'ERROR', reason: 'fetchTicker timed out after 400 ms' });
    expect(get(r, 'CK-SY-01').status).toBe('PASS');
    expect(get(r, 'CK-BK-01').status).toBe('PASS');
    expect(r.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a case that runs past its budget is cut off as ERROR', async () => {
    const r = await run('hangingTicker', ['MD-01'], { timing: { stepTimeoutMs: 5_000, caseTimeoutMs: 300 } });
    expect(get(r, 'CK-MD-01')).toMatchObject({ status: 'ERROR', reason: 'timed out after 300 ms' });
  });
});
