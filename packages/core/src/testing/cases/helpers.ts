/** Building blocks shared by the case files: grids, seeded books, orders, positions, comparisons. */
import { Decimal, type DecimalValue } from '../../decimal.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { OrderSide } from '../../models/enums.js';
import type { Market } from '../../models/market.js';
import type { Order } from '../../models/order.js';
import type { OrderBook } from '../../models/order-book.js';
import type { Position } from '../../models/position.js';
import type { PlaceOrderRequest } from '../../models/requests.js';
import { isOnStep, roundToStep } from '../../symbols/rounding.js';
import type { CaseContext } from '../context.js';
import { isCoreDecimal, statusRank } from '../invariants.js';
import type { FeeCurrencyRule } from '../target.js';
import type { LevelInput, VenueBook, VenueInstrument } from '../venue-control.js';

export const D = (v: DecimalValue): Decimal => new Decimal(v);
export const plain = (d: Decimal): string => d.toFixed();
export const TERMINAL = new Set(['filled', 'canceled', 'rejected', 'expired']);
export const isTerminal = (o: Order): boolean => TERMINAL.has(o.status);
export { statusRank };

/**
 * The spec's example numbers ("asks 100×1, 101×3") mapped onto a market's grid: prices n × scale
 * (scale = 1 when 1 is on the tick, else the tick), sizes k × unit (the smallest on-step size that
 * clears minAmount and minNotional at a price of 50 × scale).
 */
export interface Grid {
  readonly market: Market;
  readonly scale: Decimal;
  readonly unit: Decimal;
  px(n: DecimalValue): Decimal;
  qty(k: DecimalValue): Decimal;
}

export function grid(market: Market): Grid {
  const scale = isOnStep(D(1), market.tickSize) ? D(1) : market.tickSize;
  let unit = Decimal.max(market.minAmount, market.stepSize);
  if (market.minNotional) {
    const need = market.minNotional.div(scale.mul(50));
    if (unit.lt(need)) unit = roundToStep(need, market.stepSize, 'up');
  }
  return { market, scale, unit, px: (n) => D(n).mul(scale), qty: (k) => D(k).mul(unit) };
}

export function levels(g: Grid, spec: ReadonlyArray<readonly [price: DecimalValue, size: DecimalValue]>): LevelInput[] {
  return spec.map(([p, k]) => [plain(g.px(p)), plain(g.qty(k))] as const);
}

/**
 * Simulator: freeze, set last/mark and seed exactly these levels (the spec's numbers, on the grid).
 * Ambient default: bids 95..91 and asks 105..109, 5 units each, last = mark = 100.
 */
export async function seed(
  ctx: CaseContext,
  symbol: string,
  book: {
    readonly bids?: ReadonlyArray<readonly [DecimalValue, DecimalValue]>;
    readonly asks?: ReadonlyArray<readonly [DecimalValue, DecimalValue]>;
    readonly last?: DecimalValue;
    readonly mark?: DecimalValue;
  } = {},
): Promise<Grid> {
  const g = grid(ctx.market(symbol));
  const native = ctx.nativeId(symbol);
  await ctx.control.freeze(true);
  const bids = book.bids ?? [95, 94, 93, 92, 91].map((p) => [p, 5] as const);
  const asks = book.asks ?? [105, 106, 107, 108, 109].map((p) => [p, 5] as const);
  await ctx.control.setPrices(native, { last: plain(g.px(book.last ?? 100)), mark: plain(g.px(book.mark ?? book.last ?? 100)) });
  await ctx.control.seedBook(native, { bids: levels(g, bids), asks: levels(g, asks) });
  return g;
}

/** The smallest amount the market accepts at `price` (live orders use the minimum size). */
export function minAmountAt(market: Market, price: Decimal): Decimal {
  let amount = Decimal.max(market.minAmount, market.stepSize);
  if (market.minNotional && amount.mul(price).lt(market.minNotional)) amount = roundToStep(market.minNotional.div(price), market.stepSize, 'up');
  return amount;
}

