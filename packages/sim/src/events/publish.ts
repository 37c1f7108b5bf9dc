import { balanceView, positionView } from '../accounts/views.js';
import type { Ctx } from '../context.js';
import { candleView } from '../market-data/candles.js';
import type { Market } from '../market-data/market.js';
import { tickerView } from '../market-data/ticker.js';
import type { BookLevel } from '../market-data/types.js';
import type { BookSide, Level } from '../matching/book.js';
import { orderView } from '../matching/order-record.js';

function priceText(m: Market, level: Level): string {
  return level.label ?? (level.priceText ??= m.instrument.formatPrice(level.ticks));
}

export function levelText(m: Market, level: Level): BookLevel {
  return [priceText(m, level), level.sizeLabel ?? m.instrument.formatSize(level.total)];
}

/** Top `depth` levels of a side, best first. */
export function sideLevels(m: Market, side: BookSide, depth: number): BookLevel[] {
  const out: BookLevel[] = [];
  for (const level of side.levels) {
    if (out.length >= depth) break;
    out.push(levelText(m, level));
  }
  return out;
}

function changed(m: Market, side: BookSide, levels: ReadonlyMap<bigint, Level>): BookLevel[] {
  const out: Array<[bigint, BookLevel]> = [];
  for (const [ticks, level] of levels) {
    const live = side.get(ticks) === level && level.total > 0n;
    out.push([ticks, live ? levelText(m, level) : [priceText(m, level), '0']]);
  }
  out.sort((a, b) => (side.better(a[0], b[0]) ? -1 : a[0] === b[0] ? 0 : 1));
  return out.map((x) => x[1]);
}

/**
 * Publishes what the finished action changed: per market its trades, one book event (a delta of
 * every touched level, or a snapshot after a seed), closed and running candles, the ticker; then
 * per account its fills, orders, positions, balances and funding payments. Sequence numbers
 * advance whether or not anyone listens, so they depend only on what happened.
 */
export function flush(ctx: Ctx): void {
  const bus = ctx.bus;
  const active = bus.active;
  const now = ctx.clock.now();
  for (const m of ctx.dirtyMarkets) {
    const symbol = m.instrument.symbol;
    for (const trade of m.pendingTrades) if (active) bus.publish({ channel: 'public', type: 'trade', symbol, seq: trade.seq, timestamp: trade.timestamp, trade });
    m.pendingTrades.length = 0;
    const book = m.book;
    if (book.dirty) {
      const seq = ++book.seq;
      if (active) {
        const snapshot = book.snapshotPending;
        bus.publish({
          channel: 'public',
          type: 'book',
          symbol,
          seq,
          timestamp: now,
          snapshot,
          bids: snapshot ? sideLevels(m, book.bids, Infinity) : changed(m, book.bids, book.changedBids),
          asks: snapshot ? sideLevels(m, book.asks, Infinity) : changed(m, book.asks, book.changedAsks),
        });
      }
      book.clearChanges();
      m.pendingTicker = true;
    }
    for (const [tf, c] of m.pendingClosed) {
      const seq = (m.seqs.candle[tf] = (m.seqs.candle[tf] ?? 0) + 1);
      if (active) bus.publish({ channel: 'public', type: 'candle', symbol, seq, timestamp: now, candle: candleView(symbol, tf, c, true) });
    }
    m.pendingClosed.length = 0;
    for (const tf of m.pendingCandles) {
      const seq = (m.seqs.candle[tf] = (m.seqs.candle[tf] ?? 0) + 1);
      if (active) bus.publish({ channel: 'public', type: 'candle', symbol, seq, timestamp: now, candle: candleView(symbol, tf, m.candles.running(tf), false) });
    }
    m.pendingCandles.clear();
    if (m.pendingTicker) {
      const seq = ++m.seqs.ticker;
      if (active) bus.publish({ channel: 'public', type: 'ticker', symbol, seq, timestamp: now, ticker: tickerView(ctx, m) });
      m.pendingTicker = false;
    }
    if (m.pendingMarket !== undefined) {
      const seq = ++m.seqs.market;
      if (active) bus.publish({ channel: 'public', type: 'market', symbol, seq, timestamp: now, status: m.instrument.status, added: m.pendingMarket.added });
      m.pendingMarket = undefined;
    }
    if (m.pendingFunding !== undefined) {
      const seq = ++m.seqs.funding;
      if (active) bus.publish({ channel: 'public', type: 'funding', symbol, seq, timestamp: now, rate: m.pendingFunding.rate, markPrice: m.pendingFunding.mark });
      m.pendingFunding = undefined;
    }
  }
  ctx.dirtyMarkets.clear();
  for (const [id, p] of ctx.dirtyAccounts) {
    const acct = ctx.accounts.get(id);
    if (acct === undefined) continue;
    const base = { channel: 'private', accountId: id, timestamp: now } as const;
    for (const fill of p.fills) {
      const seq = ++acct.seq;
      if (active) bus.publish({ ...base, seq, type: 'fill', fill });
    }
    for (const order of p.orders.values()) {
      const seq = ++acct.seq;
      if (active) bus.publish({ ...base, seq, type: 'order', order: orderView(order) });
    }
    for (const symbol of p.positions) {
      const seq = ++acct.seq;
      if (active) bus.publish({ ...base, seq, type: 'position', position: positionView(ctx, acct, symbol) });
    }
    for (const coin of [...p.balances].sort()) {
      const seq = ++acct.seq;
      if (active) bus.publish({ ...base, seq, type: 'balance', balance: balanceView(ctx, acct, coin) });
    }
    for (const funding of p.fundings) {
      const seq = ++acct.seq;
      if (active) bus.publish({ ...base, seq, type: 'funding', funding });
    }
  }
  ctx.dirtyAccounts.clear();
}
