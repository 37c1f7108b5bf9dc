import { Decimal } from '../../decimal.js';
import { InvalidOrderError, OrderNotFoundError } from '../../errors/error-classes.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { Fill } from '../../models/fill.js';
import type { Order } from '../../models/order.js';
import { roundToStep } from '../../symbols/rounding.js';
import type { CaseContext } from '../context.js';
import type { KitSubscription } from '../instrument.js';
import {
  D,
  expectedFeeCurrency,
  expectFlat,
  fillAt,
  isTerminal,
  minAmountAt,
  orderRequest,
  passivePrices,
  place,
  plain,
  positionSize,
  seed,
  sum,
  venueInstrument,
  venuePosition,
  waitOrder,
  waitTerminal,
  type Grid,
  type OrderExtras,
} from './helpers.js';
import { ANY, cap, SIM, type CaseDef } from './types.js';

const COMPARED = ['id', 'clientOrderId', 'symbol', 'type', 'side', 'timeInForce', 'status', 'price', 'amount', 'filled', 'remaining', 'triggerPrice', 'reduceOnly', 'postOnly', 'timestamp'] as const;

/** Field-by-field difference of two views of one order, or undefined. */
export function orderDiff(a: Order, b: Order, fields: readonly (keyof Order)[] = COMPARED): string | undefined {
  for (const f of fields) {
    const [x, y] = [a[f], b[f]];
    const same = x instanceof Decimal && y instanceof Decimal ? x.eq(y) : x === y;
    if (!same) return `${String(f)}: ${String(x)} vs ${String(y)}`;
  }
  return undefined;
}

interface Setup {
  readonly ex: Exchange;
  readonly s: string;
  /** Simulator only. */
  readonly g?: Grid;
}

/** The exchange, the perp, and in the simulator the ambient seeded book (bids 95..91, asks 105..109). */
async function setup(ctx: CaseContext, symbol = ctx.symbols.perp): Promise<Setup> {
  const ex = await ctx.exchange();
  return ctx.sim ? { ex, s: symbol, g: await seed(ctx, symbol) } : { ex, s: symbol };
}

/** A resting limit order at a passive price (sim: one unit; live: the minimum size). */
async function resting(ctx: CaseContext, { ex, s, g }: Setup, side: 'buy' | 'sell', extra: OrderExtras = {}, ticks = 50): Promise<Order> {
  const p = await passivePrices(ctx, ex, s, ticks);
  const price = side === 'buy' ? p.buy : p.sell;
  const amount = g ? g.unit : minAmountAt(ctx.market(s), price);
  return place(ctx, ex, { symbol: s, side, amount, price, ...extra });
}

async function fillsOf(ex: Exchange, symbol: string, orderId: string): Promise<Fill[]> {
  return (await ex.fetchFills(symbol)).filter((f) => f.orderId === orderId);
}

const OR01: CaseDef = {
  id: 'CK-OR-01',
  area: 'OR',
  title: 'passive limit buy and sell: echoed, open, GTC, listed',
  req: 'R',
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const st = await setup(ctx);
    const { ex, s } = st;
    const sub: KitSubscription<Order> | undefined = ex.capabilities.streamOrders ? ctx.streams(ex).orders(s) : undefined;
    if (sub) await ctx.step('orders ready', sub.ready);
    const p = await passivePrices(ctx, ex, s);
    const placed: Order[] = [];
    for (const [side, price] of [['buy', p.buy], ['sell', p.sell]] as const) {
      const amount = st.g ? st.g.unit : minAmountAt(ctx.market(s), price);
      const req = orderRequest(ctx, ex, { symbol: s, side, amount, price });
      const o = await ex.placeOrder(req);
      ctx.check(o.id !== '', `${side}: empty id`);
      if (req.clientOrderId) ctx.check(o.clientOrderId === req.clientOrderId, `${side}: clientOrderId ${String(o.clientOrderId)} ≠ ${req.clientOrderId}`);
      ctx.check(o.status === 'open' && o.type === 'limit' && o.side === side, `${side}: status/type/side ${o.status}/${o.type}/${o.side}`);
      ctx.check(o.timeInForce === 'gtc', `${side}: timeInForce ${o.timeInForce}, expected gtc by default`);
      ctx.eq(o.price, price, `${side} price`);
      ctx.eq(o.amount, amount, `${side} amount`);
      ctx.eq(o.filled, 0, `${side} filled`);
      placed.push(o);
    }
    const open = await ex.fetchOpenOrders(s);
    const mine = ctx.sim ? open : open.filter((o) => placed.some((x) => x.id === o.id) || o.clientOrderId?.startsWith(ctx.session.clientIdPrefix));
    ctx.check(mine.length === 2, `fetchOpenOrders lists ${mine.length} kit orders, expected exactly 2`);
    for (const o of placed) {
      const fetched = await ex.fetchOrder({ symbol: s, id: o.id });
      const d1 = orderDiff(o, fetched);
      ctx.check(!d1, `placeOrder vs fetchOrder (${o.side}): ${d1}`);
      const listed = mine.find((x) => x.id === o.id);
      ctx.check(listed, `${o.id} missing from fetchOpenOrders`);
      const d2 = orderDiff(fetched, listed);
      ctx.check(!d2, `fetchOrder vs fetchOpenOrders (${o.side}): ${d2}`);
      if (o.clientOrderId && ex.capabilities.clientOrderId) {
        const byCoid = await ex.fetchOrder({ symbol: s, clientOrderId: o.clientOrderId });
        ctx.check(byCoid.id === o.id, `fetchOrder by clientOrderId found ${byCoid.id}`);
      }
    }
    if (sub) await ctx.waitFor('order stream emits both', () => (placed.every((o) => sub.items.some((x) => x.id === o.id)) ? true : `${sub.items.length} items`));
  },
};

