/** Order cases OR-12…OR-14: conditional (trigger) orders. */
import type { Order } from '../../models/order.js';
import type { CaseContext } from '../context.js';
import { D, place, plain, seed, waitOrder, waitTerminal } from './helpers.js';
import { ANY, cap, SIM, type CaseDef } from './types.js';
import { setup, fillsOf, triggers } from './orders-support.js';


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

export const CONDITIONAL_CASES: readonly CaseDef[] = [OR12, OR13, OR14];
