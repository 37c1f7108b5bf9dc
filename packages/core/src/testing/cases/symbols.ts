import { Decimal } from '../../decimal.js';
import { BadSymbolError, InvalidOrderError } from '../../errors/error-classes.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { Market } from '../../models/market.js';
import { isOnStep } from '../../symbols/rounding.js';
import { parseUnifiedSymbol, symbolMatchesType } from '../../symbols/unified-symbol.js';
import type { CaseContext } from '../context.js';
import { canonical, D, grid, place, plain, smallestTimeframe, venueInstrument } from './helpers.js';
import { ANY, SIM, type CaseDef } from './types.js';

const SY01: CaseDef = {
  id: 'CK-SY-01',
  area: 'SY',
  title: 'loadMarkets: unified symbols, parts and types',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const markets = await ex.loadMarkets();
    ctx.check(markets.length > 0, 'loadMarkets returned no market');
    const seen = new Set<string>();
    for (const m of markets) {
      const parts = parseUnifiedSymbol(m.symbol);
      ctx.check(parts, `${m.symbol}: not BASE/QUOTE or BASE/QUOTE:SETTLE`);
      ctx.check(!seen.has(m.symbol), `${m.symbol}: listed twice`);
      seen.add(m.symbol);
      ctx.check(m.base === parts.base && m.quote === parts.quote, `${m.symbol}: base/quote fields ${m.base}/${m.quote} differ from the symbol`);
      ctx.check(m.settle === parts.settle, `${m.symbol}: settle field ${String(m.settle)} differs from the symbol`);
      ctx.check(symbolMatchesType(m.symbol, m.type), `${m.symbol}: type ${m.type} disagrees with the suffix`);
    }
    ctx.check(ex.markets.size === markets.length, `markets registry holds ${ex.markets.size}, loadMarkets returned ${markets.length}`);
    ctx.note(`${markets.length} markets`);
  },
};

const SY02: CaseDef = {
  id: 'CK-SY-02',
  area: 'SY',
  title: 'native id ↔ unified round trip and lookups',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const byId = new Map<string, Market[]>();
    for (const m of ex.markets.list()) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
    let ambiguous: string | undefined;
    for (const m of ex.markets.list()) {
      ctx.check(ex.markets.find(m.symbol)?.symbol === m.symbol, `lookup by ${m.symbol} failed`);
      ctx.check(ex.markets.toNative(m.symbol) === m.id, `${m.symbol} → native gives ${ex.markets.toNative(m.symbol)}, expected ${m.id}`);
      const same = byId.get(m.id) ?? [];
      if (same.length === 1) {
        ctx.check(ex.markets.toUnified(m.id) === m.symbol, `${m.id} → unified gives ${ex.markets.toUnified(m.id)}, expected ${m.symbol}`);
        ctx.check(ex.markets.find(m.id)?.symbol === m.symbol, `lookup by native id ${m.id} did not resolve to ${m.symbol}`);
      } else {
        ambiguous ??= m.id;
        ctx.check(ex.markets.toUnified(m.id, m.type) === m.symbol, `${m.id} (${m.type}) → unified gives ${ex.markets.toUnified(m.id, m.type)}`);
        try {
          ex.markets.resolve(m.id);
          ctx.fail(`ambiguous native id ${m.id} was accepted`);
        } catch (e) {
          ctx.check(e instanceof BadSymbolError, `ambiguous native id ${m.id}: expected BadSymbol, got ${String(e)}`);
        }
      }
    }
    // Through a method too: a native id resolves to the unified symbol (G2 checks the answer's symbol).
    const perp = ctx.market(ctx.symbols.perp);
    if ((byId.get(perp.id) ?? []).length === 1) {
      const t = await ex.fetchTicker(perp.id);
      ctx.check(t.symbol === perp.symbol, `fetchTicker(${perp.id}) answered ${t.symbol}`);
    }
    if (ambiguous) await ctx.expectError(`fetchTicker(${ambiguous}) (ambiguous)`, () => ex.fetchTicker(ambiguous), BadSymbolError);
    else ctx.note('no ambiguous native id on this venue');
  },
};