/** Best bid and ask now (ticker, or the book when the ticker lacks them). */
export async function touch(ctx: CaseContext, ex: Exchange, symbol: string): Promise<{ bid: Decimal; ask: Decimal }> {
  const t = await ex.fetchTicker(symbol);
  if (t.bid && t.ask) return { bid: t.bid, ask: t.ask };
  const b = await ex.fetchOrderBook(symbol, 5);
  const bid = b.bids[0]?.price;
  const ask = b.asks[0]?.price;
  ctx.check(bid && ask, `${symbol}: no bid/ask to place passive orders against`);
  return { bid, ask };
}

/** Passive prices at least `ticks` from the touch (buy under the bid, sell over the ask). */
export async function passivePrices(ctx: CaseContext, ex: Exchange, symbol: string, ticks = 50): Promise<{ buy: Decimal; sell: Decimal; bid: Decimal; ask: Decimal }> {
  const m = ctx.market(symbol);
  const { bid, ask } = await touch(ctx, ex, symbol);
  let buy = bid.minus(m.tickSize.mul(ticks));
  if (buy.lte(0)) buy = roundToStep(bid.div(2), m.tickSize, 'down');
  if (buy.lte(0)) buy = m.tickSize;
  return { buy, sell: ask.plus(m.tickSize.mul(ticks)), bid, ask };
}

/**
 * A standard order request. Adds a kit clientOrderId only when the adapter declares the
 * capability (passing an undeclared option must be refused: CK-ER-10).
 */
export function orderRequest(
  ctx: CaseContext,
  ex: Exchange,
  r: { symbol: string; side: OrderSide; amount: Decimal | string; price?: Decimal | string; type?: 'limit' | 'market' } & Partial<Omit<PlaceOrderRequest, 'symbol' | 'side' | 'amount' | 'price' | 'type'>>,
): PlaceOrderRequest {
  const { amount, price, type, ...rest } = r;
  const str = (v: Decimal | string): string => (typeof v === 'string' ? v : plain(v));
  return {
    type: type ?? (price === undefined ? 'market' : 'limit'),
    ...(ex.capabilities.clientOrderId && { clientOrderId: ctx.coid() }),
    ...rest,
    amount: str(amount),
    ...(price !== undefined && { price: str(price) }),
  };
}

export async function place(
  ctx: CaseContext,
  ex: Exchange,
  r: Parameters<typeof orderRequest>[2],
): Promise<Order> {
  return ex.placeOrder(orderRequest(ctx, ex, r));
}

/** Polls `fetchOrder` until `done` holds; FAIL with the last state otherwise. */
export async function waitOrder(ctx: CaseContext, ex: Exchange, symbol: string, id: string, label: string, done: (o: Order) => boolean, ms = ctx.T): Promise<Order> {
  let last: Order | undefined;
  await ctx.waitFor(label, async () => {
    last = await ex.fetchOrder({ symbol, id });
    return done(last) ? true : `status ${last.status}, filled ${last.filled.toFixed()}`;
  }, ms);
  return last as Order;
}

export const waitTerminal = (ctx: CaseContext, ex: Exchange, symbol: string, id: string, ms?: number): Promise<Order> =>
  waitOrder(ctx, ex, symbol, id, `order ${id} terminal`, isTerminal, ms);

/** Signed position size (0 when absent). */
export async function positionSize(ex: Exchange, symbol: string): Promise<Decimal> {
  const p = await findPosition(ex, symbol);
  return p?.size ?? D(0);
}

export async function findPosition(ex: Exchange, symbol: string): Promise<Position | undefined> {
  const list = await ex.fetchPositions([symbol]);
  return list.find((p) => p.symbol === symbol && !p.size.isZero()) ?? list.find((p) => p.symbol === symbol);
}