const OR02: CaseDef = {
  id: 'CK-OR-02',
  area: 'OR',
  title: 'limit buy 4 @ 101 over 100×1, 101×3: average 100.75',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s, { bids: [[95, 5]], asks: [[100, 1], [101, 3], [102, 5]] });
    const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(4), price: g.px(101) });
    const done = await waitOrder(ctx, ex, s, o.id, 'order filled', (x) => x.status === 'filled');
    ctx.eq(done.filled, g.qty(4), 'filled');
    const cost = g.px(100).mul(g.qty(1)).plus(g.px(101).mul(g.qty(3)));
    ctx.eq(done.average, cost.div(g.qty(4)), 'average (100.75 on the grid)');
    const fills = await fillsOf(ex, s, o.id);
    ctx.check(fills.length > 0, 'no fill for the order');
    ctx.check(fills.every((f) => f.price.lte(g.px(101))), 'a fill above the limit 101');
    ctx.eq(sum(fills.map((f) => f.size)), g.qty(4), 'Σ fill sizes');
  },
};

const OR03: CaseDef = {
  id: 'CK-OR-03',
  area: 'OR',
  title: 'limit buy 3 @ 100 over 100×1: partial, 2 rest',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const g = await seed(ctx, s, { bids: [[95, 5]], asks: [[100, 1], [105, 5]] });
    const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(3), price: g.px(100) });
    const now = await waitOrder(ctx, ex, s, o.id, 'one unit filled', (x) => x.filled.eq(g.qty(1)));
    ctx.check(now.status === 'open', `status ${now.status}, expected open (partially filled)`);
    ctx.eq(now.remaining, g.qty(2), 'remaining');
    const book = await ctx.control.book(native, 10);
    const level = book.bids.find(([p]) => D(p).eq(g.px(100)));
    ctx.check(level, 'nothing rests at 100 in the simulator book');
    ctx.eq(D(level[1]), g.qty(2), 'size resting at 100');
    const venue = await ctx.control.orders({ id: o.id });
    ctx.check(venue.length === 1 && venue[0]!.status === 'open', `venue order status ${venue[0]?.status}`);
  },
};

async function marketRound(ctx: CaseContext, ex: Exchange, s: string, g: Grid, side: 'buy' | 'sell'): Promise<void> {
  const o = await place(ctx, ex, { symbol: s, side, amount: g.qty(3) });
  const done = await waitOrder(ctx, ex, s, o.id, `market ${side} filled`, (x) => x.status === 'filled');
  ctx.eq(done.filled, done.amount.toFixed(), `market ${side}: filled = amount`);
  const fills = await fillsOf(ex, s, o.id);
  const size = sum(fills.map((f) => f.size));
  ctx.eq(size, done.amount.toFixed(), `market ${side}: Σ fill sizes`);
  const cost = sum(fills.map((f) => f.price.mul(f.size)));
  ctx.eq(done.average, cost.div(size), `market ${side}: average = Σ p×s / Σ s`);
  const currency = expectedFeeCurrency(ctx.declared.feeCurrency, ctx.market(s), side);
  ctx.check(done.fee, `market ${side}: order carries no fee`);
  ctx.eq(done.fee.amount, sum(fills.map((f) => f.fee.amount)), `market ${side}: order fee = Σ fill fees`);
  ctx.check(done.fee.currency === currency && fills.every((f) => f.fee.currency === currency), `market ${side}: fee currency ${done.fee.currency}, declared ${currency}`);
}

const OR04: CaseDef = {
  id: 'CK-OR-04',
  area: 'OR',
  title: 'market buy and sell: filled, average, fees',
  req: cap('marketOrders'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s, { bids: [[99, 1], [98, 2], [97, 5]], asks: [[100, 1], [101, 2], [102, 5]] });
    await marketRound(ctx, ex, s, g, 'buy');
    await marketRound(ctx, ex, s, g, 'sell');
  },
};

