import { historyQuerySchema, InvalidArgumentError, NotSupportedError, UnexpectedResponseError, type FundingRate, type HistoryQuery, type Market } from '@exkit/core';
import { mapFundingHistory, mapTickerFunding } from '../map/funding.js';
import { FUNDING_PAGE_SIZE, getFundingHistory } from '../rest/endpoints/funding-history.js';
import { getTickers } from '../rest/endpoints/tickers.js';
import type { BybitContext } from './context.js';
import { limitAscending, MAX_HISTORY_PAGES } from './history.js';

/** Query of `fetchFundingRateHistory`. */
export type FundingRateHistoryQuery = HistoryQuery;

function refuseSpot(ctx: BybitContext, market: Market): void {
  if (market.type === 'spot') throw new NotSupportedError(`${ctx.id}: ${market.symbol} is spot and has no funding rate`, { exchange: ctx.id });
}

/** The current funding rate of a perpetual, from its ticker. */
export async function fetchFundingRate(ctx: BybitContext, market: Market): Promise<FundingRate> {
  refuseSpot(ctx, market);
  const res = await getTickers(ctx.rest, 'linear', market.id);
  const item = res.result.list.find((t) => t.symbol === market.id);
  if (item === undefined) throw new UnexpectedResponseError(`${ctx.id}: no ticker for ${market.id} in the answer`, { exchange: ctx.id, path: 'result.list' });
  return mapTickerFunding(item, market);
}

/** The query, validated before any request (InvalidArgumentError naming the field). */
export function checkFundingHistoryQuery(ctx: BybitContext, query: FundingRateHistoryQuery): void {
  const checked = historyQuerySchema.safeParse(query);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `query.${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InvalidArgumentError(`${ctx.id}: invalid query: ${issues}`, { exchange: ctx.id });
  }
}

/**
 * Settled funding rates of a perpetual, ascending (`/v5/market/funding/history`, paged backwards
 * by `endTime`, 200 a page). With `since`: the earliest `limit` from it; without: the newest `limit`.
 */
export async function fetchFundingRateHistory(ctx: BybitContext, market: Market, query: FundingRateHistoryQuery): Promise<FundingRate[]> {
  refuseSpot(ctx, market);
  const since = query.since;
  const out = new Map<number, FundingRate>();
  let end = query.until === undefined ? undefined : query.until - 1;
  for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
    const res = await getFundingHistory(ctx.rest, market.id, end);
    let oldest = Number.POSITIVE_INFINITY;
    for (const w of res.result.list) {
      oldest = Math.min(oldest, w.fundingRateTimestamp);
      if ((since === undefined || w.fundingRateTimestamp >= since) && (query.until === undefined || w.fundingRateTimestamp < query.until)) {
        out.set(w.fundingRateTimestamp, mapFundingHistory(w, market));
      }
    }
    const enough = since === undefined && query.limit !== undefined && out.size >= query.limit;
    if (res.result.list.length < FUNDING_PAGE_SIZE || enough || (since !== undefined && oldest <= since) || !Number.isFinite(oldest)) break;
    end = oldest - 1;
  }
  const rates = [...out.values()].sort((a, b) => a.timestamp - b.timestamp);
  return limitAscending(rates, query);
}
