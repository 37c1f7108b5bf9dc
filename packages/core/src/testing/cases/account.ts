import type { Decimal } from '../../decimal.js';
import { ExchangeError } from '../../errors/exchange-error.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { Balance } from '../../models/balance.js';
import type { Position } from '../../models/position.js';
import { parseUnifiedSymbol } from '../../symbols/unified-symbol.js';
import type { CaseContext } from '../context.js';
import type { KitSubscription } from '../instrument.js';
import { D, expectFlat, fillAt, findPosition, place, plain, seed, sum, venuePosition, type Grid } from './helpers.js';
import { ANY, cap, SIM, type CaseDef } from './types.js';

function settleOf(ctx: CaseContext, symbol: string): string {
  const m = ctx.market(symbol);
  return m.settle ?? m.quote;
}

async function balanceOf(ctx: CaseContext, ex: Exchange, currency: string): Promise<Balance> {
  const b = (await ex.fetchBalances()).find((x) => x.currency === currency);
  ctx.check(b, `no ${currency} balance`);
  return b;
}

/** Fees of an order's fills that were charged in `currency`. */
async function feesIn(ex: Exchange, symbol: string, orderId: string, currency: string): Promise<Decimal> {
  const fills = (await ex.fetchFills(symbol)).filter((f) => f.orderId === orderId && f.fee.currency === currency);
  return sum(fills.map((f) => f.fee.amount));
}

const AC01: CaseDef = {
  id: 'CK-AC-01',
  area: 'AC',
  title: 'fetchBalances: total = free + used, unified codes, = wallet',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const balances = await ex.fetchBalances();
    const seen = new Set<string>();
    for (const b of balances) {
      ctx.check(/^[A-Z0-9]{1,20}$/.test(b.currency), `currency "${b.currency}" is not a unified code`);
      ctx.check(!seen.has(b.currency), `${b.currency} listed twice`);
      seen.add(b.currency);
      ctx.eq(b.total, b.free.plus(b.used), `${b.currency}: total = free + used`);
      ctx.check(!b.free.isNegative() && !b.used.isNegative(), `${b.currency}: free ${b.free.toFixed()} / used ${b.used.toFixed()} negative`);
    }
    if (!ctx.sim) return;
    const wallet = (await ctx.control.account()).balances;
    for (const [currency, w] of Object.entries(wallet)) {
      if (D(w.total).isZero()) continue;
      const b = balances.find((x) => x.currency === currency);
      ctx.check(b, `${currency} (${w.total} in the simulator) is missing`);
      ctx.eq(b.total, w.total, `${currency} total`);
      ctx.eq(b.free, w.free, `${currency} free`);
      ctx.eq(b.used, w.used, `${currency} used`);
    }
  },
};

const AC02: CaseDef = {
  id: 'CK-AC-02',
  area: 'AC',
  title: 'resting order moves free → used by the reserved margin; cancel restores',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const cur = settleOf(ctx, s);
    const g = await seed(ctx, s);
    const before = await balanceOf(ctx, ex, cur);
    const venueBefore = (await ctx.control.account()).balances[cur];
    ctx.check(venueBefore, `no ${cur} wallet in the simulator`);
    const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(2), price: g.px(90) });
    let venueAfter = venueBefore;
    await ctx.waitFor('the simulator reserves margin', async () => {
      venueAfter = (await ctx.control.account()).balances[cur] ?? venueBefore;
      return D(venueAfter.used).gt(venueBefore.used) ? true : 'used unchanged';
    });
    const reserved = D(venueAfter.used).minus(venueBefore.used);
    let after = before;
    await ctx.waitFor('balances show the reservation', async () => {
      after = await balanceOf(ctx, ex, cur);
      return after.used.minus(before.used).eq(reserved) ? true : `used +${after.used.minus(before.used).toFixed()}, simulator +${reserved.toFixed()}`;
    });
    ctx.eq(before.free.minus(after.free), reserved, 'free fell by the reserved margin');
    ctx.eq(after.total, before.total, 'total unchanged');
    await ex.cancelOrder({ symbol: s, id: o.id });
    await ctx.waitFor('balances restored after cancel', async () => {
      const b = await balanceOf(ctx, ex, cur);
      return b.total.eq(before.total) && b.free.eq(before.free) && b.used.eq(before.used) ? true : `free ${b.free.toFixed()} used ${b.used.toFixed()}`;
    });
  },
};

