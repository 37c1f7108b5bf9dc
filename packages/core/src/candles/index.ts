// Candle history: timeframe arithmetic, a pager that fits newest-first and oldest-first venues,
// and pluggable caches (memory, disk). Exchange-neutral: adapters supply the page fetcher.
export {
  isTimeframeAligned,
  timeframeAdd,
  timeframeCeil,
  timeframeCount,
  timeframeDuration,
  timeframeNextOpen,
  timeframeOpen,
  timeframePreviousOpen,
} from './timeframes.js';
export type { TimeRange } from './ranges.js';
export type { CandlePageFetcher, CandlePageRequest } from './pager.js';
export { downloadCandles, type CandleDownloadProgress, type DownloadCandlesOptions } from './download.js';
export { downloadCandleRange, type DownloadCandleRangeOptions } from './range-download.js';
export { resolveCandleRange, type CandleRange, type ResolveCandleRangeOptions } from './query.js';
export { missingRanges, type CandleCache, type CandleSeriesKey } from './cache.js';
export { MemoryCandleCache } from './memory-cache.js';
export { DiskCandleCache, type DiskCandleCacheOptions } from './disk-cache.js';
