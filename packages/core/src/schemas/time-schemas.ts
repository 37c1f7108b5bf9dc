import { z } from 'zod';

const MIN_MS = Date.UTC(2015, 0, 1);

/**
 * Normalises an epoch timestamp of unknown unit to integer milliseconds by magnitude:
 * < 1e11 seconds, < 1e14 milliseconds, < 1e17 microseconds, else nanoseconds (truncating).
 * Handles strings and bigints so ns values are not rounded by a float first.
 */
export function toEpochMs(value: string | number | bigint): number {
  const big = typeof value === 'bigint' ? value : BigInt(typeof value === 'number' ? Math.trunc(value) : value.trim());
  const abs = big < 0n ? -big : big;
  let ms: bigint;
  if (abs < 100_000_000_000n) ms = big * 1000n;
  else if (abs < 100_000_000_000_000n) ms = big;
  else if (abs < 100_000_000_000_000_000n) ms = big / 1000n;
  else ms = big / 1_000_000n;
  return Number(ms);
}

/** A wire timestamp (string or number, any unit) → integer epoch ms. */
export const wireTimestamp = z
  .union([z.string().trim().regex(/^\d+$/, 'expected an integer timestamp'), z.number().int().nonnegative()])
  .transform((v) => toEpochMs(v));

/** A neutral-model timestamp: integer epoch ms not before 2015 (G3; the upper bound is checked by the kit). */
export const epochMsSchema = z.number().int().min(MIN_MS, 'timestamp before 2015: wrong unit?');
