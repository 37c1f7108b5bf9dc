import { readFileSync } from 'node:fs';
import { timeframeCeil, timeframeDuration, timeframeNextOpen, type Timeframe } from '@exkit/core';
import type { Ctx } from '../context.js';
import { reject } from '../errors.js';
import type { ReplayCandle } from '../instruments/definition.js';
import type { SimInstrument } from '../instruments/instrument.js';
import { Decimal, toDecimal, toUnitsFloor } from '../util/decimal.js';
import type { Market } from './market.js';
import { printTrade } from './prints.js';
import { maintainBook, updateReferencePrices } from './process.js';

/** Where a replaying market is in its recorded series. */
export interface ReplayState {
  readonly timeframe: Timeframe;
  readonly candles: readonly ReplayCandle[];
  readonly loop: boolean;
  /** ms added to recorded open times (aligns the series to the venue clock). */
  shift: number;
  /** Next candle and print within it (0..3). */
  index: number;
  step: number;
}

/**
 * Parses recorded candles: CSV lines `openTime,open,high,low,close,volume` (a header line is
 * skipped) or a JSON array of rows `[openTime, open, high, low, close, volume]` or objects with
 * those names. Numbers stay text until they become Decimals.
 */
export function parseReplayCandles(text: string): ReplayCandle[] {
  const trimmed = text.trim();
  const rows: unknown[][] = [];
  if (trimmed.startsWith('[')) {
    const json = JSON.parse(trimmed) as unknown[];
    for (const r of json) {
      if (Array.isArray(r)) rows.push(r);
      else if (typeof r === 'object' && r !== null) {
        const o = r as Record<string, unknown>;
        rows.push([o['openTime'], o['open'], o['high'], o['low'], o['close'], o['volume']]);
      }
    }
  } else {
    for (const line of trimmed.split(/\r?\n/)) {
      if (line.trim() === '' || /[a-z]/i.test(line.split(',')[0] ?? '')) continue;
      rows.push(line.split(',').map((s) => s.trim()));
    }
  }
  return rows.map((r, i) => {
    if (r.length < 6) reject('INVALID_PARAMETER', `replay row ${i}: expected 6 fields`);
    const openTime = Number(r[0]);
    if (!Number.isInteger(openTime)) reject('INVALID_PARAMETER', `replay row ${i}: bad openTime`);
    const [open, high, low, close, volume] = r.slice(1, 6).map((v) => String(v));
    return { openTime, open: open!, high: high!, low: low!, close: close!, volume: volume! };
  });
}

export function loadReplayCandles(path: string): ReplayCandle[] {
  return parseReplayCandles(readFileSync(path, 'utf8'));
}

export function validateReplay(inst: SimInstrument, timeframe: Timeframe, candles: readonly ReplayCandle[]): void {
  if (timeframe === '1M') reject('INVALID_PARAMETER', 'replay of 1M candles is not supported (months have no fixed length)');
  let prev: number | undefined;
  for (const c of candles) {
    if (timeframeCeil(c.openTime, timeframe) !== c.openTime) reject('INVALID_PARAMETER', `replay candle at ${c.openTime} is not aligned to ${timeframe}`);
    if (prev !== undefined && c.openTime <= prev) reject('INVALID_PARAMETER', 'replay candles must be strictly ascending');
    prev = c.openTime;
    for (const v of [c.open, c.high, c.low, c.close]) {
      if (inst.priceToTicks(toDecimal(v)) === undefined) reject('INVALID_PARAMETER', `replay price ${v} is not on the tick of ${inst.symbol}`);
    }
  }
}

export function startReplay(spec: { timeframe: Timeframe; candles: readonly ReplayCandle[]; loop?: boolean | undefined }, now: number): ReplayState {
  const first = spec.candles[0]!;
  return { timeframe: spec.timeframe, candles: spec.candles, loop: spec.loop === true, shift: timeframeCeil(now, spec.timeframe) - first.openTime, index: 0, step: 0 };
}

/** The venue time of the next print, or undefined when the series is over. */
export function nextReplayTime(r: ReplayState): number | undefined {
  const c = r.candles[r.index];
  if (c === undefined) return undefined;
  const open = c.openTime + r.shift;
  return open + Math.floor((timeframeDuration(open, r.timeframe) * r.step) / 4);
}

/**
 * One print of the recorded path. Each candle is replayed as four trades — open, then low and high
 * (high first when it closed down), then close — at 0, ¼, ½ and ¾ of its interval, the volume split
 * over them on the lot grid, so the venue's candles of that timeframe come out equal to the recording
 * (as long as no account trades there meanwhile). Quotes follow the price.
 */
export function replayStep(ctx: Ctx, m: Market): void {
  const r = m.replay!;
  const c = r.candles[r.index]!;
  const inst = m.instrument;
  const up = toDecimal(c.close).gte(toDecimal(c.open));
  const path = [c.open, up ? c.low : c.high, up ? c.high : c.low, c.close];
  const lots = toUnitsFloor(toDecimal(c.volume), inst.stepSize);
  const part = lots / 4n;
  const size = r.step === 3 ? lots - part * 3n : part;
  const price = new Decimal(path[r.step]!);
  m.fair = inst.priceToTicks(price)!;
  maintainBook(ctx, m);
  if (size > 0n) printTrade(ctx, m, price, inst.size(size), r.step % 2 === 0 ? 'buy' : 'sell');
  updateReferencePrices(ctx, m, 0);
  r.step++;
  if (r.step === 4) {
    r.step = 0;
    r.index++;
    if (r.index === r.candles.length && r.loop) {
      const last = r.candles[r.candles.length - 1]!;
      r.shift += timeframeNextOpen(last.openTime + r.shift, r.timeframe) - (r.candles[0]!.openTime + r.shift);
      r.index = 0;
    }
  }
}