const OR05: CaseDef = {
  id: 'CK-OR-05',
  area: 'OR',
  title: 'market order larger than the book side: terminal, nothing rests',
  req: cap('marketOrders'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const g = await seed(ctx, s, { bids: [], asks: [[100, 1], [101, 2]] });
    const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(5) });
    const done = await waitTerminal(ctx, ex, s, o.id);
    ctx.eq(done.filled, g.qty(3), 'filled (the whole side)');
    ctx.check(done.status !== 'filled', 'status filled although only 3 of 5 units existed');
    ctx.check(!(await ex.fetchOpenOrders(s)).some((x) => x.id === o.id), 'the order is still listed open');
    const venue = await ctx.control.orders({ id: o.id });
    ctx.check(venue.every((v) => v.status !== 'open'), 'the remainder rests on the venue');
    ctx.check((await ctx.control.book(native, 5)).bids.length === 0, 'something rests on the bid side');
  },
};

const OR06: CaseDef = {
  id: 'CK-OR-06',
  area: 'OR',
  title: 'post-only passive: open, flagged; fills are maker at the maker rate',
  req: cap('postOnly'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.unit, price: g.px(96), timeInForce: 'post_only' });
    ctx.check(o.status === 'open', `status ${o.status}`);
    ctx.check(o.postOnly, 'order not flagged postOnly');
    await ctx.control.crossBook(ctx.nativeId(s), { side: 'sell', size: plain(g.unit), limitPrice: plain(g.px(96)) });
    await waitOrder(ctx, ex, s, o.id, 'traded through', (x) => x.status === 'filled');
    const fills = await fillsOf(ex, s, o.id);
    ctx.check(fills.length > 0, 'no fill');
    const inst = await venueInstrument(ctx, ctx.market(s));
    const venueFills = await ctx.control.fills({ orderId: o.id });
    for (const f of fills) {
      ctx.check(f.liquidity === 'maker', `fill ${f.id}: liquidity ${f.liquidity}`);
      const vf = venueFills.find((v) => v.id === f.id);
      ctx.check(vf, `fill ${f.id} unknown to the simulator`);
      ctx.check(vf.liquidity === 'maker', `simulator says fill ${f.id} was ${vf.liquidity}`);
      ctx.eq(f.fee.amount, vf.fee, `fill ${f.id} fee (venue-reported)`);
      ctx.eq(f.fee.amount, f.cost.mul(inst.makerFee), `fill ${f.id} fee at the maker rate ${inst.makerFee}`);
    }
  },
};

async function positionBefore(ctx: CaseContext, ex: Exchange, s: string): Promise<Decimal | undefined> {
  return ex.capabilities.positions ? positionSize(ex, s) : undefined;
}

const OR07: CaseDef = {
  id: 'CK-OR-07',
  area: 'OR',
  title: 'post-only crossing: never fills (declared outcome)',
  req: cap('postOnly'),
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const st = await setup(ctx);
    const { ex, s } = st;
    const { ask } = await passivePrices(ctx, ex, s);
    const amount = st.g ? st.g.unit : minAmountAt(ctx.market(s), ask);
    const before = await positionBefore(ctx, ex, s);
    const req = orderRequest(ctx, ex, { symbol: s, side: 'buy', amount, price: ask, timeInForce: 'post_only' });
    let id: string | undefined;
    if (ctx.declared.postOnlyCross === 'reject') {
      await ctx.expectError('post-only buy at the ask', () => ex.placeOrder(req), InvalidOrderError);
    } else {
      const o = await ex.placeOrder(req);
      id = o.id;
      const done = await waitTerminal(ctx, ex, s, o.id);
      ctx.check(done.status === 'canceled' || done.status === 'rejected', `status ${done.status}, expected canceled or rejected`);
      ctx.eq(done.filled, 0, 'filled');
    }
    const open = await ex.fetchOpenOrders(s);
    ctx.check(!open.some((o) => o.id === id || (req.clientOrderId !== undefined && o.clientOrderId === req.clientOrderId)), 'the post-only order is listed open');
    if (before !== undefined) ctx.eq(await positionSize(ex, s), before, 'position');
    if (ctx.sim) ctx.check((await ctx.control.fills()).length === 0, 'the simulator recorded a fill');
  },
};

