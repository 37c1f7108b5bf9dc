/**
 * @exkit/bench — helpers for benchmark suites run by `pnpm bench` (see README.md).
 */
export { abRatio, lastSink, quantile, timeBlock, type AbOptions, type AbResult } from './ab.js';
export { createRng, type Rng } from './prng.js';
export { report } from './report.js';
export {
  RESULT_PREFIX,
  checkEntry,
  formatResultLine,
  formatTable,
  parseResultLine,
  sortEntries,
  type BenchEntry,
} from './results.mjs';
