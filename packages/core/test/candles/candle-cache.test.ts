import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DiskCandleCache,
  MemoryCandleCache,
  downloadCandles,
  missingRanges,
  type CandleCache,
  type CandleSeriesKey,
  type DownloadCandlesOptions,
  type TimeRange,
} from '../../src/candles/index.js';
import { Decimal } from '../../src/decimal.js';
import { InvalidArgumentError } from '../../src/errors/error-classes.js';
import type { LogFn, Logger } from '../../src/logging/logger.js';
import type { Candle } from '../../src/models/candle.js';
import { ManualClock } from '../../src/time/clock.js';
import { expectedRow, klineFetcher, rows, startKlineVenue, type KlineVenue } from './support/kline-venue.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 1, 27, 0, 0); // 5,000 minutes → chunk files for Feb 27, 28, 29 and Mar 1
const SYMBOL = 'BTC/USDT:USDT';
const KEY: CandleSeriesKey = { exchange: 'loop', symbol: SYMBOL, timeframe: '1m' };
const PAGE = 200;
const LATER = Date.UTC(2025, 0, 1);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'exkit-candles-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function venueWith(data: readonly TimeRange[]): Promise<KlineVenue> {
  const v = await startKlineVenue({ timeframe: '1m', data, pageLimit: PAGE });
  cleanups.push(() => v.close());
  return v;
}

const m = (from: number, to: number): TimeRange => ({ since: T0 + from * MIN, until: T0 + to * MIN });

function expectedRows(...spans: TimeRange[]): string[][] {
  const out: string[][] = [];
  for (const s of spans) for (let t = s.since; t < s.until; t += MIN) out.push(expectedRow(t));
  return out;
}

function capturingLogger(): Logger & { readonly warnings: string[] } {
  const warnings: string[] = [];
  const noop: LogFn = () => undefined;
  const warn: LogFn = (a: object | string, b?: string) => {
    warnings.push(typeof a === 'string' ? a : `${b ?? ''} ${JSON.stringify(a)}`);
  };
  return { trace: noop, debug: noop, info: noop, warn, error: noop, warnings };
}

function fetchOnce(v: KlineVenue, cache: CandleCache, range: TimeRange, extra: Partial<DownloadCandlesOptions> = {}): Promise<Candle[]> {
  return downloadCandles({
    exchange: KEY.exchange,
    symbol: KEY.symbol,
    timeframe: KEY.timeframe,
    since: range.since,
    until: range.until,
    pageSize: PAGE,
    fetchPage: klineFetcher(v.url, SYMBOL, '1m'),
    clock: new ManualClock(LATER),
    cache,
    ...extra,
  });
}