const OR08: CaseDef = {
  id: 'CK-OR-08',
  area: 'OR',
  title: 'IOC: partial then canceled; passive IOC canceled unfilled',
  req: cap('ioc'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const g = await seed(ctx, s, { bids: [[90, 5]], asks: [[100, 2], [105, 5]] });
    const a = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(5), price: g.px(100), timeInForce: 'ioc' });
    const da = await waitTerminal(ctx, ex, s, a.id);
    ctx.check(da.status === 'canceled', `first IOC: status ${da.status}, expected canceled`);
    ctx.eq(da.filled, g.qty(2), 'first IOC filled');
    ctx.check(!(await ctx.control.book(native, 10)).bids.some(([p]) => D(p).eq(g.px(100))), 'the IOC remainder rests at 100');
    const b = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.unit, price: g.px(95), timeInForce: 'ioc' });
    const open = await ex.fetchOpenOrders(s);
    const db = await waitTerminal(ctx, ex, s, b.id);
    ctx.check(db.status === 'canceled', `passive IOC: status ${db.status}, expected canceled`);
    ctx.eq(db.filled, 0, 'passive IOC filled');
    ctx.check(!open.some((o) => o.id === b.id), 'the passive IOC was listed open');
  },
};

const OR09: CaseDef = {
  id: 'CK-OR-09',
  area: 'OR',
  title: 'FOK: fills fully, or nothing and the book untouched',
  req: cap('fok'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const asks = [[100, 2], [101, 2]] as const;
    const g = await seed(ctx, s, { bids: [[90, 5]], asks });
    const a = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(3), price: g.px(101), timeInForce: 'fok' });
    const da = await waitTerminal(ctx, ex, s, a.id);
    ctx.eq(da.filled, g.qty(3), 'FOK with depth: filled');
    await seed(ctx, s, { bids: [[90, 5]], asks });
    const before = await ctx.control.book(native, 20);
    const b = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(5), price: g.px(101), timeInForce: 'fok' });
    const db = await waitTerminal(ctx, ex, s, b.id);
    ctx.eq(db.filled, 0, 'FOK without depth: filled');
    ctx.check(db.status === 'canceled' || db.status === 'rejected', `FOK without depth: status ${db.status}`);
    const after = await ctx.control.book(native, 20);
    ctx.check(JSON.stringify(after.asks) === JSON.stringify(before.asks), 'the FOK consumed liquidity');
  },
};

const OR10: CaseDef = {
  id: 'CK-OR-10',
  area: 'OR',
  title: 'reduce-only without a position (declared outcome), stays flat',
  req: cap('reduceOnly'),
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const st = await setup(ctx);
    const { ex, s } = st;
    const before = await positionBefore(ctx, ex, s);
    if (before !== undefined && !before.isZero()) ctx.skipEnv(`a position is open on ${s}`);
    const p = await passivePrices(ctx, ex, s);
    const amount = st.g ? st.g.unit : minAmountAt(ctx.market(s), p.sell);
    const req = orderRequest(ctx, ex, { symbol: s, side: 'sell', amount, price: p.sell, reduceOnly: true });
    if (ctx.declared.reduceOnlyWithoutPosition === 'reject') {
      await ctx.expectError('reduce-only sell without a position', () => ex.placeOrder(req), InvalidOrderError);
    } else {
      const o = await ex.placeOrder(req);
      const done = await waitTerminal(ctx, ex, s, o.id);
      ctx.eq(done.filled, 0, 'filled');
    }
    if (before !== undefined) ctx.eq(await positionSize(ex, s), 0, 'position');
    if (ctx.sim) ctx.eq(await venuePosition(ctx, ctx.nativeId(s)), 0, 'venue position');
  },
};

const OR11: CaseDef = {
  id: 'CK-OR-11',
  area: 'OR',
  title: 'long 2, reduce-only sell 5: ends flat, never short',
  req: cap('reduceOnly'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const g = await seed(ctx, s);
    await fillAt(ctx, ex, s, g, 'buy', 100, 2);
    ctx.eq(await venuePosition(ctx, native), g.qty(2), 'venue position after the buy');
    await ctx.control.seedBook(native, { bids: [[plain(g.px(99)), plain(g.qty(10))]], asks: [] });
    const c = ex.capabilities;
    const o = c.marketOrders
      ? await place(ctx, ex, { symbol: s, side: 'sell', amount: g.qty(5), reduceOnly: true })
      : await place(ctx, ex, { symbol: s, side: 'sell', amount: g.qty(5), price: g.px(99), reduceOnly: true, ...(c.ioc && { timeInForce: 'ioc' as const }) });
    let done = await waitOrder(ctx, ex, s, o.id, 'reduce-only sell done', (x) => isTerminal(x) || x.filled.gte(g.qty(2)));
    if (!isTerminal(done)) done = await ex.cancelOrder({ symbol: s, id: o.id });
    ctx.check(done.filled.lte(g.qty(2)), `reduce-only sell filled ${done.filled.toFixed()} > position ${g.qty(2).toFixed()}`);
    const pos = await venuePosition(ctx, native);
    ctx.check(!pos.isNegative(), `the position went short (${pos.toFixed()})`);
    ctx.eq(pos, 0, 'venue position');
    if (c.positions) await expectFlat(ctx, ex, s, 'after the reduce-only sell');
  },
};

