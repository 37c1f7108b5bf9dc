/**
 * Registers a slice of the conformance kit in vitest against a fresh simulator. The catalogue is split over several
 * files (each well under 90 s) so vitest can run them side by side; `markets.test.ts` lists the SKIP-cap cases and why.
 */
import { describeConformance } from '@exkit/core/testing';
import { afterAll, describe, it } from 'vitest';
import { startBitunixSimulator, type BitunixSimulatorOptions } from '../../src/testing/index.js';
import { bitunixTarget, CONFORMANCE_SIM, type TargetTuning } from '../testing/conformance-target.js';

export async function registerConformance(only: readonly string[], sim: BitunixSimulatorOptions = {}, tuning: TargetTuning = {}): Promise<void> {
  const venue = await startBitunixSimulator({ ...CONFORMANCE_SIM, ...sim });
  afterAll(async () => {
    await venue.close();
  });
  await describeConformance(bitunixTarget(venue, tuning), { vitest: { describe, it, afterAll }, only });
}
