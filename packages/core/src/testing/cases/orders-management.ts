/** Order cases OR-15…OR-21: client ids, amend, cancel, cancel-all, history, fills. */
import { type Decimal } from '../../decimal.js';
import { InvalidOrderError, OrderNotFoundError } from '../../errors/error-classes.js';
import type { Order } from '../../models/order.js';
import type { CaseContext } from '../context.js';
import { D, expectedFeeCurrency, fillAt, isTerminal, passivePrices, place, plain, seed, sum, waitOrder, waitTerminal } from './helpers.js';
import { ANY, cap, SIM, type CaseDef } from './types.js';
import { orderDiff, setup, resting, triggers } from './orders-support.js';

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

export const MANAGEMENT_CASES: readonly CaseDef[] = [OR15, OR16, OR17, OR18, OR19, OR20, OR21];
