import type { Market } from '@exkit/core';
import { mapLinearInstrument, mapSpotInstrument } from '../map/market.js';
import { getLinearInstruments, getSpotInstruments, type InstrumentStatus } from '../rest/endpoints/instruments-info.js';
import type { BybitContext } from './context.js';

/** Statuses a market that stopped trading takes (reference §8): asked for only when one vanished. */
const STOPPED: readonly InstrumentStatus[] = ['Settling', 'Delivering', 'Closed'];

/**
 * The instruments of the enabled categories, linear first; a second instrument on one unified symbol is skipped.
 * instruments-info lists `Trading` instruments only by default, so on a reload a market that was
 * loaded before and is now missing (halted, delisted) is looked up under the stopped statuses and
 * kept as inactive (CK-SY-06) rather than vanishing.
 */
export async function loadBybitMarkets(ctx: BybitContext): Promise<Market[]> {
  const out: Market[] = [];
  const seen = new Set<string>();
  const add = (m: Market | undefined): void => {
    if (m === undefined) return;
    if (seen.has(m.symbol)) {
      ctx.logger.warn({ exchange: ctx.id, symbol: m.symbol, id: m.id }, 'two instruments map to one unified symbol; the second is skipped');
      return;
    }
    seen.add(m.symbol);
    out.push(m);
  };
  const [linear, spot] = await Promise.all([
    ctx.categories.includes('linear') ? getLinearInstruments(ctx.rest) : Promise.resolve([]),
    ctx.categories.includes('spot') ? getSpotInstruments(ctx.rest) : Promise.resolve([]),
  ]);
  for (const w of linear) add(mapLinearInstrument(w));
  for (const w of spot) add(mapSpotInstrument(w));
  const vanished = ctx.registry().list().filter((m) => !seen.has(m.symbol));
  if (vanished.length > 0) {
    const wanted = new Set(vanished.map((m) => m.symbol));
    const [stoppedLinear, stoppedSpot] = await Promise.all([
      vanished.some((m) => m.type !== 'spot') ? Promise.all(STOPPED.map((st) => getLinearInstruments(ctx.rest, st))) : Promise.resolve([]),
      vanished.some((m) => m.type === 'spot') ? Promise.all(STOPPED.map((st) => getSpotInstruments(ctx.rest, st))) : Promise.resolve([]),
    ]);
    const keep = (m: Market | undefined): void => {
      if (m !== undefined && wanted.has(m.symbol)) add(m);
    };
    for (const w of stoppedLinear.flat()) keep(mapLinearInstrument(w));
    for (const w of stoppedSpot.flat()) keep(mapSpotInstrument(w));
  }
  return out;
}
