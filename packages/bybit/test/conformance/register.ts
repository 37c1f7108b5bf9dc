/**
 * Registers core's conformance kit (`@exkit/core/testing`) against the adapter + `startBybitSimulator`
 * for the listed cases, one simulator per test file. The catalogue is split over several files so
 * vitest runs them side by side and each stays under ~90 s;
 * `node_modules/.bin/tsx packages/bybit/test/testing/run-conformance.ts [case…]` runs it whole.
 *
 * Every case of conformance-cases.md is registered (2026-11-23 full run: 89 PASS, CK-PR-04 SKIP-cap).
 * CK-PR-04 (contractSize ≠ 1): no Bybit category served here has a contract multiplier — linear and
 * spot `qty` are base coin (reference §5 instruments-info carries no contract-size field) — so the
 * target declares `contractSizedMarkets: false` and the kit reports the case SKIP-cap.
 */
import { describeConformance } from '@exkit/core/testing';
import { afterAll, describe, it } from 'vitest';
import { startBybitSimulator } from '../../src/testing/index.js';
import { bybitTarget, CONFORMANCE_SIM } from '../testing/conformance-target.js';

export async function registerConformance(only: readonly string[]): Promise<void> {
  const sim = await startBybitSimulator(CONFORMANCE_SIM);
  afterAll(async () => {
    await sim.close();
  });
  await describeConformance(bybitTarget(sim), { vitest: { describe, it, afterAll }, only: [...only] });
}