const SY03: CaseDef = {
  id: 'CK-SY-03',
  area: 'SY',
  title: 'market limits: positive Decimals, minQty on step, = instrument table',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const pos = (m: Market, field: string, v: unknown): void => {
      ctx.check(v instanceof Decimal && v.isFinite() && v.gt(0), `${m.symbol}.${field}: expected a positive Decimal, got ${String(v)}`);
    };
    for (const m of ex.markets.list()) {
      pos(m, 'tickSize', m.tickSize);
      pos(m, 'stepSize', m.stepSize);
      pos(m, 'minAmount', m.minAmount);
      pos(m, 'contractSize', m.contractSize);
      if (m.minNotional !== undefined) pos(m, 'minNotional', m.minNotional);
      if (m.maxLeverage !== undefined) pos(m, 'maxLeverage', m.maxLeverage);
      ctx.check(isOnStep(m.minAmount, m.stepSize), `${m.symbol}: minAmount ${m.minAmount.toFixed()} is not a multiple of step ${m.stepSize.toFixed()}`);
    }
    if (!ctx.sim) return;
    const table = await ctx.control.instruments();
    for (const inst of table) {
      const m = ex.markets.list().find((x) => x.id === inst.nativeId && x.type === inst.type);
      ctx.check(m, `instrument ${inst.nativeId} (${inst.type}) is not among the markets`);
      const same = (field: string, got: Decimal | undefined, want: string | undefined): void => {
        if (want === undefined && got === undefined) return;
        ctx.check(got !== undefined && want !== undefined && got.eq(want), `${m.symbol}.${field}: ${got?.toFixed() ?? 'absent'} ≠ simulator ${want ?? 'absent'}`);
      };
      same('tickSize', m.tickSize, inst.tickSize);
      same('stepSize', m.stepSize, inst.stepSize);
      same('minAmount', m.minAmount, inst.minQty);
      same('minNotional', m.minNotional, inst.minNotional);
      same('contractSize', m.contractSize, inst.contractSize);
      if (inst.maxLeverage !== undefined) same('maxLeverage', m.maxLeverage, inst.maxLeverage);
    }
    ctx.check(table.length === ex.markets.size, `the simulator lists ${table.length} instruments, the adapter ${ex.markets.size} markets`);
  },
};

const SY04: CaseDef = {
  id: 'CK-SY-04',
  area: 'SY',
  title: 'loadMarkets caches; concurrent calls share one request',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const first = await ctx.createExchange({ loadMarkets: false });
    let mark = await ctx.requestMark();
    const a = await first.loadMarkets();
    const oneLoad = (await ctx.requestsSince(mark, ['loadMarkets'])).length;
    ctx.check(oneLoad > 0, 'loadMarkets sent no request labelled loadMarkets (simulator front?)');
    mark = await ctx.requestMark();
    const b = await first.loadMarkets();
    await ctx.expectNoRequests('second loadMarkets()', mark, ['loadMarkets']);
    ctx.check(canonical(a) === canonical(b), 'second loadMarkets() answered different markets');
    mark = await ctx.requestMark();
    await first.loadMarkets({ reload: true });
    ctx.check((await ctx.requestsSince(mark, ['loadMarkets'])).length > 0, 'loadMarkets({ reload: true }) sent no request');

    const fresh = await ctx.createExchange({ loadMarkets: false });
    mark = await ctx.requestMark();
    const all = await Promise.all([1, 2, 3, 4, 5].map(() => fresh.loadMarkets()));
    const sent = (await ctx.requestsSince(mark, ['loadMarkets'])).length;
    ctx.check(sent === oneLoad, `5 concurrent loadMarkets() sent ${sent} requests, one load takes ${oneLoad}`);
    const c0 = canonical(all[0]);
    ctx.check(all.every((r) => canonical(r) === c0), 'concurrent loadMarkets() resolved to different results');
  },
};

