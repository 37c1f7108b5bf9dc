import type { Decimal } from '../../decimal.js';
import { InvalidOrderError } from '../../errors/error-classes.js';
import type { Exchange } from '../../exchange/exchange.js';
import { isOnStep, roundToStep } from '../../symbols/rounding.js';
import type { CaseContext } from '../context.js';
import type { ReceivedOrderParams } from '../venue-control.js';
import { addKitInstrument, D, grid, marketOf, orderRequest, place, plain, seed, sum, waitOrder } from './helpers.js';
import { cap, SIM, type CaseDef } from './types.js';

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/** A fresh account (seeded wallet) on the simulator and an exchange instance using it. */
async function freshAccount(ctx: CaseContext, wallet: Record<string, string>): Promise<Exchange> {
  const key = await ctx.control.createApiKey({ permissions: ['read', 'trade'], freshAccount: true, wallet });
  return ctx.createExchange({ credentials: key });
}

/** The order fields of the last placeOrder request since `mark` (as they arrived on the wire). */
async function wireOrder(ctx: CaseContext, mark: number): Promise<ReceivedOrderParams> {
  const reqs = (await ctx.requestsSince(mark, ['placeOrder'])).filter((r) => r.order);
  const last = reqs[reqs.length - 1]?.order;
  ctx.check(last, 'the simulator recorded no placeOrder parameters');
  return last;
}

const PR01: CaseDef = {
  id: 'CK-PR-01',
  area: 'PR',
  title: 'exact venue values in tickers, books, fills, balances',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const symbol = await addKitInstrument(ctx, ex, ctx.symbols.perp, 'KITPREC', { tickSize: '0.00000001', stepSize: '0.00000001', minQty: '0.00000001', minNotional: undefined });
    const m = marketOf(ctx, ex, symbol);
    const settle = m.settle ?? m.quote;
    const acct = await freshAccount(ctx, { [settle]: '123456789.12345678', [m.base]: '0.00000001' });
    const native = m.id;
    await ctx.control.freeze(true);
    await ctx.control.setPrices(native, { last: '0.1', mark: '0.1' });
    await ctx.control.seedBook(native, {
      bids: [['0.1', '123456789.12345678'], ['0.00000001', '100.10']],
      asks: [['100.10', '1e-8'], ['123456789.12345678', '0.1']],
    });
    await ctx.control.printTrades(native, [{ price: '0.1', size: '0.00000001', side: 'sell' }]);
    const t = await acct.fetchTicker(symbol);
    ctx.eq(t.bid, '0.1', 'ticker bid');
    ctx.eq(t.ask, '100.10', 'ticker ask');
    ctx.eq(t.last, '0.1', 'ticker last');
    if (t.bidSize) ctx.eq(t.bidSize, '123456789.12345678', 'ticker bidSize');
    if (t.askSize) ctx.eq(t.askSize, '0.00000001', 'ticker askSize (1e-8)');
    const b = await acct.fetchOrderBook(symbol, 5);
    ctx.eq(b.bids[0]?.size, '123456789.12345678', 'book bid size');
    ctx.eq(b.bids[1]?.price, '0.00000001', 'book second bid');
    ctx.eq(b.bids[1]?.size, '100.1', 'book second bid size (100.10)');
    ctx.eq(b.asks[0]?.size, '0.00000001', 'book ask size (1e-8)');
    ctx.eq(b.asks[1]?.price, '123456789.12345678', 'book second ask');
    const balances = await acct.fetchBalances();
    ctx.eq(balances.find((x) => x.currency === settle)?.total, '123456789.12345678', `${settle} total`);
    const o = await acct.placeOrder(orderRequest(ctx, acct, { symbol, side: 'buy', amount: '0.00000001', price: '100.10' }));
    await waitOrder(ctx, acct, symbol, o.id, 'filled', (x) => x.status === 'filled');
    const fills = (await acct.fetchFills(symbol)).filter((f) => f.orderId === o.id);
    ctx.check(fills.length === 1, `${fills.length} fills`);
    ctx.eq(fills[0]!.price, '100.10', 'fill price');
    ctx.eq(fills[0]!.size, '0.00000001', 'fill size');
    ctx.eq(fills[0]!.cost, '0.000001001', 'fill cost');
  },
};

const PR02: CaseDef = {
  id: 'CK-PR-02',
  area: 'PR',
  title: 'order values reach the venue as exact plain strings',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const symbol = await addKitInstrument(ctx, ex, ctx.symbols.perp, 'KITPRB', { tickSize: '0.000000001', stepSize: '0.00000001', minQty: '0.00000001', minNotional: undefined });
    const m = marketOf(ctx, ex, symbol);
    const acct = await freshAccount(ctx, { [m.settle ?? m.quote]: '100000000' });
    await ctx.control.freeze(true);
    await ctx.control.seedBook(m.id, { bids: [], asks: [] });
    const mark = await ctx.requestMark();
    const o = await acct.placeOrder(orderRequest(ctx, acct, { symbol, side: 'buy', amount: '123456789.12345678', price: '0.000012345' }));
    const wire = await wireOrder(ctx, mark);
    ctx.check(wire.price === '0.000012345', `the venue received price "${String(wire.price)}"`);
    ctx.check(wire.quantity === '123456789.12345678', `the venue received quantity "${String(wire.quantity)}"`);
    ctx.eq(o.price, '0.000012345', 'order price');
    ctx.eq(o.amount, '123456789.12345678', 'order amount');
  },
};

