import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { Candle } from '../models/candle.js';
import { assertCacheWrite, assertRange, assertSeriesKey, type CandleCache, type CandleSeriesKey } from './cache.js';
import { chunkEnd, chunkFileName, chunkPeriod, chunkStart, decodeChunk, encodeChunk, parseChunkFileName, type ChunkData } from './disk-format.js';
import { intersectRange, normalizeRanges, rangeContains, type TimeRange } from './ranges.js';
import { seriesDirectory } from './safe-path.js';

export interface DiskCandleCacheOptions {
  /** The cache root; created on first write. */
  readonly directory: string;
  /** Where unreadable or corrupt chunk files are reported (they are then ignored). */
  readonly logger?: Logger;
}

interface ChunkRef {
  readonly file: string;
  readonly bounds: TimeRange;
}

/**
 * Writers to one file queue behind each other, across every DiskCandleCache in the process (two
 * instances on one directory must not lose each other's merges). Across processes the temp-file +
 * rename write keeps every file whole; the last writer wins and the loser's stretch is re-downloaded.
 */
const fileLocks = new Map<string, Promise<void>>();

async function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = fileLocks.get(file) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = previous.then(() => mine);
  fileLocks.set(file, tail);
  try {
    await previous;
    return await task();
  } finally {
    release();
    if (fileLocks.get(file) === tail) fileLocks.delete(file);
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * A CandleCache in a directory: `<dir>/<exchange>/<symbol>/<timeframe>/<chunk>.json`, one file per
 * UTC day, month or year of a series (see disk-format). Writes are atomic (temp file, fsync,
 * rename); reads validate every file with zod and treat a corrupt or foreign file as absent, so the
 * stretch it held is downloaded again and the file rewritten — never a crash.
 */
export class DiskCandleCache implements CandleCache {
  readonly directory: string;
  readonly #logger: Logger;

  constructor(options: DiskCandleCacheOptions) {
    this.directory = options.directory;
    this.#logger = options.logger ?? silentLogger;
  }

  async covered(key: CandleSeriesKey, range: TimeRange): Promise<TimeRange[]> {
    assertRange(range);
    const out: TimeRange[] = [];
    for (const ref of await this.#chunksIn(key, range)) {
      const data = await this.#load(key, ref);
      for (const r of data?.covered ?? []) {
        const part = intersectRange(r, range);
        if (part !== undefined) out.push(part);
      }
    }
    return normalizeRanges(out);
  }

  async read(key: CandleSeriesKey, range: TimeRange): Promise<Candle[]> {
    assertRange(range);
    const out: Candle[] = [];
    for (const ref of await this.#chunksIn(key, range)) {
      const data = await this.#load(key, ref);
      for (const c of data?.candles ?? []) if (rangeContains(range, c.openTime)) out.push(c);
    }
    return out;
  }

  async write(key: CandleSeriesKey, range: TimeRange, candles: readonly Candle[]): Promise<void> {
    assertCacheWrite(key, range, candles);
    if (range.until <= range.since) return;
    const dir = seriesDirectory(this.directory, key);
    const period = chunkPeriod(key.timeframe);
    await mkdir(dir, { recursive: true });
    for (let start = chunkStart(range.since, period); start < range.until; start = chunkEnd(start, period)) {
      const bounds: TimeRange = { since: start, until: chunkEnd(start, period) };
      const part = intersectRange(range, bounds);
      const name = chunkFileName(start, period);
      if (part === undefined || name === undefined) continue;
      const ref: ChunkRef = { file: join(dir, name), bounds };
      await withFileLock(ref.file, async () => {
        const existing = await this.#load(key, ref);
        const kept = (existing?.candles ?? []).filter((c) => !rangeContains(part, c.openTime));
        const added = candles.filter((c) => rangeContains(part, c.openTime));
        const merged: ChunkData = {
          covered: normalizeRanges([...(existing?.covered ?? []), part]),
          candles: [...kept, ...added].sort((a, b) => a.openTime - b.openTime),
        };
        await this.#atomicWrite(ref.file, encodeChunk(key, bounds, merged));
      });
    }
  }

  /** Chunk files of the series that overlap `range`, from one directory listing. */
  async #chunksIn(key: CandleSeriesKey, range: TimeRange): Promise<ChunkRef[]> {
    assertSeriesKey(key);
    if (range.until <= range.since) return [];
    const dir = seriesDirectory(this.directory, key);
    const period = chunkPeriod(key.timeframe);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') this.#logger.warn({ dir, code: errorCode(error) }, 'candle cache: cannot list series directory; treating as empty');
      return [];
    }
    const refs: ChunkRef[] = [];
    for (const name of names) {
      const start = parseChunkFileName(name, period);
      if (start === undefined) continue;
      const bounds: TimeRange = { since: start, until: chunkEnd(start, period) };
      if (intersectRange(bounds, range) !== undefined) refs.push({ file: join(dir, name), bounds });
    }
    return refs.sort((a, b) => a.bounds.since - b.bounds.since);
  }

  /** The validated chunk, or undefined when missing, unreadable or corrupt (logged, then ignored). */
  async #load(key: CandleSeriesKey, ref: ChunkRef): Promise<ChunkData | undefined> {
    let text: string;
    try {
      text = await readFile(ref.file, 'utf8');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') this.#logger.warn({ file: ref.file, code: errorCode(error) }, 'candle cache: unreadable chunk ignored');
      return undefined;
    }
    const result = decodeChunk(text, key, ref.bounds);
    if (!result.ok) {
      this.#logger.warn({ file: ref.file, reason: result.reason }, 'candle cache: corrupt chunk ignored; its range will be downloaded again');
      return undefined;
    }
    return result.chunk;
  }

  /** Temp file in the same directory (so rename is atomic), flushed to disk before it replaces the old one. */
  async #atomicWrite(file: string, text: string): Promise<void> {
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }
}

