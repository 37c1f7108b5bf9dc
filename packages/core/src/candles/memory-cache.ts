import type { Candle } from '../models/candle.js';
import { assertCacheWrite, assertRange, assertSeriesKey, type CandleCache, type CandleSeriesKey } from './cache.js';
import { intersectRange, normalizeRanges, rangeContains, type TimeRange } from './ranges.js';

interface Series {
  covered: TimeRange[];
  readonly candles: Map<number, Candle>;
}

/** A CandleCache in process memory: for tests, and for services that page the same history often. */
export class MemoryCandleCache implements CandleCache {
  readonly #series = new Map<string, Series>();

  #get(key: CandleSeriesKey): Series | undefined {
    assertSeriesKey(key);
    return this.#series.get(JSON.stringify([key.exchange, key.symbol, key.timeframe]));
  }

  // async so that argument errors reject rather than throw synchronously.
  async covered(key: CandleSeriesKey, range: TimeRange): Promise<TimeRange[]> {
    assertRange(range);
    const series = this.#get(key);
    const out: TimeRange[] = [];
    for (const r of series?.covered ?? []) {
      const part = intersectRange(r, range);
      if (part !== undefined) out.push(part);
    }
    return out;
  }

  async read(key: CandleSeriesKey, range: TimeRange): Promise<Candle[]> {
    assertRange(range);
    const series = this.#get(key);
    const out: Candle[] = [];
    for (const c of series?.candles.values() ?? []) if (rangeContains(range, c.openTime)) out.push(c);
    return out.sort((a, b) => a.openTime - b.openTime);
  }

  async write(key: CandleSeriesKey, range: TimeRange, candles: readonly Candle[]): Promise<void> {
    assertCacheWrite(key, range, candles);
    const id = JSON.stringify([key.exchange, key.symbol, key.timeframe]);
    let series = this.#series.get(id);
    if (series === undefined) {
      series = { covered: [], candles: new Map() };
      this.#series.set(id, series);
    }
    // The write is authoritative for its range: drop what was held there first.
    for (const openTime of series.candles.keys()) if (rangeContains(range, openTime)) series.candles.delete(openTime);
    for (const c of candles) series.candles.set(c.openTime, c);
    series.covered = normalizeRanges([...series.covered, range]);
  }

  /** Forgets everything. */
  clear(): void {
    this.#series.clear();
  }
}
