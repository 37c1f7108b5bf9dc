import { TIMEFRAME_MS, timeframeAdd, type Timeframe } from '@exkit/core';
import type { SimInstrument } from '../instruments/instrument.js';
import type { Decimal } from '../util/decimal.js';
import { Prng } from '../util/prng.js';
import type { CandleState } from './candles.js';

/**
 * Candles from before the venue started, so `fetchCandles(limit 50)` has something to return for
 * every timeframe on a fresh venue. A pure function of (seed, symbol, timeframe, start, price): it
 * is regenerated on demand, never snapshotted. Each timeframe walks back from the start price on
 * its own, so a synthetic 1h candle is not the sum of synthetic 1m candles (live ones are).
 */
export function syntheticHistory(
  seed: string | number,
  inst: SimInstrument,
  tf: Timeframe,
  firstLiveOpen: number,
  startPrice: Decimal,
  count: number,
  volatility: number,
): CandleState[] {
  const rng = Prng.from(seed, `history:${inst.symbol}:${tf}`);
  const tick = inst.tickSize.toNumber();
  const minTicks = 1;
  const sigma = Math.min(0.1, volatility * Math.sqrt(TIMEFRAME_MS[tf] / 1000));
  const levelSize = Number(inst.definition.levelNotional ?? '20000') / startPrice.toNumber();
  const out: CandleState[] = new Array<CandleState>(count);
  let closeTicks = Math.max(minTicks, Math.round(startPrice.toNumber() / tick));
  for (let i = count - 1; i >= 0; i--) {
    const openTicks = Math.max(minTicks, Math.round(closeTicks * (1 + sigma * rng.normal())));
    const hiTicks = Math.max(openTicks, closeTicks) + Math.round(Math.abs(rng.normal()) * sigma * 0.5 * closeTicks);
    const loTicks = Math.max(minTicks, Math.min(openTicks, closeTicks) - Math.round(Math.abs(rng.normal()) * sigma * 0.5 * closeTicks));
    const lots = Math.max(1, Math.round((levelSize * (0.5 + rng.next()) * Math.sqrt(TIMEFRAME_MS[tf] / 60_000)) / inst.stepSize.toNumber()));
    const price = (t: number): Decimal => inst.price(BigInt(t));
    const volume = inst.size(BigInt(lots));
    const mid = inst.price(BigInt(Math.round((hiTicks + loTicks) / 2)));
    out[i] = {
      openTime: timeframeAdd(firstLiveOpen, i - count, tf),
      open: price(openTicks),
      high: price(hiTicks),
      low: price(loTicks),
      close: price(closeTicks),
      volume,
      turnover: volume.times(mid),
      trades: Math.max(1, Math.round(lots / 10)),
    };
    closeTicks = openTicks;
  }
  return out;
}

