/**
 * Interleaved A/B timing: the only way toolchain measurements found to give a stable ratio on a
 * 2-core VM (library timers alone swung 0.8×–2.1×). Each round times one block of the candidate
 * and one of the baseline back to back, alternating which goes first, so a noise burst hits both
 * or only one round; the median of the per-round ratios ignores the bursts.
 */

export interface AbOptions {
  /** Measured rounds (odd, so the median is one round). Default 41. */
  readonly rounds?: number;
  /** Untimed rounds first, for the JIT. Default 5. */
  readonly warmup?: number;
}

export interface AbResult {
  /** Median over rounds of time(baseline) / time(candidate): 2 means the candidate is twice as fast. */
  readonly ratio: number;
  /** First and third quartiles of the per-round ratios, and their distance. */
  readonly q1: number;
  readonly q3: number;
  readonly iqr: number;
  readonly rounds: number;
  /** Median time of one block, in nanoseconds. */
  readonly candidateNs: number;
  readonly baselineNs: number;
}

let sink: unknown;

/** Nanoseconds one call of `block` takes; its result is kept so the work cannot be optimised away. */
export function timeBlock(block: () => unknown): number {
  const start = process.hrtime.bigint();
  sink = block();
  return Number(process.hrtime.bigint() - start);
}

/** Compares two blocks of work (each should take ~10 ms or more). */
export function abRatio(candidate: () => unknown, baseline: () => unknown, options: AbOptions = {}): AbResult {
  const rounds = options.rounds ?? 41;
  const warmup = options.warmup ?? 5;
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('rounds must be a positive integer');
  for (let i = 0; i < warmup; i++) {
    timeBlock(candidate);
    timeBlock(baseline);
  }
  const ratios: number[] = [];
  const candidateNs: number[] = [];
  const baselineNs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let c: number;
    let b: number;
    if (r % 2 === 0) {
      c = timeBlock(candidate);
      b = timeBlock(baseline);
    } else {
      b = timeBlock(baseline);
      c = timeBlock(candidate);
    }
    candidateNs.push(c);
    baselineNs.push(b);
    ratios.push(b / Math.max(c, 1));
  }
  const q1 = quantile(ratios, 0.25);
  const q3 = quantile(ratios, 0.75);
  return { ratio: quantile(ratios, 0.5), q1, q3, iqr: q3 - q1, rounds, candidateNs: quantile(candidateNs, 0.5), baselineNs: quantile(baselineNs, 0.5) };
}

/** Linear-interpolated quantile (q in [0, 1]) of a non-empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** The last block result (tests read it to check the blocks ran). */
export function lastSink(): unknown {
  return sink;
}

export interface AsyncAbOptions extends AbOptions {
  /** Untimed pause before each round (ms), e.g. to stay under a rate limit. Default 0. */
  readonly pauseMs?: number;
  /** Stop measuring after this long (ms) even if fewer rounds ran (at least 3 run). Default 60 000. */
  readonly budgetMs?: number;
}

/** Nanoseconds one awaited call of `block` takes. */
export async function timeBlockAsync(block: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  sink = await block();
  return Number(process.hrtime.bigint() - start);
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `abRatio` for awaited work (network round trips): the same interleaving and median, with an
 * optional untimed pause between rounds and a wall-clock budget.
 */
export async function abRatioAsync(candidate: () => Promise<unknown>, baseline: () => Promise<unknown>, options: AsyncAbOptions = {}): Promise<AbResult> {
  const rounds = options.rounds ?? 41;
  const warmup = options.warmup ?? 5;
  const pauseMs = options.pauseMs ?? 0;
  const budgetMs = options.budgetMs ?? 60_000;
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('rounds must be a positive integer');
  for (let i = 0; i < warmup; i++) {
    if (pauseMs > 0) await pause(pauseMs);
    await timeBlockAsync(candidate);
    await timeBlockAsync(baseline);
  }
  const ratios: number[] = [];
  const candidateNs: number[] = [];
  const baselineNs: number[] = [];
  const deadline = Date.now() + budgetMs;
  for (let r = 0; r < rounds && (r < 3 || Date.now() < deadline); r++) {
    if (pauseMs > 0) await pause(pauseMs);
    let c: number;
    let b: number;
    if (r % 2 === 0) {
      c = await timeBlockAsync(candidate);
      b = await timeBlockAsync(baseline);
    } else {
      b = await timeBlockAsync(baseline);
      c = await timeBlockAsync(candidate);
    }
    candidateNs.push(c);
    baselineNs.push(b);
    ratios.push(b / Math.max(c, 1));
  }
  const q1 = quantile(ratios, 0.25);
  const q3 = quantile(ratios, 0.75);
  return { ratio: quantile(ratios, 0.5), q1, q3, iqr: q3 - q1, rounds: ratios.length, candidateNs: quantile(candidateNs, 0.5), baselineNs: quantile(baselineNs, 0.5) };
}