/** Every file under `dir`, relative, with `/` separators. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

describe.each([
  { name: 'MemoryCandleCache', make: () => Promise.resolve(new MemoryCandleCache()) },
  { name: 'DiskCandleCache', make: async (): Promise<CandleCache> => new DiskCandleCache({ directory: await tempDir() }) },
])('$name behind downloadCandles', ({ make }) => {
  it('serves a second identical request locally with zero page fetches', async () => {
    const v = await venueWith([m(0, 5000)]);
    const cache = await make();
    const first = await fetchOnce(v, cache, m(0, 5000));
    expect(v.requests).toHaveLength(25);
    v.requests.length = 0;

    const second = await fetchOnce(v, cache, m(0, 5000));
    expect(v.requests).toHaveLength(0);
    expect(rows(second)).toEqual(rows(first));
    expect(rows(second)).toEqual(expectedRows(m(0, 5000)));
    // Served candles are whole neutral candles again.
    expect(second.every((c) => c.symbol === SYMBOL && c.timeframe === '1m' && c.closed && c.open instanceof Decimal)).toBe(true);
  });

  it('fetches only the missing part of a partially covered range', async () => {
    const v = await venueWith([m(0, 5000)]);
    const cache = await make();
    await fetchOnce(v, cache, m(0, 2000));
    v.requests.length = 0;

    const candles = await fetchOnce(v, cache, m(1000, 4000));
    expect(rows(candles)).toEqual(expectedRows(m(1000, 4000)));
    expect(v.requests).toHaveLength(10);
    for (const r of v.requests) {
      expect(r.start).toBeGreaterThanOrEqual(T0 + 2000 * MIN);
      expect(r.end).toBeLessThan(T0 + 4000 * MIN);
    }
    expect(await missingRanges(cache, KEY, m(0, 5000))).toEqual([m(4000, 5000)]);
  });

  it('fills several gaps between cached islands, and nothing else', async () => {
    const v = await venueWith([m(0, 5000)]);
    const cache = await make();
    await fetchOnce(v, cache, m(0, 1000));
    await fetchOnce(v, cache, m(2000, 3000));
    v.requests.length = 0;

    const candles = await fetchOnce(v, cache, m(0, 4000));
    expect(rows(candles)).toEqual(expectedRows(m(0, 4000)));
    expect(v.requests).toHaveLength(10);
    const inGap = (t: number): boolean => (t >= T0 + 1000 * MIN && t < T0 + 2000 * MIN) || (t >= T0 + 3000 * MIN && t < T0 + 4000 * MIN);
    expect(v.requests.every((r) => inGap(r.start) && inGap(r.end))).toBe(true);
  });

  it('remembers holes in venue data: the repeat of a range with a hole fetches nothing', async () => {
    const v = await venueWith([m(0, 1000), m(1500, 2000)]);
    const cache = await make();
    const first = await fetchOnce(v, cache, m(0, 2000));
    expect(first).toHaveLength(1500);
    v.requests.length = 0;
    expect(rows(await fetchOnce(v, cache, m(0, 2000)))).toEqual(expectedRows(m(0, 1000), m(1500, 2000)));
    expect(v.requests).toHaveLength(0);
  });

  it('with a limit, reads the cached head and fetches only up to the limit', async () => {
    const v = await venueWith([m(0, 5000)]);
    const cache = await make();
    await fetchOnce(v, cache, m(0, 1000));
    v.requests.length = 0;
    const candles = await fetchOnce(v, cache, m(0, 5000), { limit: 1500 });
    expect(rows(candles)).toEqual(expectedRows(m(0, 1500)));
    expect(v.requests).toHaveLength(3);
    expect(v.requests.every((r) => r.start >= T0 + 1000 * MIN && r.end < T0 + 1500 * MIN)).toBe(true);
  });

  it('never caches the still-open candle, and re-asks for a just-closed stretch the venue has not published yet', async () => {
    // 30 s into candle #300; the venue has published up to #289 plus the open #300 is live.
    const v = await venueWith([m(0, 290), m(300, 301)]);
    const cache = await make();
    const clock = new ManualClock(T0 + 300 * MIN + 30_000);
    const withOpen = await fetchOnce(v, cache, { since: T0, until: T0 + 400 * MIN }, { clock, includeOpen: true });
    expect(withOpen.at(-1)).toMatchObject({ openTime: T0 + 300 * MIN, closed: false });
    expect(withOpen).toHaveLength(291);

    const covered = await cache.covered(KEY, { since: T0, until: T0 + 400 * MIN });
    const coveredEnd = Math.max(...covered.map((r) => r.until));
    expect(coveredEnd).toBeLessThanOrEqual(T0 + 300 * MIN);
    // Empty stretch younger than settleMs (5 min) past the newest candle is not recorded as a hole.
    expect(coveredEnd).toBeLessThan(T0 + 296 * MIN);
    expect(await cache.read(KEY, { since: T0 + 290 * MIN, until: T0 + 400 * MIN })).toEqual([]);

    v.requests.length = 0;
    await fetchOnce(v, cache, { since: T0, until: T0 + 400 * MIN }, { clock });
    expect(v.requests.length).toBeGreaterThan(0);
    expect(v.requests.every((r) => r.start >= coveredEnd)).toBe(true);
  });

  it('refuses to store an open candle or one outside the written range', async () => {
    const cache = await make();
    const candle: Candle = { symbol: SYMBOL, timeframe: '1m', openTime: T0, open: new Decimal(1), high: new Decimal(1), low: new Decimal(1), close: new Decimal(1), volume: new Decimal(0), closed: false };
    await expect(cache.write(KEY, m(0, 1), [candle])).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(cache.write(KEY, m(1, 2), [{ ...candle, closed: true }])).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await cache.covered(KEY, m(0, 2))).toEqual([]);
  });
});

describe('DiskCandleCache on disk', () => {
  it('survives a restart: a new instance on the same directory serves with zero fetches', async () => {
    const dir = await tempDir();
    const v = await venueWith([m(0, 5000)]);
    await fetchOnce(v, new DiskCandleCache({ directory: dir }), m(0, 5000));
    v.requests.length = 0;

    const again = await fetchOnce(v, new DiskCandleCache({ directory: dir }), m(0, 5000));
    expect(v.requests).toHaveLength(0);
    expect(rows(again)).toEqual(expectedRows(m(0, 5000)));

    const files = await listFiles(dir);
    expect(files.map((f) => f.split('/').slice(2).join('/'))).toEqual(['1m/2024-02-27.json', '1m/2024-02-28.json', '1m/2024-02-29.json', '1m/2024-03-01.json']);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  const corruptions: ReadonlyArray<readonly [string, (text: string) => string]> = [
    ['not JSON', () => '{ this is not json'],
    ['truncated mid-write', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['a price written as a float', (text) => text.replace(/"(\d+\.\d+)"/, '$1')],
    ['a candle out of order', (text) => text.replace(/\n\[(\d+),/, (_, t: string) => `\n[${Number(t) + 3_600_000},`)],
    ['another symbol’s file', (text) => text.replace(`"symbol":"${SYMBOL}"`, '"symbol":"ETH/USDT:USDT"')],
    ['empty file', () => ''],
  ];

  it.each(corruptions)('ignores a corrupt chunk (%s), re-downloads only its day and repairs it', async (_name, corrupt) => {
    const dir = await tempDir();
    const v = await venueWith([m(0, 5000)]);
    const logger = capturingLogger();
    const cache = new DiskCandleCache({ directory: dir, logger });
    await fetchOnce(v, cache, m(0, 5000));
    v.requests.length = 0;

    const target = (await listFiles(dir)).find((f) => f.endsWith('2024-02-28.json'));
    expect(target).toBeDefined();
    const file = join(dir, target!);
    await writeFile(file, corrupt(await readFile(file, 'utf8')));

    const again = await fetchOnce(v, cache, m(0, 5000));
    expect(rows(again)).toEqual(expectedRows(m(0, 5000)));
    const day = { since: Date.UTC(2024, 1, 28), until: Date.UTC(2024, 1, 29) };
    expect(v.requests).toHaveLength(8); // 1,440 minutes at 200 per page
    expect(v.requests.every((r) => r.start >= day.since && r.end < day.until)).toBe(true);
    expect(logger.warnings.some((w) => w.includes('corrupt chunk'))).toBe(true);

    v.requests.length = 0;
    expect(rows(await fetchOnce(v, new DiskCandleCache({ directory: dir }), m(0, 5000)))).toEqual(expectedRows(m(0, 5000)));
    expect(v.requests).toHaveLength(0);
  });

  it('keeps every file inside its directory whatever the symbol (path traversal)', async () => {
    const base = await tempDir();
    const dir = join(base, 'cache');
    const cache = new DiskCandleCache({ directory: dir });
    const hostile = ['../../x', '..', '.', '/etc/passwd', 'a\\..\\..\\b', 'C:\\x', 'nul\u0000byte', 'btc/usdt', 'BTC/USDT', 'BTC_USDT'];
    for (const [i, symbol] of hostile.entries()) {
      const key: CandleSeriesKey = { exchange: '../evil', symbol, timeframe: '1m' };
      const one = new Decimal(i + 1);
      const candle: Candle = { symbol, timeframe: '1m', openTime: T0, open: one, high: one, low: one, close: one, volume: one, closed: true };
      await cache.write(key, m(0, 1), [candle]);
    }
    // Nothing escaped: the base holds only the cache directory.
    expect(await readdir(base)).toEqual(['cache']);
    const files = await listFiles(dir);
    expect(files).toHaveLength(hostile.length);
    for (const f of files) expect(f.split('/').every((part) => part !== '..' && part !== '.' && part !== '')).toBe(true);
    // Each symbol reads back its own candle: no two (case- or replacement-colliding) names share a file.
    for (const [i, symbol] of hostile.entries()) {
      const back = await cache.read({ exchange: '../evil', symbol, timeframe: '1m' }, m(0, 1));
      expect(back.map((c) => [c.symbol, c.close.toFixed()])).toEqual([[symbol, String(i + 1)]]);
    }
  });

  it('refuses empty or absurdly long key parts', async () => {
    const cache = new DiskCandleCache({ directory: await tempDir() });
    await expect(cache.covered({ exchange: 'x', symbol: '', timeframe: '1m' }, m(0, 1))).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(cache.covered({ exchange: 'x', symbol: 'A'.repeat(1000), timeframe: '1m' }, m(0, 1))).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('stores prices and volumes as exact decimal strings', async () => {
    const dir = await tempDir();
    const cache = new DiskCandleCache({ directory: dir });
    const d = (s: string): Decimal => new Decimal(s);
    const candle: Candle = {
      symbol: SYMBOL,
      timeframe: '1m',
      openTime: T0,
      open: d('0.1000000000000000000000000001'),
      high: d('123456789012345678901234567890.123456789'),
      low: d('0.00000001'),
      close: d('-37.63'),
      volume: d('0'),
      quoteVolume: d('1e-30'),
      closed: true,
    };
    await cache.write(KEY, m(0, 1), [candle]);
    const [back] = await new DiskCandleCache({ directory: dir }).read(KEY, m(0, 1));
    expect(back && rows([back])).toEqual(rows([candle]));
    expect(back?.quoteVolume?.toFixed()).toBe('0.000000000000000000000000000001');
    const text = await readFile(join(dir, (await listFiles(dir))[0]!), 'utf8');
    expect(text).toContain('"123456789012345678901234567890.123456789"');
    expect(text).toContain('"0.1000000000000000000000000001"');
  });

  it('merges concurrent writes to one chunk without losing either', async () => {
    const dir = await tempDir();
    const a = new DiskCandleCache({ directory: dir });
    const b = new DiskCandleCache({ directory: dir });
    const one = new Decimal(1);
    const at = (t: number): Candle => ({ symbol: SYMBOL, timeframe: '1m', openTime: t, open: one, high: one, low: one, close: one, volume: one, closed: true });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).write(KEY, m(i, i + 1), [at(T0 + i * MIN)])));
    expect(await a.covered(KEY, m(0, 100))).toEqual([m(0, 20)]);
    expect((await b.read(KEY, m(0, 100))).map((c) => c.openTime)).toEqual(Array.from({ length: 20 }, (_, i) => T0 + i * MIN));
  });
});
