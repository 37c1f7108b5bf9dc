import type { Candle } from '@exkit/core';
import { renderTable } from './table.js';
import { cell, isoTime, plain } from './values.js';

export type CandleFormat = 'csv' | 'json' | 'table';

const CSV_HEAD = 'open_time,open_time_ms,open,high,low,close,volume';

/** CSV with exact decimal strings (as the venue sent them, never through a float). */
export function candlesToCsv(candles: readonly Candle[]): string {
  const rows = candles.map((c) => [isoTime(c.openTime), String(c.openTime), c.open.toFixed(), c.high.toFixed(), c.low.toFixed(), c.close.toFixed(), c.volume.toFixed()].join(','));
  return [CSV_HEAD, ...rows].join('\n');
}

export function candlesToJson(candles: readonly Candle[]): string {
  return JSON.stringify(plain(candles), null, 2);
}

export function candlesToTable(candles: readonly Candle[]): string {
  return renderTable(
    ['open time', 'open', 'high', 'low', 'close', 'volume'],
    candles.map((c) => [isoTime(c.openTime), cell(c.open), cell(c.high), cell(c.low), cell(c.close), cell(c.volume)]),
  );
}

export function renderCandles(candles: readonly Candle[], format: CandleFormat): string {
  return format === 'csv' ? candlesToCsv(candles) : format === 'json' ? candlesToJson(candles) : candlesToTable(candles);
}