const PR03: CaseDef = {
  id: 'CK-PR-03',
  area: 'PR',
  title: 'off-grid values: rejected or rounded passive (declared); never below min',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const m = g.market;
    const halfTick = m.tickSize.div(2);
    const halfStep = m.stepSize.div(2);
    const offGrid: Array<[string, 'buy' | 'sell', Decimal, Decimal]> = [
      ['buy price off the tick', 'buy', g.unit, g.px(90).plus(halfTick)],
      ['sell price off the tick', 'sell', g.unit, g.px(110).plus(halfTick)],
      ['amount off the step', 'buy', g.unit.plus(halfStep), g.px(90)],
    ];
    const belowMin: Array<[string, Decimal, Decimal]> = [['amount rounding below minQty', m.minAmount.minus(halfStep), g.px(90)]];
    if (m.minNotional) {
      const a = roundToStep(m.minNotional.div(g.px(90)), m.stepSize, 'down');
      if (a.mul(g.px(90)).lt(m.minNotional)) belowMin.push(['amount rounding below minNotional', a.plus(halfStep), g.px(90)]);
    }
    for (const [label, side, amount, price] of offGrid) {
      const mark = await ctx.requestMark();
      const req = orderRequest(ctx, ex, { symbol: s, side, amount, price });
      if (ctx.declared.gridPolicy === 'reject') {
        await ctx.expectError(label, () => ex.placeOrder(req), InvalidOrderError);
        await ctx.expectNoRequests(label, mark, ['placeOrder']);
        continue;
      }
      const o = await ex.placeOrder(req);
      const wire = await wireOrder(ctx, mark);
      const wp = wire.price ?? '';
      const wq = wire.quantity ?? '';
      ctx.check(PLAIN_DECIMAL.test(wp) && PLAIN_DECIMAL.test(wq), `${label}: wire values "${wp}" / "${wq}" are not plain decimals`);
      const wirePrice = D(wp);
      const wireAmount = D(wq).mul(m.contractSize);
      ctx.check(isOnStep(wirePrice, m.tickSize) && isOnStep(wireAmount, m.stepSize), `${label}: off-grid on the wire (${wp} × ${wq})`);
      const wantPrice = roundToStep(price, m.tickSize, side === 'buy' ? 'down' : 'up');
      ctx.eq(wirePrice, wantPrice, `${label}: price rounded passive`);
      ctx.eq(wireAmount, roundToStep(amount, m.stepSize, 'down'), `${label}: amount rounded down`);
      ctx.eq(o.price, wantPrice, `${label}: order price`);
    }
    for (const [label, amount, price] of belowMin) {
      const mark = await ctx.requestMark();
      await ctx.expectError(label, () => place(ctx, ex, { symbol: s, side: 'buy', amount, price }), InvalidOrderError);
      await ctx.expectNoRequests(label, mark, ['placeOrder']);
    }
  },
};

const PR04: CaseDef = {
  id: 'CK-PR-04',
  area: 'PR',
  title: 'contractSize ≠ 1: 3 contracts ↔ base units exactly',
  req: 'R',
  env: SIM,
  notApplicable: (target) =>
    target.declared.contractSizedMarkets === false ? 'no contract multiplier on the venue wire (declared contractSizedMarkets: false)' : undefined,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const symbol =
      ctx.symbols.contractSized ??
      (await addKitInstrument(ctx, ex, ctx.symbols.perp, 'KITCS', { contractSize: '0.001', stepSize: '0.001', minQty: '0.001', tickSize: '0.1', minNotional: undefined }));
    const m = marketOf(ctx, ex, symbol);
    ctx.check(!m.contractSize.eq(1), `${symbol} has contractSize 1 (set target.symbols.contractSized)`);
    const amount = m.contractSize.mul(3);
    const g = grid(m);
    await ctx.control.freeze(true);
    await ctx.control.setPrices(m.id, { last: plain(g.px(100)), mark: plain(g.px(100)) });
    await ctx.control.seedBook(m.id, { bids: [], asks: [[plain(g.px(100)), plain(amount)]] });
    const mark = await ctx.requestMark();
    const o = await place(ctx, ex, { symbol, side: 'buy', amount, price: g.px(100) });
    const wire = await wireOrder(ctx, mark);
    ctx.eq(D(wire.quantity ?? 'NaN'), 3, `wire quantity (contracts) for ${amount.toFixed()} base units`);
    const done = await waitOrder(ctx, ex, symbol, o.id, 'filled', (x) => x.status === 'filled');
    ctx.eq(done.amount, amount, 'order amount (base units)');
    ctx.eq(done.filled, amount, 'filled (base units)');
    const fills = (await ex.fetchFills(symbol)).filter((f) => f.orderId === o.id);
    ctx.eq(sum(fills.map((f) => f.size)), amount, 'Σ fill sizes (base units)');
    const venueFills = await ctx.control.fills({ orderId: o.id });
    ctx.eq(sum(fills.map((f) => f.fee.amount)), sum(venueFills.map((f) => D(f.fee))), 'fees');
    if (ex.capabilities.positions) {
      const p = (await ex.fetchPositions([symbol])).find((x) => x.symbol === symbol);
      ctx.eq(p?.size, amount, 'position size (base units)');
    }
  },
};