/** Trigger prices around the reference: sim 110/90 of the 100 grid, live ±20 %. */
async function triggers(ctx: CaseContext, st: Setup): Promise<{ up: Decimal; down: Decimal; amount: Decimal }> {
  const m = ctx.market(st.s);
  if (st.g) return { up: st.g.px(110), down: st.g.px(90), amount: st.g.unit };
  const t = await st.ex.fetchTicker(st.s);
  const ref = t.last ?? t.bid;
  ctx.check(ref, 'no last price');
  const up = roundToStep(ref.mul(1.2), m.tickSize, 'up');
  return { up, down: roundToStep(ref.mul(0.8), m.tickSize, 'down'), amount: minAmountAt(m, up) };
}

const OR12: CaseDef = {
  id: 'CK-OR-12',
  area: 'OR',
  title: 'stop-market orders: untriggered, listed, fetchable, cancelable',
  req: cap('conditionalOrders'),
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const st = await setup(ctx);
    const { ex, s } = st;
    const { up, down, amount } = await triggers(ctx, st);
    const orders: Order[] = [];
    for (const [side, trigger, dir] of [['buy', up, 'up'], ['sell', down, 'down']] as const) {
      const o = await place(ctx, ex, { symbol: s, side, amount, type: 'market', triggerPrice: plain(trigger), triggerDirection: dir });
      ctx.check(o.status === 'untriggered', `stop ${side}: status ${o.status}, expected untriggered`);
      ctx.eq(o.triggerPrice, trigger, `stop ${side} triggerPrice`);
      orders.push(o);
    }
    const open = await ex.fetchOpenOrders(s);
    for (const o of orders) {
      const listed = open.find((x) => x.id === o.id);
      ctx.check(listed, `stop ${o.side} missing from fetchOpenOrders`);
      ctx.eq(listed.triggerPrice, o.triggerPrice!, `listed stop ${o.side} triggerPrice`);
      const f = await ex.fetchOrder({ symbol: s, id: o.id });
      ctx.eq(f.triggerPrice, o.triggerPrice!, `fetched stop ${o.side} triggerPrice`);
      ctx.check(f.status === 'untriggered', `fetched stop ${o.side}: status ${f.status}`);
    }
    for (const o of orders) {
      await ex.cancelOrder({ symbol: s, id: o.id });
      const f = await waitTerminal(ctx, ex, s, o.id);
      ctx.check(f.status === 'canceled', `stop ${o.side} after cancel: ${f.status}`);
    }
  },
};

const OR13: CaseDef = {
  id: 'CK-OR-13',
  area: 'OR',
  title: 'stop triggers only through its own reference, keeps its id',
  req: cap('conditionalOrders'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    for (const ref of ctx.declared.triggerReferences ?? (['last', 'mark'] as const)) {
      const other = ref === 'last' ? 'mark' : 'last';
      const g = await seed(ctx, s, { asks: [[104, 5], [105, 5]] });
      const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.unit, type: 'market', triggerPrice: plain(g.px(103)), triggerReference: ref, triggerDirection: 'up' });
      const find = (): Promise<Order> =>
        ctx.declared.conditionalLink === 'clientOrderId' && o.clientOrderId ? ex.fetchOrder({ symbol: s, clientOrderId: o.clientOrderId }) : ex.fetchOrder({ symbol: s, id: o.id });
      const settle = Math.min(300, ctx.T / 10);
      await ctx.control.setPrices(native, { last: plain(g.px(97)), mark: plain(g.px(97)) });
      await ctx.sleep(settle);
      ctx.check((await find()).status === 'untriggered', `${ref}: triggered on the move away`);
      await ctx.control.setPrices(native, { [other]: plain(g.px(104)) });
      await ctx.sleep(settle);
      ctx.check((await find()).status === 'untriggered', `${ref}-referenced stop triggered when ${other} crossed`);
      await ctx.control.setPrices(native, { [ref]: plain(g.px(104)) });
      let last: Order | undefined;
      await ctx.waitFor(`${ref}: triggered and filled`, async () => {
        last = await find();
        return last.status === 'filled' ? true : `status ${last.status}`;
      });
      ctx.eq(last!.triggerPrice, g.px(103), `${ref}: triggerPrice kept`);
      ctx.eq(last!.filled, g.unit, `${ref}: filled`);
    }
  },
};

