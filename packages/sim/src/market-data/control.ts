import type { OrderSide } from '@exkit/core';
import { markPosition, touchMarket, type Ctx } from '../context.js';
import { reject } from '../errors.js';
import { Level } from '../matching/book.js';
import { addVenueLiquidity, match, removeVenueLiquidity, setVenueLevel } from '../matching/matcher.js';
import { parseDecimal } from '../matching/parse.js';
import { D0, type Decimal } from '../util/decimal.js';
import type { Market } from './market.js';
import { printTrade } from './prints.js';
import type { SimTrade } from './types.js';

export type LevelText = readonly [price: string, size: string];

interface ParsedLevel {
  readonly ticks: bigint;
  readonly lots: bigint;
  readonly priceText: string;
  readonly sizeText: string;
}

function parseLevel(m: Market, price: string, size: string, allowZero: boolean): ParsedLevel {
  const inst = m.instrument;
  const p = parseDecimal(price, 'INVALID_PRICE', 'price');
  if (p.lte(D0)) reject('INVALID_PRICE', `price must be > 0, got ${price}`);
  const ticks = inst.priceToTicks(p) ?? reject('PRICE_TICK', `price ${price} is not on the tick ${inst.tickSize.toFixed()}`);
  const s = parseDecimal(size, 'INVALID_SIZE', 'size');
  if (s.isNegative() || (!allowZero && s.isZero())) reject('INVALID_SIZE', `size must be > 0, got ${size}`);
  const lots = inst.sizeToLots(s) ?? reject('SIZE_STEP', `size ${size} is not a multiple of the step ${inst.stepSize.toFixed()}`);
  return { ticks, lots, priceText: price, sizeText: size };
}

function label(level: Level | undefined, l: ParsedLevel): void {
  if (level === undefined) return;
  level.label = l.priceText;
  level.sizeLabel = level.total === l.lots ? l.sizeText : undefined;
}

/**
 * Replaces the venue's liquidity with exactly these levels (account orders stay; a seeded level
 * that crosses one trades with it first). Published as one snapshot, spellings kept.
 */
export function seedBook(ctx: Ctx, m: Market, book: { readonly bids: readonly LevelText[]; readonly asks: readonly LevelText[] }): void {
  const bids = book.bids.map(([p, s]) => parseLevel(m, p, s, false));
  const asks = book.asks.map(([p, s]) => parseLevel(m, p, s, false));
  for (const side of [bids, asks]) {
    if (new Set(side.map((l) => l.ticks)).size !== side.length) reject('INVALID_PARAMETER', 'a seeded side repeats a price');
  }
  const maxBid = bids.reduce<bigint | undefined>((a, l) => (a === undefined || l.ticks > a ? l.ticks : a), undefined);
  const minAsk = asks.reduce<bigint | undefined>((a, l) => (a === undefined || l.ticks < a ? l.ticks : a), undefined);
  if (maxBid !== undefined && minAsk !== undefined && maxBid >= minAsk) reject('INVALID_PARAMETER', 'seeded bids must be below seeded asks');
  for (const side of [m.book.bids, m.book.asks]) {
    for (const level of [...side.levels]) if (level.venueLots > 0n) removeVenueLiquidity(m, side.isBid, level, level.venueLots);
  }
  for (const l of bids) {
    addVenueLiquidity(ctx, m, true, l.ticks, l.lots);
    label(m.book.bids.get(l.ticks), l);
  }
  for (const l of asks) {
    addVenueLiquidity(ctx, m, false, l.ticks, l.lots);
    label(m.book.asks.get(l.ticks), l);
  }
  m.book.snapshotPending = true;
  m.pendingTicker = true;
  touchMarket(ctx, m);
}

/** One scripted change of venue liquidity at a level (size "0" removes; an absent level is still published). */
export function changeBookLevel(ctx: Ctx, m: Market, change: { readonly side: 'bid' | 'ask'; readonly price: string; readonly size: string }): void {
  if (change.side !== 'bid' && change.side !== 'ask') reject('INVALID_PARAMETER', `side must be bid or ask, got ${String(change.side)}`);
  const bid = change.side === 'bid';
  const l = parseLevel(m, change.price, change.size, true);
  const side = m.book.side(bid);
  const existing = side.get(l.ticks);
  if (existing !== undefined) existing.label = l.priceText;
  if (l.lots === 0n) {
    if (existing !== undefined && existing.venueLots > 0n) removeVenueLiquidity(m, bid, existing, existing.venueLots);
    else if (existing === undefined) {
      const ghost = new Level(l.ticks, m.instrument.price(l.ticks));
      ghost.label = l.priceText;
      m.book.touch(ghost, bid);
    } else m.book.touch(existing, bid);
  } else {
    const level = setVenueLevel(ctx, m, bid, l.ticks, l.lots);
    if (level !== undefined) m.book.touch(level, bid);
    label(level, l);
  }
  touchMarket(ctx, m);
}

