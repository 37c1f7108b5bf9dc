/**
 * @exkit/bench — helpers for benchmark suites run by `pnpm bench` (see README.md).
 */
export { abRatio, abRatioAsync, lastSink, quantile, timeBlock, timeBlockAsync, type AbOptions, type AbResult, type AsyncAbOptions } from './ab.js';
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
