/**
 * Runs the whole conformance kit against the simulator and prints the summary:
 * `node_modules/.bin/tsx packages/bybit/test/testing/run-conformance.ts [pattern…]`.
 */
import { runConformance } from '@exkit/core/testing';
import { startBybitSimulator } from '../../src/testing/index.js';
import { bybitTarget } from './conformance-target.js';

const sim = await startBybitSimulator({ seed: 'conformance' });
try {
  const only = process.argv.slice(2);
  const result = await runConformance(bybitTarget(sim), only.length > 0 ? { only } : {});
  process.stdout.write(`${JSON.stringify(result.summary)}\n`);
} finally {
  await sim.close();
}
