/**
 * Runs the whole conformance kit against the simulator and prints one line per case:
 * `node_modules/.bin/tsx packages/bitunix/test/testing/run-conformance.ts [pattern…]`.
 */
import { runConformance } from '@exkit/core/testing';
import { startBitunixSimulator } from '../../src/testing/index.js';
import { bitunixTarget, CONFORMANCE_SIM } from './conformance-target.js';

const sim = await startBitunixSimulator(CONFORMANCE_SIM);
try {
  const only = process.argv.slice(2);
  const result = await runConformance(bitunixTarget(sim), only.length > 0 ? { only } : {});
  process.stdout.write(`${JSON.stringify(result.summary)}\n`);
} finally {
  await sim.close();
}