async function openClose(ctx: CaseContext, ex: Exchange, s: string, g: Grid): Promise<void> {
  const cur = settleOf(ctx, s);
  const b0 = await balanceOf(ctx, ex, cur);
  const open = await fillAt(ctx, ex, s, g, 'buy', 100, 1);
  const fee0 = await feesIn(ex, s, open.id, cur);
  const b1 = await balanceOf(ctx, ex, cur);
  ctx.eq(b1.total.minus(b0.total), fee0.neg(), 'opening: total changes by −fee');
  const close = await fillAt(ctx, ex, s, g, 'sell', 110, 1);
  const fee1 = await feesIn(ex, s, close.id, cur);
  const realized = g.px(110).minus(g.px(100)).mul(g.unit);
  const b2 = await balanceOf(ctx, ex, cur);
  ctx.eq(b2.total.minus(b1.total), realized.minus(fee1), 'closing: total changes by realized PnL − fee');
  ctx.eq(await venuePosition(ctx, ctx.nativeId(s)), 0, 'venue position after closing');
  if (ex.capabilities.positions) await expectFlat(ctx, ex, s, 'after closing');
}

const AC03: CaseDef = {
  id: 'CK-AC-03',
  area: 'AC',
  title: 'open/close: −fee, realized − fee, flat (declared), fresh entry',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    await ctx.control.setFunding(false);
    const g = await seed(ctx, s);
    await openClose(ctx, ex, s, g);
    await fillAt(ctx, ex, s, g, 'buy', 120, 1);
    if (ex.capabilities.positions) {
      const p = await findPosition(ex, s);
      ctx.check(p, 'no position after reopening');
      ctx.eq(p.entryPrice, g.px(120), 'entry of the new position (fresh, not blended)');
    } else {
      const vp = (await ctx.control.account()).positions.find((x) => x.nativeId === ctx.nativeId(s));
      ctx.eq(D(vp?.entryPrice ?? 0), g.px(120), 'venue entry of the new position');
    }
  },
};

async function buildLong(ctx: CaseContext, ex: Exchange, s: string, g: Grid, after?: () => Promise<void>): Promise<void> {
  for (const [side, p, k] of [['buy', 100, 3], ['buy', 110, 2], ['sell', 120, 1]] as const) {
    await fillAt(ctx, ex, s, g, side, p, k);
    await after?.();
  }
}

const AC04: CaseDef = {
  id: 'CK-AC-04',
  area: 'AC',
  title: 'position: signed size, entry unmoved by reductions, filter',
  req: cap('positions'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    await ctx.control.setFunding(false);
    const g = await seed(ctx, s);
    await buildLong(ctx, ex, s, g);
    const all = await ex.fetchPositions();
    const p = all.find((x) => x.symbol === s && !x.size.isZero());
    ctx.check(p, `no position on ${s}`);
    ctx.eq(p.size, g.qty(4), 'size (signed sum of fills)');
    ctx.eq(p.entryPrice, g.px(104), 'entry (104 on the grid; reductions do not move it)');
    ctx.check(parseUnifiedSymbol(p.symbol)?.settle !== undefined, `${p.symbol} lacks the settle suffix`);
    ctx.check(p.side === 'long', `side ${p.side} for a positive size`);
    const filtered = await ex.fetchPositions([s, ctx.symbols.second]);
    ctx.check(filtered.every((x) => x.symbol === s || x.symbol === ctx.symbols.second), 'the symbol filter was not honoured');
    ctx.check(filtered.some((x) => x.symbol === s), `filtered list lacks ${s}`);
  },
};

const AC05: CaseDef = {
  id: 'CK-AC-05',
  area: 'AC',
  title: 'short: unrealized = (mark − entry) × size, liquidation adverse',
  req: cap('positions'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    await ctx.control.setFunding(false);
    const g = await seed(ctx, s);
    await fillAt(ctx, ex, s, g, 'sell', 100, 5);
    for (const [mark, sign] of [[110, -1], [90, 1]] as const) {
      await ctx.control.setPrices(native, { mark: plain(g.px(mark)) });
      let p: Position | undefined;
      await ctx.waitFor(`position at mark ${mark}`, async () => {
        p = await findPosition(ex, s);
        return p && (p.markPrice === undefined || p.markPrice.eq(g.px(mark))) ? true : `mark ${p?.markPrice?.toFixed()}`;
      });
      const pos = p!;
      ctx.eq(pos.size, g.qty(5).neg(), 'size');
      ctx.check(pos.entryPrice, 'no entry price');
      ctx.eq(pos.unrealizedPnl, g.px(mark).minus(pos.entryPrice).mul(pos.size), `unrealized PnL at mark ${mark}`);
      ctx.check(pos.unrealizedPnl.s === sign, `unrealized PnL sign at mark ${mark}: ${pos.unrealizedPnl.toFixed()}`);
      if (pos.liquidationPrice) ctx.check(pos.liquidationPrice.gt(pos.entryPrice), `liquidation ${pos.liquidationPrice.toFixed()} not above entry for a short`);
      ctx.check(pos.side === 'short', `side ${pos.side}`);
    }
  },
};

