import { homedir } from 'node:os';
import { join } from 'node:path';
import { DiskCandleCache, missingRanges, timeframeCeil, timeframeOpen, type Candle, type Timeframe } from '@exkit/core';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['EXKIT_CACHE_DIR'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'exkit', 'candles');
}

export function openCache(directory: string): DiskCandleCache {
  return new DiskCandleCache({ directory });
}

/**
 * When the whole closed range of a unified symbol is already on disk, the candles come straight
 * from the cache: no client is created and no request is sent (not even the market list).
 * Undefined when anything is missing — the adapter then downloads just the gaps.
 */
export async function readCovered(
  cache: DiskCandleCache,
  q: { readonly exchange: string; readonly symbol: string; readonly timeframe: Timeframe; readonly since: number; readonly until?: number; readonly now: number },
): Promise<Candle[] | undefined> {
  // The adapter's cache key is the unified symbol; a native id would need the market list to translate.
  if (!q.symbol.includes('/')) return undefined;
  const lastClosedEnd = timeframeOpen(q.now, q.timeframe);
  const range = { since: timeframeCeil(q.since, q.timeframe), until: Math.min(q.until ?? lastClosedEnd, lastClosedEnd) };
  if (range.until <= range.since) return undefined;
  const key = { exchange: q.exchange, symbol: q.symbol, timeframe: q.timeframe };
  if ((await missingRanges(cache, key, range)).length > 0) return undefined;
  return cache.read(key, range);
}
