/** What the order cases share: a seeded market, resting orders, trigger prices, reading fills. */
import { Decimal } from '../../decimal.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { Fill } from '../../models/fill.js';
import type { Order } from '../../models/order.js';
import { roundToStep } from '../../symbols/rounding.js';
import type { CaseContext } from '../context.js';
import { minAmountAt, passivePrices, place, seed, type Grid, type OrderExtras } from './helpers.js';

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

export interface Setup {
  readonly ex: Exchange;
  readonly s: string;
  /** Simulator only. */
  readonly g?: Grid;
}

/** The exchange, the perp, and in the simulator the ambient seeded book (bids 95..91, asks 105..109). */
export async function setup(ctx: CaseContext, symbol = ctx.symbols.perp): Promise<Setup> {
  const ex = await ctx.exchange();
  return ctx.sim ? { ex, s: symbol, g: await seed(ctx, symbol) } : { ex, s: symbol };
}

/** A resting limit order at a passive price (sim: one unit; live: the minimum size). */
export async function resting(ctx: CaseContext, { ex, s, g }: Setup, side: 'buy' | 'sell', extra: OrderExtras = {}, ticks = 50): Promise<Order> {
  const p = await passivePrices(ctx, ex, s, ticks);
  const price = side === 'buy' ? p.buy : p.sell;
  const amount = g ? g.unit : minAmountAt(ctx.market(s), price);
  return place(ctx, ex, { symbol: s, side, amount, price, ...extra });
}

export async function fillsOf(ex: Exchange, symbol: string, orderId: string): Promise<Fill[]> {
  return (await ex.fetchFills(symbol)).filter((f) => f.orderId === orderId);
}

export async function triggers(ctx: CaseContext, st: Setup): Promise<{ up: Decimal; down: Decimal; amount: Decimal }> {
  const m = ctx.market(st.s);
  if (st.g) return { up: st.g.px(110), down: st.g.px(90), amount: st.g.unit };
  const t = await st.ex.fetchTicker(st.s);
  const ref = t.last ?? t.bid;
  ctx.check(ref, 'no last price');
  const up = roundToStep(ref.mul(1.2), m.tickSize, 'up');
  return { up, down: roundToStep(ref.mul(0.8), m.tickSize, 'down'), amount: minAmountAt(m, up) };
}