function lastFor<T extends { symbol: string }>(items: readonly T[], symbol: string): T | undefined {
  return [...items].reverse().find((x) => x.symbol === symbol);
}

const AC06: CaseDef = {
  id: 'CK-AC-06',
  area: 'AC',
  title: 'position and balance streams settle on REST state after each fill',
  req: cap('streamPositions'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    await ctx.control.setFunding(false);
    const g = await seed(ctx, s);
    const subP = ctx.streams(ex).positions();
    const subB: KitSubscription<Balance> | undefined = ex.capabilities.streamBalances ? ctx.streams(ex).balances() : undefined;
    await ctx.step('ready', Promise.all([subP.ready, subB?.ready]));
    let step = 0;
    const settle = async (): Promise<void> => {
      step++;
      await ctx.waitFor(`positions stream = fetchPositions after fill ${step}`, async () => {
        const rest = (await ex.fetchPositions([s])).find((x) => x.symbol === s);
        const streamed = lastFor(subP.items, s);
        const size = rest?.size ?? D(0);
        if (!streamed) return size.isZero() ? true : 'no stream item';
        if (!streamed.size.eq(size)) return `stream size ${streamed.size.toFixed()}, REST ${size.toFixed()}`;
        if (rest?.entryPrice && streamed.entryPrice && !streamed.entryPrice.eq(rest.entryPrice)) return 'entry differs';
        return true;
      });
      if (!subB) return;
      await ctx.waitFor(`balances stream = fetchBalances after fill ${step}`, async () => {
        const rest = await ex.fetchBalances();
        for (const b of rest) {
          const streamed = [...subB.items].reverse().find((x) => x.currency === b.currency);
          if (streamed && (!streamed.total.eq(b.total) || !streamed.free.eq(b.free) || !streamed.used.eq(b.used))) return `${b.currency} differs`;
        }
        return subB.items.length > 0 ? true : 'no balance item';
      });
    };
    await buildLong(ctx, ex, s, g, settle);
    await fillAt(ctx, ex, s, g, 'sell', 100, 4);
    await settle();
  },
};

const AC07: CaseDef = {
  id: 'CK-AC-07',
  area: 'AC',
  title: 'setLeverage 5: reads 5, margin = notional / 5, repeat succeeds',
  req: cap('setLeverage'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const cur = settleOf(ctx, s);
    const g = await seed(ctx, s);
    await ex.setLeverage(s, '5');
    ctx.eq(D((await ctx.control.account()).leverage[native] ?? 'NaN'), 5, 'simulator leverage');
    const before = await balanceOf(ctx, ex, cur);
    const venueBefore = (await ctx.control.account()).balances[cur];
    ctx.check(venueBefore, `no ${cur} wallet`);
    await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(2), price: g.px(90) });
    const notional = g.px(90).mul(g.qty(2));
    await ctx.waitFor('margin reserved = notional / 5', async () => {
      const v = (await ctx.control.account()).balances[cur];
      const got = D(v?.used ?? 0).minus(venueBefore.used);
      return got.eq(notional.div(5)) ? true : `simulator reserved ${got.toFixed()}, notional / 5 = ${notional.div(5).toFixed()}`;
    });
    await ctx.waitFor('balances show notional / 5 reserved', async () => {
      const after = await balanceOf(ctx, ex, cur);
      return after.used.minus(before.used).eq(notional.div(5)) ? true : `used +${after.used.minus(before.used).toFixed()}`;
    });
    await ex.setLeverage(s, '5');
    if (ex.capabilities.positions) {
      const p = (await ex.fetchPositions([s])).find((x) => x.symbol === s && x.leverage !== undefined);
      if (p) ctx.eq(p.leverage, 5, 'position leverage');
    }
  },
};

const AC08: CaseDef = {
  id: 'CK-AC-08',
  area: 'AC',
  title: 'setLeverage 0, negative, max + 1: typed error, nothing sent',
  req: cap('setLeverage'),
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const m = ctx.market(s);
    const before = ctx.sim ? (await ctx.control.account()).leverage[m.id] : undefined;
    const values = ['0', D(-1)] as Array<string | Decimal>;
    if (m.maxLeverage) values.push(plain(m.maxLeverage.plus(1)));
    else ctx.note('no maxLeverage on the market: max + 1 not checked');
    const mark = await ctx.requestMark();
    for (const v of values) await ctx.expectError(`setLeverage(${String(v)})`, () => ex.setLeverage(s, v), ExchangeError);
    await ctx.expectNoRequests('refused setLeverage calls', mark, ['setLeverage']);
    if (ctx.sim) ctx.check((await ctx.control.account()).leverage[m.id] === before, 'leverage changed');
  },
};

export const ACCOUNT_CASES: readonly CaseDef[] = [AC01, AC02, AC03, AC04, AC05, AC06, AC07, AC08];
