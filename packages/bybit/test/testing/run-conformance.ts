/**
 * Runs the whole conformance kit against the simulator (the CI files' settings: CONFORMANCE_SIM)
 * and prints every result and the summary:
 * `node_modules/.bin/tsx packages/bybit/test/testing/run-conformance.ts [case…]` (~6 min whole).
 */
import { runConformance } from '@exkit/core/testing';
import { startBybitSimulator } from '../../src/testing/index.js';
import { bybitTarget, CONFORMANCE_SIM } from './conformance-target.js';

const sim = await startBybitSimulator(CONFORMANCE_SIM);
try {
  const only = process.argv.slice(2);
  const result = await runConformance(bybitTarget(sim), only.length > 0 ? { only } : {});
  process.stdout.write(`${JSON.stringify(result.summary)}\n`);
} finally {
  await sim.close();
}
