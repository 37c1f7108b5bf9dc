import type { OrderSide } from '@exkit/core';
import { fillOrder } from '../accounts/settlement.js';
import type { Ctx } from '../context.js';
import type { Market } from '../market-data/market.js';
import { printTrade } from '../market-data/prints.js';
import type { Decimal } from '../util/decimal.js';
import { minBig } from '../util/decimal.js';
import type { BookEntry, BookSide, Level } from './book.js';
import type { OrderRecord } from './order-record.js';
import { cancelOrderRecord } from './cancel.js';

export interface Execution {
  readonly price: Decimal;
  readonly lots: bigint;
}

/** Lots of a reduce-only order that still reduce the account's position (0 when none would). */
export function reducibleLots(m: Market, order: OrderRecord, ctx: Ctx): bigint {
  const acct = ctx.accounts.get(order.accountId);
  const lots = acct?.positions.get(m.instrument.symbol)?.lots ?? 0n;
  if (order.side === 'sell') return lots > 0n ? lots : 0n;
  return lots < 0n ? -lots : 0n;
}

function crosses(level: Level, side: OrderSide, limit: bigint | undefined): boolean {
  if (limit === undefined) return true;
  return side === 'buy' ? level.ticks <= limit : level.ticks >= limit;
}

export function opposite(m: Market, side: OrderSide): BookSide {
  return side === 'buy' ? m.book.asks : m.book.bids;
}

/**
 * Walks the opposite side in price-time priority, best level first, each level's queue in arrival
 * order, up to `limit` ticks (none for market), for at most `lots`. `taker` is an account order, or
 * undefined for venue flow (background takers, `crossBook`, venue liquidity that crosses). Every
 * match prints one public trade at the resting price. Returns the executions.
 */
export function match(ctx: Ctx, m: Market, side: OrderSide, limit: bigint | undefined, lots: bigint, taker: OrderRecord | undefined): Execution[] {
  const book = opposite(m, side);
  const out: Execution[] = [];
  let left = lots;
  while (left > 0n) {
    const level = book.best();
    if (level === undefined || !crosses(level, side, limit)) break;
    const entry = level.front()!;
    let q = minBig(left, entry.lots);
    if (taker?.reduceOnly === true) {
      const cap = reducibleLots(m, taker, ctx);
      if (cap === 0n) break;
      q = minBig(q, cap);
    }
    const maker = entry.order;
    if (maker?.reduceOnly === true) {
      const cap = reducibleLots(m, maker, ctx);
      if (cap === 0n) {
        cancelOrderRecord(ctx, m, maker, 'reduceOnly');
        continue;
      }
      q = minBig(q, cap);
    }
    execute(ctx, m, book, level, entry, q, side, taker);
    out.push({ price: level.price, lots: q });
    left -= q;
  }
  return out;
}

function execute(ctx: Ctx, m: Market, book: BookSide, level: Level, entry: BookEntry, lots: bigint, side: OrderSide, taker: OrderRecord | undefined): void {
  const maker = entry.order;
  level.take(entry, lots);
  if (maker === undefined && entry.lots === 0n) m.book.venueDrained++;
  level.sizeLabel = undefined;
  m.book.touch(level, book.isBid);
  book.dropIfEmpty(level);
  const trade = printTrade(ctx, m, level.price, m.instrument.size(lots), side);
  if (maker !== undefined) fillOrder(ctx, m, maker, level.price, lots, 'maker', trade.id);
  if (taker !== undefined) fillOrder(ctx, m, taker, level.price, lots, 'taker', trade.id);
}

/** Lots available up to `limit` on the opposite side (for FOK), never beyond `want`. */
export function depthUpTo(m: Market, side: OrderSide, limit: bigint | undefined, want: bigint): bigint {
  let sum = 0n;
  for (const level of opposite(m, side).levels) {
    if (!crosses(level, side, limit)) break;
    sum += level.total;
    if (sum >= want) return want;
  }
  return sum;
}

/** Cost of taking `lots` from the opposite side (an estimate for market-order checks); undefined for an empty side. */
export function walkCost(m: Market, side: OrderSide, limit: bigint | undefined, lots: bigint): { notional: Decimal; lots: bigint; worst: Decimal } | undefined {
  let left = lots;
  let notional: Decimal | undefined;
  let worst: Decimal | undefined;
  for (const level of opposite(m, side).levels) {
    if (left === 0n || !crosses(level, side, limit)) break;
    const q = minBig(left, level.total);
    const part = level.price.times(m.instrument.size(q));
    notional = notional === undefined ? part : notional.plus(part);
    worst = level.price;
    left -= q;
  }
  return notional === undefined || worst === undefined ? undefined : { notional, lots: lots - left, worst };
}

// ---- venue liquidity ------------------------------------------------------------------------

/** Adds venue liquidity at a price: whatever crosses trades first (venue flow), the rest rests at the back of the queue. */
export function addVenueLiquidity(ctx: Ctx, m: Market, bid: boolean, ticks: bigint, lots: bigint): void {
  const side: OrderSide = bid ? 'buy' : 'sell';
  let left = lots;
  for (const e of match(ctx, m, side, ticks, left, undefined)) left -= e.lots;
  if (left === 0n) return;
  const bookSide = m.book.side(bid);
  const level = bookSide.getOrCreate(ticks, () => m.instrument.price(ticks));
  level.push(undefined, left);
  level.sizeLabel = undefined;
  m.book.touch(level, bid);
}

/** Takes venue liquidity away at a level, newest first (older quotes keep their place). */
export function removeVenueLiquidity(m: Market, bid: boolean, level: Level, lots: bigint): void {
  let left = lots;
  for (let i = level.entries.length - 1; i >= level.head && left > 0n; i--) {
    const entry = level.entries[i]!;
    if (entry.order !== undefined || entry.lots === 0n) continue;
    const q = minBig(left, entry.lots);
    if (q === entry.lots) level.remove(entry);
    else level.take(entry, q);
    left -= q;
  }
  level.sizeLabel = undefined;
  m.book.venueDrained++;
  m.book.touch(level, bid);
  m.book.side(bid).dropIfEmpty(level);
}

/** Sets the venue part of one level to exactly `lots` (account orders at the level stay). */
export function setVenueLevel(ctx: Ctx, m: Market, bid: boolean, ticks: bigint, lots: bigint): Level | undefined {
  const side = m.book.side(bid);
  const level = side.get(ticks);
  const current = level?.venueLots ?? 0n;
  if (level !== undefined && lots < current) removeVenueLiquidity(m, bid, level, current - lots);
  else if (lots > current) addVenueLiquidity(ctx, m, bid, ticks, lots - current);
  return side.get(ticks);
}