/** Trades on the tape (and streams, candles, last price) that touch no account and no book. */
export function printTrades(ctx: Ctx, m: Market, trades: ReadonlyArray<{ readonly price: string; readonly size: string; readonly side: OrderSide }>): SimTrade[] {
  const parsed = trades.map((t) => {
    if (t.side !== 'buy' && t.side !== 'sell') reject('INVALID_PARAMETER', `side must be buy or sell, got ${String(t.side)}`);
    const l = parseLevel(m, t.price, t.size, false);
    return { ...l, side: t.side };
  });
  return parsed.map((t) => printTrade(ctx, m, m.instrument.price(t.ticks), m.instrument.size(t.lots), t.side));
}

/**
 * Another participant's immediate-or-cancel order: matches the book (account orders included, in
 * price-time priority) up to `limitPrice`, rests nothing. Returns the executions.
 */
export function crossBook(
  ctx: Ctx,
  m: Market,
  order: { readonly side: OrderSide; readonly size: string; readonly limitPrice?: string },
): Array<{ price: Decimal; size: Decimal }> {
  if (order.side !== 'buy' && order.side !== 'sell') reject('INVALID_PARAMETER', `side must be buy or sell, got ${String(order.side)}`);
  const inst = m.instrument;
  const size = parseDecimal(order.size, 'INVALID_SIZE', 'size');
  if (size.lte(D0)) reject('INVALID_SIZE', 'size must be > 0');
  const lots = inst.sizeToLots(size) ?? reject('SIZE_STEP', `size ${order.size} is not a multiple of the step ${inst.stepSize.toFixed()}`);
  let limit: bigint | undefined;
  if (order.limitPrice !== undefined) {
    const p = parseDecimal(order.limitPrice, 'INVALID_PRICE', 'limitPrice');
    limit = inst.priceToTicks(p) ?? reject('PRICE_TICK', `limit ${order.limitPrice} is not on the tick ${inst.tickSize.toFixed()}`);
  }
  return match(ctx, m, order.side, limit, lots, undefined).map((e) => ({ price: e.price, size: inst.size(e.lots) }));
}

/**
 * Moves reference prices. `mark` also moves the fair price the background process walks (the
 * market follows the move); `last`, `index` and the funding rate (for the next settlement) are set
 * as given. A running background process recomputes index and rate on its next tick.
 */
export function setPrices(
  ctx: Ctx,
  m: Market,
  prices: { readonly last?: string; readonly mark?: string; readonly index?: string; readonly fundingRate?: string },
): void {
  const inst = m.instrument;
  const parse = (v: string, what: string): Decimal => {
    const d = parseDecimal(v, 'INVALID_PRICE', what);
    if (d.lte(D0)) reject('INVALID_PRICE', `${what} must be > 0`);
    return d;
  };
  const last = prices.last === undefined ? undefined : parse(prices.last, 'last');
  const mark = prices.mark === undefined ? undefined : parse(prices.mark, 'mark');
  const index = prices.index === undefined ? undefined : parse(prices.index, 'index');
  if (last !== undefined) m.last = last;
  if (mark !== undefined) {
    m.mark = mark;
    const ticks = inst.priceToTicks(mark.toDecimalPlaces(inst.tickSize.decimalPlaces()));
    if (ticks !== undefined && ticks > 0n) m.fair = ticks;
    ctx.liquidationCheck.add(m);
  }
  if (index !== undefined) m.index = index;
  if (prices.fundingRate !== undefined) {
    if (inst.isSpot) reject('INVALID_PARAMETER', 'spot markets have no funding');
    m.fundingRate = parseDecimal(prices.fundingRate, 'INVALID_PARAMETER', 'fundingRate');
  }
  ctx.triggerCheck.add(m);
  m.pendingTicker = true;
  touchMarket(ctx, m);
  // Unrealized PnL moved: position subscribers hear about it.
  if (mark !== undefined) for (const id of [...m.holders].sort()) markPosition(ctx, id, inst.symbol);
}