const OR14: CaseDef = {
  id: 'CK-OR-14',
  area: 'OR',
  title: 'stop-limit triggered beyond its limit rests at the limit',
  req: cap('conditionalOrders'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const g = await seed(ctx, s, { bids: [[95, 5]], asks: [[108, 5]] });
    const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.unit, price: g.px(106), triggerPrice: plain(g.px(103)), triggerDirection: 'up' });
    ctx.check(o.status === 'untriggered', `status ${o.status}`);
    await ctx.control.setPrices(native, { last: plain(g.px(104)), mark: plain(g.px(104)) });
    const now = await waitOrder(ctx, ex, s, o.id, 'triggered and resting', (x) => x.status === 'open');
    ctx.eq(now.price, g.px(106), 'resting price');
    ctx.eq(now.filled, 0, 'filled');
    const bid = (await ctx.control.book(native, 5)).bids.find(([p]) => D(p).eq(g.px(106)));
    ctx.check(bid, 'nothing rests at the limit in the simulator book');
    ctx.check((await fillsOf(ex, s, o.id)).length === 0, 'filled beyond its limit');
  },
};

const OR15: CaseDef = {
  id: 'CK-OR-15',
  area: 'OR',
  title: 'duplicate clientOrderId rejected; first order unchanged',
  req: cap('clientOrderId'),
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const st = await setup(ctx);
    const { ex, s } = st;
    const first = await resting(ctx, st, 'buy');
    const coid = first.clientOrderId;
    ctx.check(coid, 'the first order carries no clientOrderId');
    const p = await passivePrices(ctx, ex, s, 60);
    await ctx.expectError(
      'second order with the same clientOrderId',
      () => ex.placeOrder({ symbol: s, side: 'buy', type: 'limit', amount: plain(first.amount), price: plain(p.buy), clientOrderId: coid }),
      InvalidOrderError,
    );
    const open = (await ex.fetchOpenOrders(s)).filter((o) => o.clientOrderId === coid);
    ctx.check(open.length === 1, `${open.length} open orders carry ${coid}`);
    if (ctx.sim) ctx.check((await ctx.control.orders({ clientOrderId: coid })).length === 1, 'the venue holds more than one order with that clientOrderId');
    const again = await ex.fetchOrder({ symbol: s, id: first.id });
    const d = orderDiff(first, again, ['id', 'status', 'price', 'amount', 'filled']);
    ctx.check(!d, `first order changed: ${d}`);
  },
};

const OR16: CaseDef = {
  id: 'CK-OR-16',
  area: 'OR',
  title: 'amend price: same ids, new price, old level gone',
  req: cap('amendOrder'),
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const st = await setup(ctx);
    const { ex, s } = st;
    const sub = ex.capabilities.streamOrders ? ctx.streams(ex).orders(s) : undefined;
    if (sub) await ctx.step('orders ready', sub.ready);
    const o = await resting(ctx, st, 'buy');
    const price = o.price!.minus(ctx.market(s).tickSize.mul(2));
    const a = await ex.amendOrder({ symbol: s, id: o.id, price: plain(price) });
    ctx.check(a.id === o.id && a.clientOrderId === o.clientOrderId, `amend changed id/clientOrderId to ${a.id}/${String(a.clientOrderId)}`);
    ctx.eq(a.price, price, 'amended price');
    ctx.eq(a.amount, o.amount, 'amount');
    ctx.eq(a.filled, o.filled, 'filled');
    const f = await ex.fetchOrder({ symbol: s, id: o.id });
    ctx.eq(f.price, price, 'fetchOrder price');
    if (sub) await ctx.waitFor('order stream shows the new price', () => (sub.items.some((x) => x.id === o.id && x.price?.eq(price)) ? true : 'not yet'));
    if (ctx.sim) {
      const book = await ctx.control.book(ctx.nativeId(s), 200);
      ctx.check(!book.bids.some(([p]) => D(p).eq(o.price!)), 'the old level is still in the simulator book');
      ctx.check(book.bids.some(([p]) => D(p).eq(price)), 'the new level is not in the simulator book');
    }
  },
};

const OR17: CaseDef = {
  id: 'CK-OR-17',
  area: 'OR',
  title: 'amend amount on a partial fill; below filled refused',
  req: cap('amendOrder'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s, { bids: [[90, 5]], asks: [[100, 2], [105, 5]] });
    const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(4), price: g.px(100) });
    await waitOrder(ctx, ex, s, o.id, 'two units filled', (x) => x.filled.eq(g.qty(2)));
    for (const k of [6, 3]) {
      const a = await ex.amendOrder({ symbol: s, id: o.id, amount: plain(g.qty(k)) });
      ctx.eq(a.filled, g.qty(2), `amend to ${k}: filled kept`);
      ctx.eq(a.remaining, g.qty(k - 2), `amend to ${k}: remaining`);
    }
    await ctx.expectError('amend below filled', () => ex.amendOrder({ symbol: s, id: o.id, amount: plain(g.qty(1)) }), InvalidOrderError);
    const f = await ex.fetchOrder({ symbol: s, id: o.id });
    ctx.eq(f.amount, g.qty(3), 'amount after the refused amend');
    ctx.eq(f.filled, g.qty(2), 'filled after the refused amend');
  },
};

