import { z } from 'zod';
import { toDecimal } from '../decimal.js';
import type { Candle } from '../models/candle.js';
import { timeframeSchema, type Timeframe } from '../models/enums.js';
import type { CandleSeriesKey } from './cache.js';
import type { TimeRange } from './ranges.js';
import { isTimeframeAligned, timeframeNextOpen, timeframeOpen } from './timeframes.js';

/**
 * On-disk chunk files: one JSON file per series and UTC day / month / year, sized so a file holds
 * at most ~1,500 candles (1m → day, 1h → month, 1d → year). Prices and volumes are decimal strings
 * written with `toFixed()` and read straight back into Decimal — never through a float.
 */

export type ChunkPeriod = 'day' | 'month' | 'year';

const CHUNK_PERIOD: Readonly<Record<Timeframe, ChunkPeriod>> = {
  '1m': 'day',
  '3m': 'day',
  '5m': 'day',
  '15m': 'day',
  '30m': 'day',
  '1h': 'month',
  '2h': 'month',
  '4h': 'month',
  '6h': 'month',
  '12h': 'month',
  '1d': 'year',
  '1w': 'year',
  '1M': 'year',
};

export function chunkPeriod(timeframe: Timeframe): ChunkPeriod {
  return CHUNK_PERIOD[timeframe];
}

function yearStart(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d.getTime();
}

/** Start of the chunk holding `time`. Candles belong to the chunk of their open time. */
export function chunkStart(time: number, period: ChunkPeriod): number {
  if (period === 'day') return timeframeOpen(time, '1d');
  if (period === 'month') return timeframeOpen(time, '1M');
  return yearStart(new Date(time).getUTCFullYear());
}

export function chunkEnd(start: number, period: ChunkPeriod): number {
  if (period === 'day') return timeframeNextOpen(start, '1d');
  if (period === 'month') return timeframeNextOpen(start, '1M');
  return yearStart(new Date(start).getUTCFullYear() + 1);
}

const NAME_LENGTH: Readonly<Record<ChunkPeriod, number>> = { day: 10, month: 7, year: 4 };
const NAME_PATTERN: Readonly<Record<ChunkPeriod, RegExp>> = {
  day: /^\d{4}-\d{2}-\d{2}\.json$/,
  month: /^\d{4}-\d{2}\.json$/,
  year: /^\d{4}\.json$/,
};

/** `2024-02-29.json`, `2024-02.json`, `2024.json`; years 0–9999 only (undefined otherwise). */
export function chunkFileName(start: number, period: ChunkPeriod): string | undefined {
  const iso = new Date(start).toISOString();
  if (!/^\d{4}-/.test(iso)) return undefined;
  return `${iso.slice(0, NAME_LENGTH[period])}.json`;
}

/** The chunk start a file name stands for; undefined for anything else (temp files, strays). */
export function parseChunkFileName(name: string, period: ChunkPeriod): number | undefined {
  if (!NAME_PATTERN[period].test(name)) return undefined;
  const text = name.slice(0, NAME_LENGTH[period]);
  const iso = period === 'day' ? `${text}T00:00:00.000Z` : period === 'month' ? `${text}-01T00:00:00.000Z` : `${text}-01-01T00:00:00.000Z`;
  const start = Date.parse(iso);
  // Round trip rejects impossible dates such as 2023-02-30 that Date.parse would roll over.
  return Number.isFinite(start) && chunkFileName(start, period) === name ? start : undefined;
}

const FORMAT = 'exkit.candles';
const VERSION = 1;

const msSchema = z.number().int();
/** Exactly what `Decimal#toFixed()` writes: no exponent, no float detour. */
const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a plain decimal string');
const rowSchema = z.tuple([msSchema, decimalText, decimalText, decimalText, decimalText, decimalText, decimalText.nullable()]);

const chunkFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  exchange: z.string(),
  symbol: z.string(),
  timeframe: timeframeSchema,
  chunk: z.tuple([msSchema, msSchema]),
  covered: z.array(z.tuple([msSchema, msSchema])),
  candles: z.array(rowSchema),
});

export interface ChunkData {
  readonly covered: readonly TimeRange[];
  /** Ascending by open time. */
  readonly candles: readonly Candle[];
}

export type DecodeResult = { readonly ok: true; readonly chunk: ChunkData } | { readonly ok: false; readonly reason: string };

export function encodeChunk(key: CandleSeriesKey, chunk: TimeRange, data: ChunkData): string {
  const rows = data.candles.map((c) =>
    JSON.stringify([
      c.openTime,
      c.open.toFixed(),
      c.high.toFixed(),
      c.low.toFixed(),
      c.close.toFixed(),
      c.volume.toFixed(),
      c.quoteVolume === undefined ? null : c.quoteVolume.toFixed(),
    ]),
  );
  const head = {
    format: FORMAT,
    version: VERSION,
    exchange: key.exchange,
    symbol: key.symbol,
    timeframe: key.timeframe,
    chunk: [chunk.since, chunk.until],
    covered: data.covered.map((r) => [r.since, r.until]),
  };
  // One candle per line keeps files diffable and greppable.
  const headText = JSON.stringify(head);
  return `${headText.slice(0, -1)},"candles":[${rows.length === 0 ? '' : `\n${rows.join(',\n')}\n`}]}\n`;
}

/**
 * Parses and checks a chunk file against the series and chunk it must belong to. Anything off —
 * bad JSON, wrong shape, another series, covered ranges out of order or outside the chunk, a
 * candle out of order, unaligned or outside what the file claims as covered — makes the file
 * unusable as a whole (the caller re-downloads that stretch).
 */
export function decodeChunk(text: string, key: CandleSeriesKey, chunk: TimeRange): DecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = chunkFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `schema: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() };
  }
  const file = parsed.data;
  if (file.exchange !== key.exchange || file.symbol !== key.symbol || file.timeframe !== key.timeframe) {
    return { ok: false, reason: 'belongs to another series' };
  }
  if (file.chunk[0] !== chunk.since || file.chunk[1] !== chunk.until) return { ok: false, reason: 'chunk bounds do not match its name' };

  const covered: TimeRange[] = [];
  let previousEnd = chunk.since;
  for (const [since, until] of file.covered) {
    if (since < previousEnd || until <= since || until > chunk.until) return { ok: false, reason: 'covered ranges out of order or outside the chunk' };
    covered.push({ since, until });
    previousEnd = until;
  }

  const candles: Candle[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  let span = 0;
  for (const [openTime, open, high, low, close, volume, quoteVolume] of file.candles) {
    if (openTime <= previous) return { ok: false, reason: 'candles out of order' };
    if (!isTimeframeAligned(openTime, key.timeframe)) return { ok: false, reason: `candle ${openTime} not aligned` };
    while (span < covered.length && (covered[span] as TimeRange).until <= openTime) span += 1;
    const range = covered[span];
    if (range === undefined || openTime < range.since) return { ok: false, reason: `candle ${openTime} outside the covered ranges` };
    previous = openTime;
    candles.push({
      symbol: key.symbol,
      timeframe: key.timeframe,
      openTime,
      open: toDecimal(open),
      high: toDecimal(high),
      low: toDecimal(low),
      close: toDecimal(close),
      volume: toDecimal(volume),
      ...(quoteVolume !== null && { quoteVolume: toDecimal(quoteVolume) }),
      closed: true,
    });
  }
  return { ok: true, chunk: { covered, candles } };
}
