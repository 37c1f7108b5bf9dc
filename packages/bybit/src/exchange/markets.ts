import type { Market } from '@exkit/core';
import { mapLinearInstrument, mapSpotInstrument } from '../map/market.js';
import { getLinearInstruments, getSpotInstruments } from '../rest/endpoints/instruments-info.js';
import type { BybitContext } from './context.js';

/** The instruments of the enabled categories, linear first; a second instrument on one unified symbol is skipped. */
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
  return out;
}