const OR18: CaseDef = {
  id: 'CK-OR-18',
  area: 'OR',
  title: 'cancel open and partial; history; repeat cancel (declared)',
  req: 'R',
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const st = await setup(ctx);
    const { ex, s } = st;
    const a = await resting(ctx, st, 'buy');
    const targets: Array<{ o: Order; filled: Decimal }> = [{ o: a, filled: D(0) }];
    if (st.g) {
      const g = st.g;
      await ctx.control.seedBook(ctx.nativeId(s), { bids: [[plain(g.px(90)), plain(g.qty(5))]], asks: [[plain(g.px(100)), plain(g.unit)], [plain(g.px(105)), plain(g.qty(5))]] });
      const b = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(3), price: g.px(100) });
      await waitOrder(ctx, ex, s, b.id, 'partial fill', (x) => x.filled.eq(g.unit));
      targets.push({ o: b, filled: g.unit });
    } else ctx.note('partially filled order not exercised live');
    for (const { o, filled } of targets) {
      const c = await ex.cancelOrder({ symbol: s, id: o.id });
      const done = c.status === 'canceled' ? c : await waitTerminal(ctx, ex, s, o.id);
      ctx.check(done.status === 'canceled', `${o.id}: status ${done.status} after cancel`);
      ctx.eq(done.filled, filled, `${o.id}: filled kept`);
    }
    const open = await ex.fetchOpenOrders(s);
    ctx.check(!targets.some(({ o }) => open.some((x) => x.id === o.id)), 'a canceled order is listed open');
    await ctx.waitFor('canceled orders in fetchOrderHistory', async () => {
      const hist = await ex.fetchOrderHistory(s);
      for (const { o, filled } of targets) {
        const h = hist.find((x) => x.id === o.id);
        if (!h) return `${o.id} missing`;
        if (!h.filled.eq(filled) || h.status !== 'canceled') return `${o.id}: ${h.status} filled ${h.filled.toFixed()}`;
      }
      return true;
    });
    if (ctx.declared.repeatCancel === 'notFound') {
      await ctx.expectError('repeat cancel', () => ex.cancelOrder({ symbol: s, id: a.id }), OrderNotFoundError);
    } else {
      const again = await ex.cancelOrder({ symbol: s, id: a.id });
      ctx.check(again.status === 'canceled', `repeat cancel (declared no-op) answered status ${again.status}`);
    }
  },
};

const OR19: CaseDef = {
  id: 'CK-OR-19',
  area: 'OR',
  title: 'cancelAllOrders(A): A canceled (conditional per declaration), B untouched',
  req: cap('cancelAllOrders'),
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const st = await setup(ctx);
    const { ex, s } = st;
    const other = await setup(ctx, ctx.symbols.second);
    const onA = [await resting(ctx, st, 'buy'), await resting(ctx, st, 'buy', {}, 60)];
    let conditional: Order | undefined;
    if (ex.capabilities.conditionalOrders) {
      const { up, amount } = await triggers(ctx, st);
      conditional = await place(ctx, ex, { symbol: s, side: 'buy', amount, type: 'market', triggerPrice: plain(up), triggerDirection: 'up' });
    }
    const onB = await resting(ctx, other, 'buy');
    const ids = await ex.cancelAllOrders(s);
    for (const o of onA) {
      ctx.check(ids.includes(o.id), `cancelAllOrders did not return ${o.id}`);
      const f = await waitTerminal(ctx, ex, s, o.id);
      ctx.check(f.status === 'canceled', `${o.id}: ${f.status}`);
    }
    if (conditional) {
      const f = await ex.fetchOrder({ symbol: s, id: conditional.id });
      if (ctx.declared.cancelAllIncludesConditional) ctx.check(f.status === 'canceled', `conditional order: ${f.status} (declared: canceled by cancelAll)`);
      else ctx.check(f.status === 'untriggered', `conditional order: ${f.status} (declared: kept by cancelAll)`);
    }
    const b = await ex.fetchOrder({ symbol: ctx.symbols.second, id: onB.id });
    ctx.check(b.status === 'open', `order on ${ctx.symbols.second}: ${b.status}`);
    const left = await ex.fetchOpenOrders(s);
    const allowed = conditional && !ctx.declared.cancelAllIncludesConditional ? [conditional.id] : [];
    ctx.check(left.every((o) => allowed.includes(o.id)), `fetchOpenOrders(${s}) still lists ${left.length - allowed.length} order(s)`);
  },
};

