import { touchMarket, type Ctx } from '../context.js';
import { addVenueLiquidity, match, removeVenueLiquidity, setVenueLevel } from '../matching/matcher.js';
import { Decimal } from '../util/decimal.js';
import type { BookSide } from '../matching/book.js';
import type { Market } from './market.js';

const MEAN_REVERSION = 0.0005;

function randomLots(m: Market): bigint {
  const lots = Math.round(m.params.levelLots * (0.2 + 1.6 * m.rng.next()));
  return BigInt(Math.max(Number(m.instrument.minLots), lots));
}

/**
 * One background tick of a random-mode market: the fair price takes a step (a random walk that
 * reverts gently to where it started), the venue's quotes follow it on a fixed price grid, a couple
 * of levels change size, and sometimes someone trades. Quotes never cross an account's order: the
 * venue trades with it instead (a price that moves through a resting order fills it).
 */
export function processTick(ctx: Ctx, m: Market, dtMs: number): void {
  const p = m.params;
  const rng = m.rng;
  const fairF = Number(m.fair);
  const sigma = p.volatility * Math.sqrt(dtMs / 1000);
  let move = Math.round(fairF * sigma * rng.normal());
  move += Math.round((Number(m.anchor) - fairF) * MEAN_REVERSION);
  let fair = m.fair + BigInt(move);
  const floor = p.halfSpread + p.gap * BigInt(p.depth) + 1n;
  if (fair < floor) fair = floor;
  m.fair = fair;
  maintainBook(ctx, m);
  // A couple of quote updates near the top.
  for (let i = 0; i < 2; i++) {
    const bid = rng.chance(0.5);
    const k = BigInt(rng.int(0, Math.min(p.depth, 20) - 1));
    const ticks = bid ? gridBelow(m.fair - p.halfSpread, p.gap) - k * p.gap : gridAbove(m.fair + p.halfSpread, p.gap) + k * p.gap;
    setVenueLevel(ctx, m, bid, ticks, randomLots(m));
  }
  if (rng.chance(p.tradeProbability)) {
    const side = rng.chance(0.5) ? 'buy' : 'sell';
    const lots = BigInt(Math.max(Number(m.instrument.minLots), Math.round(p.levelLots * 0.5 * rng.next())));
    match(ctx, m, side, undefined, lots, undefined);
  }
  updateReferencePrices(ctx, m, rng.normal());
}

/** Index = fair plus a little basis noise; mark = fair; funding follows the premium. */
export function updateReferencePrices(ctx: Ctx, m: Market, noise: number): void {
  const inst = m.instrument;
  const mark = inst.price(m.fair);
  const index = inst.price(m.fair + BigInt(Math.round(noise * Number(m.params.halfSpread))));
  if (!mark.eq(m.mark)) {
    m.mark = mark;
    ctx.triggerCheck.add(m);
    ctx.liquidationCheck.add(m);
  }
  if (!index.eq(m.index)) {
    m.index = index;
    ctx.triggerCheck.add(m);
  }
  if (!inst.isSpot) {
    const premium = (mark.toNumber() - index.toNumber()) / index.toNumber();
    const cap = inst.fundingRateCap.toNumber();
    const micro = Math.round(Math.max(-cap, Math.min(cap, 0.0001 + premium * 0.1)) * 1e6);
    m.fundingRate = new Decimal(micro).div(1e6);
    const oi = m.oiBase.toNumber() * (1 + 0.0002 * m.rng.normal());
    const lots = Math.max(0, Math.round(oi / inst.stepSize.toNumber()));
    m.oiBase = inst.size(BigInt(lots));
  }
  m.pendingTicker = true;
  touchMarket(ctx, m);
}

export function gridAbove(ticks: bigint, gap: bigint): bigint {
  const r = ((ticks % gap) + gap) % gap;
  return r === 0n ? ticks : ticks + gap - r;
}

export function gridBelow(ticks: bigint, gap: bigint): bigint {
  const r = ((ticks % gap) + gap) % gap;
  return ticks - r;
}

/** Keeps `depth` venue levels a side on the grid around the fair price; trades away what the new quotes would cross. */
export function maintainBook(ctx: Ctx, m: Market): void {
  const { gap, halfSpread, depth } = m.params;
  let askTop = gridAbove(m.fair + halfSpread, gap);
  const bidTop = gridBelow(m.fair - halfSpread, gap);
  if (askTop <= bidTop) askTop = bidTop + gap;
  const askBottom = askTop + gap * BigInt(depth - 1);
  let bidBottom = bidTop - gap * BigInt(depth - 1);
  if (bidBottom < 1n) bidBottom = 1n;
  const book = m.book;
  dropVenue(m, book.asks, askTop, askBottom);
  dropVenue(m, book.bids, bidTop, bidBottom);
  // Account orders the new quotes would cross: the venue takes them at their own price.
  sweep(ctx, m, 'sell', askTop);
  sweep(ctx, m, 'buy', bidTop);
  // Refill the grid only when it moved or venue quotes were used up since the last refill.
  const key = `${askTop}:${bidTop}:${book.venueDrained}`;
  if (m.gridKey === key) return;
  fillGrid(ctx, m, book.asks, askTop, askBottom, gap);
  fillGrid(ctx, m, book.bids, bidTop, bidBottom, -gap);
  m.gridKey = `${askTop}:${bidTop}:${book.venueDrained}`;
}

/**
 * Puts venue liquidity on every grid price from `top` to `bottom` that has none, walking the
 * side's sorted levels alongside the grid (no lookups). Asks first, then bids, grid order: the
 * random sizes are drawn in a fixed order.
 */
function fillGrid(ctx: Ctx, m: Market, side: BookSide, top: bigint, bottom: bigint, step: bigint): void {
  const levels = side.levels;
  let i = 0;
  for (let p = top; step > 0n ? p <= bottom : p >= bottom; p += step) {
    while (i < levels.length && side.better(levels[i]!.ticks, p)) i++;
    const level = levels[i];
    if (level !== undefined && level.ticks === p && level.venueLots > 0n) continue;
    addVenueLiquidity(ctx, m, side.isBid, p, randomLots(m));
  }
}

/** Removes venue quotes better than `top` or worse than `bottom` (account orders stay). */
function dropVenue(m: Market, side: BookSide, top: bigint, bottom: bigint): void {
  const inside = (t: bigint): boolean => (side.isBid ? t <= top && t >= bottom : t >= top && t <= bottom);
  for (let i = 0; i < side.levels.length; ) {
    const level = side.levels[i]!;
    if (inside(level.ticks)) break;
    if (level.venueLots > 0n) removeVenueLiquidity(m, side.isBid, level, level.venueLots);
    if (side.levels[i] === level) i++;
  }
  for (let i = side.levels.length - 1; i >= 0; i--) {
    const level = side.levels[i]!;
    if (inside(level.ticks)) break;
    if (level.venueLots > 0n) removeVenueLiquidity(m, side.isBid, level, level.venueLots);
  }
}

function sweep(ctx: Ctx, m: Market, side: 'buy' | 'sell', limit: bigint): void {
  const book = side === 'sell' ? m.book.bids : m.book.asks;
  let lots = 0n;
  for (const level of book.levels) {
    if (side === 'sell' ? level.ticks < limit : level.ticks > limit) break;
    lots += level.total;
  }
  if (lots > 0n) match(ctx, m, side, limit, lots, undefined);
}