/** Every symbol-taking call the adapter offers, with a valid shape apart from the symbol. */
function symbolCalls(ex: Exchange, ctx: CaseContext, symbol: string): Array<[string, () => unknown]> {
  const c = ex.capabilities;
  const tf = smallestTimeframe(ex) ?? '1m';
  const calls: Array<[string, () => unknown]> = [
    ['fetchTicker', () => ex.fetchTicker(symbol)],
    ['fetchOrderBook', () => ex.fetchOrderBook(symbol)],
    ['fetchCandles', () => ex.fetchCandles(symbol, tf, { limit: 5 })],
    ['placeOrder', () => ex.placeOrder({ symbol, side: 'buy', type: 'limit', amount: '1', price: '1' })],
    ['cancelOrder', () => ex.cancelOrder({ symbol, id: '1' })],
    ['fetchOrder', () => ex.fetchOrder({ symbol, id: '1' })],
    ['fetchOpenOrders', () => ex.fetchOpenOrders(symbol)],
    ['fetchOrderHistory', () => ex.fetchOrderHistory(symbol)],
    ['fetchFills', () => ex.fetchFills(symbol)],
  ];
  if (c.fetchTickers) calls.push(['fetchTickers', () => ex.fetchTickers([symbol])]);
  if (c.fetchTrades) calls.push(['fetchTrades', () => ex.fetchTrades(symbol, { limit: 5 })]);
  if (c.fetchFundingRate) calls.push(['fetchFundingRate', () => ex.fetchFundingRate(symbol)]);
  if (c.positions) calls.push(['fetchPositions', () => ex.fetchPositions([symbol])]);
  if (c.setLeverage) calls.push(['setLeverage', () => ex.setLeverage(symbol, '2')]);
  if (c.amendOrder) calls.push(['amendOrder', () => ex.amendOrder({ symbol, id: '1', price: '1' })]);
  if (c.cancelAllOrders) calls.push(['cancelAllOrders', () => ex.cancelAllOrders(symbol)]);
  const s = ctx.streams(ex);
  const sub = (name: string, open: () => { ready: Promise<void> }): [string, () => unknown] => [name, () => open().ready];
  if (c.streamTicker) calls.push(sub('streams.ticker', () => s.ticker(symbol)));
  if (c.streamOrderBook) calls.push(sub('streams.orderBook', () => s.orderBook(symbol)));
  if (c.streamTrades) calls.push(sub('streams.trades', () => s.trades(symbol)));
  if (c.streamCandles) calls.push(sub('streams.candles', () => s.candles(symbol, tf)));
  if (c.streamOrders) calls.push(sub('streams.orders', () => s.orders(symbol)));
  if (c.streamFills) calls.push(sub('streams.fills', () => s.fills(symbol)));
  if (c.streamPositions) calls.push(sub('streams.positions', () => s.positions(symbol)));
  return calls;
}

const SY05: CaseDef = {
  id: 'CK-SY-05',
  area: 'SY',
  title: 'bad symbols → BadSymbol before any request',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const spotForm = ctx.symbols.perp.split(':')[0] ?? '';
    const inputs = ['NOPE/USDT', ''];
    if (spotForm !== ctx.symbols.perp && !ex.markets.find(spotForm)) inputs.splice(1, 0, spotForm);
    else ctx.note(`${spotForm} is a real market here; spot-form input skipped`);
    const mark = await ctx.requestMark();
    for (const symbol of inputs) {
      for (const [name, call] of symbolCalls(ex, ctx, symbol)) {
        await ctx.expectError(`${name}(${JSON.stringify(symbol)})`, call, BadSymbolError);
      }
    }
    await ctx.expectNoRequests('bad-symbol calls', mark);
  },
};

const SY06: CaseDef = {
  id: 'CK-SY-06',
  area: 'SY',
  title: 'halted market: inactive, orders refused, nothing created',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const symbol = ctx.symbols.second;
    const m = ctx.market(symbol);
    await venueInstrument(ctx, m);
    await ctx.control.setMarketStatus(m.id, 'halted');
    await ex.loadMarkets({ reload: true });
    const reloaded = ex.markets.find(symbol);
    ctx.check(reloaded, `${symbol} vanished after the halt (it should show inactive)`);
    ctx.check(reloaded.active === false, `${symbol} still shows active after the halt`);
    const g = grid(reloaded);
    const cls = ctx.declared.haltedMarketRejection === 'BadSymbol' ? BadSymbolError : InvalidOrderError;
    const mark = await ctx.requestMark();
    await ctx.expectError(`placeOrder on halted ${symbol}`, () => place(ctx, ex, { symbol, side: 'buy', amount: g.unit, price: plain(g.px(D(100))) }), cls);
    const created = (await ctx.control.orders({ nativeId: m.id })).length;
    ctx.check(created === 0, `${created} venue order(s) created on the halted market`);
    const accepted = (await ctx.requestsSince(mark, ['placeOrder'])).filter((r) => r.rejected === undefined);
    ctx.check(accepted.length === 0, 'the venue accepted an order on the halted market');
  },
};

export const SYMBOL_CASES: readonly CaseDef[] = [SY01, SY02, SY03, SY04, SY05, SY06];