/** The declared flat shape (CK-AC-03): size 0 or no entry. */
export async function expectFlat(ctx: CaseContext, ex: Exchange, symbol: string, label: string): Promise<void> {
  const list = (await ex.fetchPositions([symbol])).filter((p) => p.symbol === symbol);
  if (ctx.declared.flatPosition === 'absent') {
    ctx.check(list.every((p) => p.size.isZero()), `${label}: position should be flat, got size ${list.map((p) => p.size.toFixed()).join(', ')}`);
    ctx.check(list.length === 0, `${label}: declared flat shape "absent" but a size-0 entry is listed`);
  } else {
    ctx.check(list.length === 1 && list[0]!.size.isZero(), `${label}: declared flat shape "zero" but got ${list.length === 0 ? 'no entry' : `size ${list.map((p) => p.size.toFixed()).join(', ')}`}`);
  }
}

/** Venue position size for a market (0 when none). */
export async function venuePosition(ctx: CaseContext, nativeId: string): Promise<Decimal> {
  const acc = await ctx.control.account();
  const p = acc.positions.find((x) => x.nativeId === nativeId);
  return p ? D(p.size) : D(0);
}

/** Compares a book with the venue's top `depth` levels; true, or what differs. */
export function compareBook(book: OrderBook | undefined, venue: VenueBook, depth: number): true | string {
  if (!book) return 'no book yet';
  for (const side of ['bids', 'asks'] as const) {
    const want = venue[side].slice(0, depth);
    const got = book[side];
    if (got.length !== want.length) return `${side}: ${got.length} levels, venue has ${want.length}`;
    for (let i = 0; i < want.length; i++) {
      const w = want[i]!;
      const g = got[i]!;
      if (!isCoreDecimal(g.price) || !isCoreDecimal(g.size)) return `${side}[${i}] is not Decimal`;
      if (!g.price.eq(w[0]) || !g.size.eq(w[1])) return `${side}[${i}] ${g.price.toFixed()}×${g.size.toFixed()} ≠ venue ${w[0]}×${w[1]}`;
    }
  }
  return true;
}

/** CK-BK-01's shape on one book; undefined when it holds. */
export function bookProblem(book: OrderBook): string | undefined {
  for (const side of ['bids', 'asks'] as const) {
    const lv = book[side];
    for (let i = 0; i < lv.length; i++) {
      const l = lv[i]!;
      if (!isCoreDecimal(l.size) || !isCoreDecimal(l.price)) return `${side}[${i}] not Decimal`;
      if (!l.size.gt(0)) return `${side}[${i}] size ${l.size.toFixed()} is not > 0`;
      if (i > 0) {
        const prev = lv[i - 1]!.price;
        const ok = side === 'bids' ? l.price.lt(prev) : l.price.gt(prev);
        if (!ok) return `${side} not strictly ${side === 'bids' ? 'descending' : 'ascending'} at ${i} (${prev.toFixed()} then ${l.price.toFixed()})`;
      }
    }
  }
  const bid = book.bids[0]?.price;
  const ask = book.asks[0]?.price;
  if (bid && ask && !bid.lt(ask)) return `crossed: best bid ${bid.toFixed()} ≥ best ask ${ask.toFixed()}`;
  return undefined;
}

/** The currency a fee must be in under the declared rule. */
export function expectedFeeCurrency(rule: FeeCurrencyRule, market: Market, side: OrderSide): string {
  if (typeof rule === 'object') return rule.currency;
  switch (rule) {
    case 'base':
      return market.base;
    case 'quote':
      return market.quote;
    case 'settle':
      return market.settle ?? market.quote;
    case 'received':
      return market.type === 'spot' ? (side === 'buy' ? market.base : market.quote) : (market.settle ?? market.quote);
  }
}

/** The venue instrument of a market (by native id and type). */
export async function venueInstrument(ctx: CaseContext, market: Market): Promise<VenueInstrument> {
  const list = await ctx.control.instruments();
  const inst = list.find((i) => i.nativeId === market.id && (i.type === market.type || list.filter((x) => x.nativeId === market.id).length === 1));
  ctx.check(inst, `${market.symbol}: not in the simulator's instrument table`);
  return inst;
}