const OR20: CaseDef = {
  id: 'CK-OR-20',
  area: 'OR',
  title: 'fetchOrderHistory: terminal kit orders once, ascending, since/limit',
  req: 'R',
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const st = await setup(ctx);
    const { ex, s } = st;
    const mine: Order[] = [];
    for (let i = 0; i < 3; i++) {
      const o = await resting(ctx, st, 'buy', {}, 50 + i);
      await ex.cancelOrder({ symbol: s, id: o.id });
      mine.push(o);
    }
    if (st.g) mine.push(await fillAt(ctx, ex, s, st.g, 'buy', 100, 1));
    const since = mine[0]!.timestamp;
    const finals = await Promise.all(mine.map((o) => waitTerminal(ctx, ex, s, o.id)));
    let hist: Order[] = [];
    await ctx.waitFor('every kit order in the history', async () => {
      hist = await ex.fetchOrderHistory(s, { since });
      const missing = finals.filter((o) => !hist.some((h) => h.id === o.id));
      return missing.length === 0 ? true : `${missing.length} missing`;
    });
    for (const o of finals) {
      const rows = hist.filter((h) => h.id === o.id);
      ctx.check(rows.length === 1, `${o.id} appears ${rows.length} times`);
      ctx.check(rows[0]!.status === o.status, `${o.id}: history says ${rows[0]!.status}, fetchOrder ${o.status}`);
      ctx.eq(rows[0]!.filled, o.filled, `${o.id}: history filled`);
    }
    ctx.check(hist.every(isTerminal), 'an open order is in the history');
    ctx.check(hist.every((h) => h.timestamp >= since || h.updatedAt >= since), 'an order before since is in the history');
    for (let i = 1; i < hist.length; i++) ctx.check(hist[i - 1]!.timestamp <= hist[i]!.timestamp, `history not ascending at ${i}`);
    const two = await ex.fetchOrderHistory(s, { since, limit: 2 });
    ctx.check(two.length <= 2, `limit 2 answered ${two.length}`);
    ctx.check(two.every((h) => hist.some((x) => x.id === h.id)), 'limited history lists orders outside the range');
    for (let i = 1; i < two.length; i++) ctx.check(two[i - 1]!.timestamp <= two[i]!.timestamp, 'limited history not ascending');
  },
};

const OR21: CaseDef = {
  id: 'CK-OR-21',
  area: 'OR',
  title: 'fetchFills: linked, Σ = filled, fees, ascending, = fill stream',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const g = await seed(ctx, s, { bids: [[90, 5]], asks: [[100, 1], [101, 1]] });
    const sub = ex.capabilities.streamFills ? ctx.streams(ex).fills(s) : undefined;
    if (sub) await ctx.step('fills ready', sub.ready);
    const a = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(2), price: g.px(101) });
    await waitOrder(ctx, ex, s, a.id, 'buy filled', (x) => x.status === 'filled');
    await ctx.control.seedBook(native, { bids: [[plain(g.px(99)), plain(g.qty(2))]], asks: [] });
    const b = await place(ctx, ex, { symbol: s, side: 'sell', amount: g.qty(2), price: g.px(99) });
    await waitOrder(ctx, ex, s, b.id, 'sell filled', (x) => x.status === 'filled');
    const since = a.timestamp;
    const fills = await ex.fetchFills(s, { since });
    const ids = new Set(fills.map((f) => f.id));
    ctx.check(ids.size === fills.length, 'fill ids repeat');
    for (const o of [a, b]) {
      const f = await ex.fetchOrder({ symbol: s, id: o.id });
      const mine = fills.filter((x) => x.orderId === o.id);
      ctx.eq(sum(mine.map((x) => x.size)), f.filled.toFixed(), `order ${o.id}: Σ fill sizes = filled`);
      const currency = expectedFeeCurrency(ctx.declared.feeCurrency, ctx.market(s), o.side);
      ctx.check(mine.every((x) => x.fee.currency === currency), `order ${o.id}: fee currency ≠ declared ${currency}`);
    }
    ctx.check(fills.every((f) => f.orderId === a.id || f.orderId === b.id), 'a fill links to no kit order');
    for (let i = 1; i < fills.length; i++) ctx.check(fills[i - 1]!.timestamp <= fills[i]!.timestamp, `fills not ascending at ${i}`);
    if (sub) {
      await ctx.waitFor('fill stream = fetchFills', () => {
        const streamed = new Set(sub.items.map((f) => f.id));
        return streamed.size === ids.size && [...ids].every((id) => streamed.has(id)) ? true : `stream ${streamed.size}, REST ${ids.size}`;
      });
    }
  },
};

export const ORDER_CASES: readonly CaseDef[] = [OR01, OR02, OR03, OR04, OR05, OR06, OR07, OR08, OR09, OR10, OR11, OR12, OR13, OR14, OR15, OR16, OR17, OR18, OR19, OR20, OR21];