/** Epoch ms from a wire timestamp in `unit`, truncated or rounded as declared. */
export function expectedMs(raw: string, unit: 's' | 'ms' | 'us' | 'ns', mode: 'floor' | 'round'): number {
  const v = BigInt(raw);
  const div = unit === 'us' ? 1_000n : unit === 'ns' ? 1_000_000n : 1n;
  if (unit === 's') return Number(v * 1000n);
  return Number(mode === 'floor' ? v / div : (v + div / 2n) / div);
}

const PR05: CaseDef = {
  id: 'CK-PR-05',
  area: 'PR',
  title: 'timestamps in s, ms, µs, ns → epoch ms (declared truncation)',
  // The vehicle is the REST trade tape (the only numeric venue timestamp the kit can script).
  req: cap('fetchTrades'),
  env: { sim: true, features: ['timestampUnit'] },
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    let discriminating = 0;
    for (const unit of ['s', 'ms', 'us', 'ns'] as const) {
      await ctx.control.fault({ kind: 'timestampUnit', unit });
      // Several prints: one whose sub-ms digits are below half cannot tell floor from round.
      const printed = await ctx.control.printTrades(
        ctx.nativeId(s),
        Array.from({ length: 5 }, (_, i) => ({ price: plain(g.px(100)), size: plain(g.unit), side: i % 2 ? ('buy' as const) : ('sell' as const) })),
      );
      const trades = await ex.fetchTrades(s, { limit: 10 });
      for (const p of printed) {
        ctx.check(p.rawTimestamp, `${unit}: the simulator gave no raw timestamp`);
        const got = trades.find((t) => t.id === p.id);
        ctx.check(got, `${unit}: trade ${p.id} not returned`);
        const want = expectedMs(p.rawTimestamp, unit, ctx.declared.timestampTruncation);
        ctx.check(got.timestamp === want, `${unit}: raw ${p.rawTimestamp} became ${got.timestamp}, expected ${want} (${ctx.declared.timestampTruncation})`);
        if (expectedMs(p.rawTimestamp, unit, 'floor') !== expectedMs(p.rawTimestamp, unit, 'round')) discriminating++;
      }
      await ctx.control.clearFaults();
    }
    if (discriminating === 0) ctx.note('no sub-ms stamp told floor from round');
  },
};

const PR06: CaseDef = {
  id: 'CK-PR-06',
  area: 'PR',
  title: 'many-decimal fills: exact cost, venue fee, average',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const symbol = await addKitInstrument(ctx, ex, ctx.symbols.perp, 'KITPD', { tickSize: '0.0000001', stepSize: '0.001', minQty: '0.001', minNotional: undefined });
    const m = marketOf(ctx, ex, symbol);
    await ctx.control.freeze(true);
    await ctx.control.setPrices(m.id, { last: '100.1234567', mark: '100.1234567' });
    await ctx.control.seedBook(m.id, { bids: [], asks: [['100.1234567', '0.013'], ['100.1234571', '0.029']] });
    const o = await ex.placeOrder(orderRequest(ctx, ex, { symbol, side: 'buy', amount: '0.042', price: '100.1234571' }));
    const done = await waitOrder(ctx, ex, symbol, o.id, 'filled', (x) => x.status === 'filled');
    const fills = (await ex.fetchFills(symbol)).filter((f) => f.orderId === o.id);
    const venue = await ctx.control.fills({ orderId: o.id });
    ctx.check(fills.length === venue.length && fills.length >= 2, `${fills.length} fills, the simulator made ${venue.length}`);
    for (const f of fills) {
      ctx.eq(f.cost, f.price.mul(f.size), `fill ${f.id}: cost = price × size`);
      const v = venue.find((x) => x.id === f.id);
      ctx.check(v, `fill ${f.id} unknown to the simulator`);
      ctx.eq(f.fee.amount, v.fee, `fill ${f.id}: fee as the venue reported it`);
    }
    const cost = sum(fills.map((f) => f.price.mul(f.size)));
    ctx.eq(done.cost, cost, 'order cost = Σ price × size');
    ctx.eq(done.average, cost.div(done.filled), 'average = cost / filled');
  },
};

export const PRECISION_CASES: readonly CaseDef[] = [PR01, PR02, PR03, PR04, PR05, PR06];