/**
 * Simulator: adds a kit instrument modelled on `template` (same currencies and kind, the native id
 * spelled the venue's way by swapping the base), reloads markets and returns its unified symbol.
 */
export async function addKitInstrument(ctx: CaseContext, ex: Exchange, templateSymbol: string, base: string, patch: Partial<VenueInstrument> = {}): Promise<string> {
  const template = await venueInstrument(ctx, ctx.market(templateSymbol));
  const nativeId = template.nativeId.replace(template.base, base);
  ctx.check(nativeId !== template.nativeId, `cannot derive a native id for ${base} from ${template.nativeId}`);
  await ctx.control.addInstrument({ ...template, nativeId, base, status: 'trading', ...patch });
  const markets = await ex.loadMarkets({ reload: true });
  const m = markets.find((x) => x.id === nativeId && x.base === base);
  ctx.check(m, `added instrument ${nativeId} is not among the reloaded markets`);
  return m.symbol;
}

/** The market by symbol from an exchange (after a reload the context's cached registry may be stale). */
export function marketOf(ctx: CaseContext, ex: Exchange, symbol: string): Market {
  const m = ex.markets.find(symbol);
  ctx.check(m, `${symbol} is not a loaded market`);
  return m;
}

/** Sum of Decimals. */
export const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((a, b) => a.plus(b), D(0));

/** Stable JSON of models (Decimals as strings) for equality of whole results. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Decimal ? `D:${v.toFixed()}` : v));
}

/** Streams the adapter declares, in neutral names. */
export const STREAM_OF_CAP = {
  streamTicker: 'ticker',
  streamOrderBook: 'orderBook',
  streamTrades: 'trades',
  streamCandles: 'candles',
  streamOrders: 'orders',
  streamFills: 'fills',
  streamPositions: 'positions',
  streamBalances: 'balances',
} as const;

export type StreamName = (typeof STREAM_OF_CAP)[keyof typeof STREAM_OF_CAP];

export function declaredStreams(ex: Exchange): StreamName[] {
  return (Object.keys(STREAM_OF_CAP) as (keyof typeof STREAM_OF_CAP)[]).filter((k) => ex.capabilities[k]).map((k) => STREAM_OF_CAP[k]);
}

export const PUBLIC_STREAMS: readonly StreamName[] = ['ticker', 'orderBook', 'trades', 'candles'];

/** The smallest declared timeframe (1m when offered). */
export function smallestTimeframe(ex: Exchange): Exchange['timeframes'][number] | undefined {
  return ex.timeframes.includes('1m') ? '1m' : ex.timeframes[0];
}

/**
 * Simulator: the account fills k units at price p: the venue's liquidity is replaced by exactly
 * that one level and a crossing limit order of the account takes it. Returns the filled order.
 */
/** Order fields besides the ones the helpers set. */
export type OrderExtras = Partial<Omit<PlaceOrderRequest, 'symbol' | 'side' | 'amount' | 'price' | 'type'>>;

export async function fillAt(ctx: CaseContext, ex: Exchange, symbol: string, g: Grid, side: OrderSide, p: DecimalValue, k: DecimalValue, extra: OrderExtras = {}): Promise<Order> {
  const native = ctx.nativeId(symbol);
  const price = g.px(p);
  const size = g.qty(k);
  // Only this level on the venue, so the fill happens exactly at p.
  const level: LevelInput[] = [[plain(price), plain(size)]];
  await ctx.control.seedBook(native, side === 'buy' ? { bids: [], asks: level } : { bids: level, asks: [] });
  const o = await place(ctx, ex, { symbol, side, amount: size, price, ...extra });
  return waitOrder(ctx, ex, symbol, o.id, `${side} ${size.toFixed()} @ ${price.toFixed()} filled`, (x) => x.status === 'filled');
}
