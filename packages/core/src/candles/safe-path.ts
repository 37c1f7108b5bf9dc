import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { InvalidArgumentError } from '../errors/error-classes.js';
import type { Timeframe } from '../models/enums.js';
import type { CandleSeriesKey } from './cache.js';

const MAX_KEY_LENGTH = 256;

/**
 * One path segment for a caller-supplied name (exchange id, symbol). Anything outside
 * `[A-Za-z0-9_-]` becomes `_` — so no `/`, `\`, `.`, `..`, drive letters or NUL survive — and a
 * hash of the exact name is appended, so distinct names never share a directory: not after the
 * replacement (`BTC/USDT` vs `BTC_USDT`) and not on case-insensitive file systems (`btc` vs `BTC`).
 */
export function pathSegment(name: string): string {
  if (name.length === 0 || name.length > MAX_KEY_LENGTH) {
    throw new InvalidArgumentError(`candle cache: key part must be 1–${MAX_KEY_LENGTH} characters`, { exchange: 'exkit', method: 'candleCache' });
  }
  const readable = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 12);
  return `${readable}.${hash}`;
}

/** `1m` and `1M` would be one directory on case-insensitive file systems. */
const TIMEFRAME_DIR: Readonly<Record<Timeframe, string>> = {
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '2h': '2h',
  '4h': '4h',
  '6h': '6h',
  '12h': '12h',
  '1d': '1d',
  '1w': '1w',
  '1M': '1mon',
};

/** `<root>/<exchange>/<symbol>/<timeframe>`, checked to stay inside `root`. */
export function seriesDirectory(root: string, key: CandleSeriesKey): string {
  const base = resolve(root);
  const dir = join(base, pathSegment(key.exchange), pathSegment(key.symbol), TIMEFRAME_DIR[key.timeframe]);
  // Belt and braces: the segments above cannot climb, but never write outside the root regardless.
  const rel = relative(base, dir);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new InvalidArgumentError('candle cache: series path escapes the cache directory', { exchange: 'exkit', method: 'candleCache' });
  }
  return dir;
}
