/** Order cases OR-01…OR-11: placement, fills, market, post-only, IOC, FOK, reduce-only. */
import { type Decimal } from '../../decimal.js';
import { InvalidOrderError } from '../../errors/error-classes.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { Order } from '../../models/order.js';
import type { CaseContext } from '../context.js';
import type { KitSubscription } from '../instrument.js';
import { D, expectedFeeCurrency, expectFlat, fillAt, isTerminal, minAmountAt, orderRequest, passivePrices, place, plain, positionSize, seed, sum, venueInstrument, venuePosition, waitOrder, waitTerminal, type Grid } from './helpers.js';
import { ANY, cap, SIM, type CaseDef } from './types.js';
import { orderDiff, setup, fillsOf } from './orders-support.js';

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

export const EXECUTION_CASES: readonly CaseDef[] = [OR01, OR02, OR03, OR04, OR05, OR06, OR07, OR08, OR09, OR10, OR11];
