import { AuthenticationError, BadSymbolError, ClosedError, StreamOverflowError } from '../../errors/error-classes.js';
import { ExchangeError } from '../../errors/exchange-error.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { Fill } from '../../models/fill.js';
import type { Order } from '../../models/order.js';
import type { OrderBook } from '../../models/order-book.js';
import type { Ticker } from '../../models/ticker.js';
import type { Trade } from '../../models/trade.js';
import type { CaseContext } from '../context.js';
import { CaseFailure } from '../errors.js';
import type { KitSubscription } from '../instrument.js';
import type { VenueTrade } from '../venue-control.js';
import { canonical, compareBook, D, declaredStreams, grid, isTerminal, minAmountAt, passivePrices, place, plain, PUBLIC_STREAMS, seed, statusRank, type Grid, type StreamName } from './helpers.js';
import { activeHandles, handlesBackTo, openStream, stimulate, venueHolds, venueTopic, wrongSecret } from './stream-helpers.js';
import { ANY, cap, faults, SIM, type CaseDef } from './types.js';

/** The first declared public stream (ticker first), or a private one. */
function pickStream(ex: Exchange, publicOnly = false): StreamName {
  const declared = declaredStreams(ex);
  const pub = (['ticker', 'trades', 'orderBook', 'candles'] as const).find((s) => declared.includes(s));
  if (pub) return pub;
  if (publicOnly) throw new CaseFailure('no public stream declared');
  return declared[0]!;
}

/** Stimulates (simulator) until `sub` has more than `before` items (default: what it has now). */
async function nextItems(ctx: CaseContext, ex: Exchange, sub: KitSubscription<unknown>, name: StreamName, symbol: string, g: Grid | undefined, label: string, before = sub.items.length): Promise<void> {
  let round = before + 1;
  await ctx.waitFor(label, async () => {
    if (sub.items.length > before) return true;
    if (ctx.sim && g) await stimulate(ctx, ex, name, symbol, g, round++);
    return `${sub.items.length - before} new item(s)`;
  });
}

const ST01: CaseDef = {
  id: 'CK-ST-01',
  area: 'ST',
  title: 'each declared stream: first item, open, close ends it',
  req: 'eachStream',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = ctx.sim ? await seed(ctx, s) : undefined;
    const tested: string[] = [];
    for (const name of declaredStreams(ex)) {
      const isPrivate = !PUBLIC_STREAMS.includes(name);
      if (ctx.live && isPrivate && !ctx.session.trading && name === 'orders') {
        ctx.note('orders: not exercised (live trading off)');
        continue;
      }
      if (ctx.live && (name === 'fills' || name === 'positions' || name === 'balances') && !ctx.session.fills) {
        ctx.note(`${name}: needs live fills`);
        continue;
      }
      const sub = openStream(ctx, ex, name, s);
      await ctx.step(`${name} ready`, sub.ready);
      if (ctx.live && name === 'orders') {
        const { buy } = await passivePrices(ctx, ex, s);
        await place(ctx, ex, { symbol: s, side: 'buy', amount: minAmountAt(ctx.market(s), buy), price: buy });
      }
      await nextItems(ctx, ex, sub, name, s, g, `${name}: first item`, 0);
      ctx.check(ctx.lifecycleOf(ex, 'open').length > 0, 'lifecycle never reported open');
      await sub.close();
      const end = await sub.next();
      ctx.check(end.done === true, `${name}: the iterator delivered an item after close()`);
      if (ctx.sim && g) await stimulate(ctx, ex, name, s, g, 99);
      await ctx.sleep(Math.min(200, ctx.T / 10));
      ctx.check(sub.deliveredAfterClose === 0, `${name}: ${sub.deliveredAfterClose} item(s) delivered after close()`);
      if (ctx.sim) {
        const topic = venueTopic(ctx, ex, name, s);
        await ctx.waitFor(`${name}: venue unsubscribed`, async () => {
          const n = await ctx.control.subscriptionCount(topic);
          return n === 0 ? true : `${n} venue subscription(s)`;
        });
      }
      tested.push(name);
    }
    ctx.note(`streams: ${tested.join(', ')}`);
  },
};

const ST02: CaseDef = {
  id: 'CK-ST-02',
  area: 'ST',
  title: 'two consumers share one venue subscription',
  req: 'anyStream',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const name = pickStream(ex);
    const a = openStream(ctx, ex, name, s);
    const b = openStream(ctx, ex, name, s);
    await ctx.step('both ready', Promise.all([a.ready, b.ready]));
    const topic = venueTopic(ctx, ex, name, s);
    ctx.check((await ctx.control.subscriptionCount(topic)) === 1, `${await ctx.control.subscriptionCount(topic)} venue subscriptions for two consumers`);
    for (let i = 0; i < 3; i++) await stimulate(ctx, ex, name, s, g, i + 1);
    await ctx.waitFor('both consumers see the same items', () => {
      if (a.items.length === 0) return 'no item yet';
      const same = PUBLIC_STREAMS.includes(name) && (name === 'ticker' || name === 'orderBook')
        ? canonical(a.latest) === canonical(b.latest)
        : canonical(a.items.slice(-3)) === canonical(b.items.slice(-3));
      return same ? true : `a has ${a.items.length}, b has ${b.items.length}`;
    });
    await a.close();
    const before = b.items.length;
    await nextItems(ctx, ex, b, name, s, g, 'the other consumer keeps receiving');
    ctx.check(b.items.length > before && !b.closed, 'the remaining consumer stopped');
    ctx.check((await ctx.control.subscriptionCount(topic)) === 1, 'closing one consumer dropped the venue subscription');
  },
};

const ST03: CaseDef = {
  id: 'CK-ST-03',
  area: 'ST',
  title: '30 symbols: venue topic limits respected, all deliver',
  req: cap('streamTicker'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const perp = ctx.market(ctx.symbols.perp);
    let symbols = ex.markets.list().filter((m) => m.type === perp.type && m.active).map((m) => m.symbol);
    if (symbols.length < 30) {
      const template = (await ctx.control.instruments()).find((i) => i.nativeId === perp.id);
      ctx.check(template, 'perp not in the instrument table');
      for (let i = symbols.length; i < 30; i++) {
        const base = `KITS${String(i).padStart(2, '0')}`;
        await ctx.control.addInstrument({ ...template, nativeId: template.nativeId.replace(template.base, base), base, status: 'trading' });
      }
      await ex.loadMarkets({ reload: true });
      symbols = ex.markets.list().filter((m) => m.type === perp.type && m.active).map((m) => m.symbol);
    }
    symbols = symbols.slice(0, 30);
    const withBook = ex.capabilities.streamOrderBook;
    const subs: KitSubscription<unknown>[] = [];
    for (const sym of symbols) {
      subs.push(ctx.streams(ex).ticker(sym));
      if (withBook) subs.push(ctx.streams(ex).orderBook(sym, { depth: 20 }));
    }
    const refused = (await ctx.step('30 symbols ready', Promise.allSettled(subs.map((x) => x.ready)))).filter((r) => r.status === 'rejected');
    ctx.check(refused.length === 0, () => `${refused.length} subscription(s) refused: ${String((refused[0] as PromiseRejectedResult).reason)}`);
    await ctx.control.freeze(true);
    for (const sym of symbols) {
      const m = ex.markets.find(sym)!;
      const g = grid(m);
      const shared = ex.markets.list().filter((x) => x.id === m.id).length > 1;
      await ctx.control.seedBook(shared ? `${m.type}:${m.id}` : m.id, { bids: [[plain(g.px(99)), plain(g.unit)]], asks: [[plain(g.px(101)), plain(g.unit)]] });
    }
    await ctx.waitFor('every symbol delivers', () => {
      const silent = subs.filter((x) => x.items.length === 0);
      return silent.length === 0 ? true : `${silent.length} silent: ${silent.slice(0, 3).map((x) => x.topic).join(', ')}`;
    });
    ctx.note(`${subs.length} subscriptions`);
  },
};

const ST04: CaseDef = {
  id: 'CK-ST-04',
  area: 'ST',
  title: 'idle 3× the venue timeout: heartbeats, no drop, no reconnect',
  req: 'anyStream',
  env: SIM,
  // The hold is wall time (the venue's idle cut and the adapter's heartbeat timers are real
  // timers; the simulator's clock control moves only venue timestamps), so the budget grows with
  // the venue's declared idle timeout rather than the case failing for a slow venue.
  extraTimeMs: (s) => 3 * (s.venueLimits?.idleTimeoutMs ?? 0) + 2 * s.timing.convergenceMs,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const limits = await ctx.control.limits();
    const idle = limits.idleTimeoutMs;
    if (idle === undefined) ctx.skipEnv('the simulator reports no idle timeout');
    const wait = 3 * idle;
    const s = ctx.symbols.perp;
    await seed(ctx, s);
    const name = pickStream(ex);
    const sub = openStream(ctx, ex, name, s);
    await ctx.step('ready', sub.ready);
    const start = await ctx.control.now();
    await ctx.sleep(wait);
    const end = await ctx.control.now();
    const conns = (await ctx.control.connections()).filter((c) => !c.refused && c.openedAt <= end);
    const idleDrops = conns.filter((c) => c.closedBy === 'idle');
    ctx.check(idleDrops.length === 0, `${idleDrops.length} connection(s) dropped for idleness`);
    const interval = limits.heartbeatIntervalMs ?? idle;
    for (const c of conns.filter((x) => x.closedAt === undefined)) {
      const beats = [Math.max(start, c.openedAt), ...c.heartbeats.filter((t) => t >= start), end];
      for (let i = 1; i < beats.length; i++) {
        const gap = beats[i]! - beats[i - 1]!;
        ctx.check(gap <= interval + 250, `connection ${c.id}: ${gap} ms without a heartbeat (venue interval ${interval} ms)`);
      }
    }
    ctx.check(ctx.lifecycleOf(ex, 'reconnecting').length === 0, 'the adapter reconnected while idle');
    ctx.check(!sub.closed, 'the subscription ended');
  },
};

const ST05: CaseDef = {
  id: 'CK-ST-05',
  area: 'ST',
  title: 'bad-symbol subscribe → BadSymbol; other topic keeps flowing',
  req: 'anyStream',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = ctx.sim ? await seed(ctx, s) : undefined;
    const name = pickStream(ex);
    const sub = openStream(ctx, ex, name, s);
    await ctx.step('ready', sub.ready);
    await nextItems(ctx, ex, sub, name, s, g, 'first item', 0);
    await ctx.expectError('subscribe NOPE/USDT', () => openStream(ctx, ex, PUBLIC_STREAMS.includes(name) ? name : 'ticker', 'NOPE/USDT').ready, BadSymbolError);
    await nextItems(ctx, ex, sub, name, s, g, 'the live topic keeps flowing');
    ctx.check(!sub.closed, 'the live subscription ended');
  },
};

/** Gaps between attempts: bounded rate and no shrinking beyond jitter (a backoff, not a loop). */
function backoffProblem(times: readonly number[], windowMs: number): string | undefined {
  if (times.length > 1 + Math.ceil(windowMs / 200)) return `${times.length} attempts in ${windowMs} ms`;
  for (let i = 2; i < times.length; i++) {
    const g1 = times[i - 1]! - times[i - 2]!;
    const g2 = times[i]! - times[i - 1]!;
    if (g2 < g1 * 0.5) return `attempt gaps shrink (${g1} ms then ${g2} ms)`;
  }
  return undefined;
}

const ST06: CaseDef = {
  id: 'CK-ST-06',
  area: 'ST',
  title: 'private streams: valid keys flow, invalid → Authentication with backoff',
  req: cap('streamOrders'),
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const sub = ctx.streams(ex).orders();
    await ctx.step('orders ready (valid keys)', sub.ready);
    if (ctx.session.trading) {
      if (ctx.sim) await seed(ctx, s);
      const { buy } = await passivePrices(ctx, ex, s);
      const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: minAmountAt(ctx.market(s), buy), price: buy });
      await ctx.waitFor('order update flows', () => (sub.items.some((x) => x.id === o.id) ? true : `${sub.items.length} items`));
    } else ctx.note('live trading off: no order placed');

    const bad = await ctx.createExchange({ credentials: await wrongSecret(ctx), loadMarkets: false });
    await bad.loadMarkets();
    const started = Date.now();
    const venueStart = ctx.sim ? await ctx.control.now() : 0;
    const badSub = ctx.streams(bad).orders();
    await ctx.expectError('orders subscribe with a wrong secret', () => badSub.ready, AuthenticationError);
    const windowMs = Math.min(ctx.T, 3_000);
    await ctx.sleep(Math.max(0, windowMs - (Date.now() - started)));
    let times: number[];
    if (ctx.sim) {
      const conns = await ctx.control.connections();
      times = conns.filter((c) => c.scope === 'private').flatMap((c) => c.authAttempts.filter((a) => !a.ok && a.at >= venueStart).map((a) => a.at));
    } else {
      times = ctx.lifecycleOf(bad, 'reconnecting').map((r) => r.at);
    }
    times.sort((x, y) => x - y);
    const problem = backoffProblem(times, windowMs);
    ctx.check(!problem, `auth retries: ${problem}`);
    ctx.note(`${times.length} failed auth attempt(s) in ${windowMs} ms`);
  },
};

const ST07: CaseDef = {
  id: 'CK-ST-07',
  area: 'ST',
  title: 'slow reader: state conflates, events complete or typed overflow',
  req: 'anyStream',
  env: SIM,
  extraTimeMs: (s) => s.timing.slowReaderMs * 2,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const g = await seed(ctx, s);
    const names = declaredStreams(ex).filter((n): n is 'ticker' | 'orderBook' | 'trades' | 'orders' | 'fills' => ['ticker', 'orderBook', 'trades', 'orders', 'fills'].includes(n));
    if (names.length === 0) ctx.skipEnv('no ticker, book, trades, orders or fills stream declared');
    const subs = new Map(names.map((n) => [n, openStream(ctx, ex, n, s)] as const));
    await ctx.step('ready', Promise.all([...subs.values()].map((x) => x.ready)));
    for (const n of subs.keys()) await venueHolds(ctx, venueTopic(ctx, ex, n, s));
    // A reader that pauses holds an open iterator it does not advance (the kit's own onItem
    // observer alone would make it a callback-only consumer, which buffers nothing).
    for (const sub of subs.values()) sub[Symbol.asyncIterator]();
    const printed: string[] = [];
    // Venues without trade ids (declared `tradeIds: 'none'`): trades are matched by order and content.
    const printedTrades: VenueTrade[] = [];
    const placed: string[] = [];
    const end = Date.now() + ctx.timing.slowReaderMs;
    let round = 0;
    while (Date.now() < end) {
      round++;
      if (subs.has('trades')) {
        const batch = Array.from({ length: 20 }, (_, i) => ({ price: plain(g.px(100)), size: plain(g.qty(1 + (i % 3))), side: i % 2 ? ('buy' as const) : ('sell' as const) }));
        const out = await ctx.control.printTrades(native, batch);
        printed.push(...out.map((t) => t.id));
        printedTrades.push(...out);
      }
      if (subs.has('ticker') || subs.has('orderBook')) {
        await ctx.control.changeBook(native, [{ side: 'bid', price: plain(g.px(96)), size: plain(g.qty(1 + (round % 9))) }]);
      }
      if ((subs.has('orders') || subs.has('fills')) && round % 5 === 0) {
        await ctx.control.changeBook(native, [{ side: 'ask', price: plain(g.px(104)), size: plain(g.unit) }]);
        placed.push((await place(ctx, ex, { symbol: s, side: 'buy', amount: g.unit, price: g.px(104) })).id);
      }
      await ctx.sleep(20);
    }
    const venueTop = await ctx.control.book(native, 20);
    for (const [name, sub] of subs) {
      if (name === 'ticker') {
        const t = (await sub.next()).value as Ticker;
        ctx.eq(t.bid, venueTop.bids[0]![0], 'ticker after the pause: bid (current state)');
        ctx.eq(t.bidSize, venueTop.bids[0]![1], 'ticker after the pause: bid size (current state)');
      } else if (name === 'orderBook') {
        const b = (await sub.next()).value as OrderBook;
        const diff = compareBook(b, venueTop, Math.min(20, b.bids.length, venueTop.bids.length));
        ctx.check(diff === true, `book after the pause is not current: ${String(diff)}`);
      } else if (name === 'trades' && ctx.declared.tradeIds === 'none') {
        const res = await drainIdless(ctx, sub as KitSubscription<Trade>, printedTrades);
        if (res) ctx.note(`trades: ${res}`);
      } else {
        const want =
          name === 'trades'
            ? printed
            : name === 'fills'
              ? (await ctx.control.fills({ nativeId: native })).filter((f) => placed.includes(f.orderId)).map((f) => f.id)
              : placed;
        const res = await drain(ctx, sub, name, want);
        if (res) ctx.note(`${name}: ${res}`);
      }
    }
    ctx.note(`${printed.length} trades, ${placed.length} orders during the pause`);
  },
};

/**
 * Trades without venue ids: the printed sequence, in order, by side/price/size (or a typed overflow). The kit's
 * own order fills print on the same tape at other prices; those are skipped, anything else out of place fails.
 */
async function drainIdless(ctx: CaseContext, sub: KitSubscription<Trade>, want: readonly VenueTrade[]): Promise<string | undefined> {
  const scriptedPrices = new Set(want.map((w) => D(w.price).toFixed()));
  let n = 0;
  try {
    while (n < want.length) {
      const r = await sub.next();
      if (r.done) ctx.fail(`trades: the stream ended after ${n} of ${want.length} items`);
      const t = r.value;
      if (!scriptedPrices.has(t.price.toFixed())) continue;
      const w = want[n]!;
      ctx.check(t.side === w.side && t.price.eq(w.price) && t.size.eq(w.size), `trades: item ${n} is ${t.side} ${t.size.toFixed()} @ ${t.price.toFixed()}, printed ${w.side} ${w.size} @ ${w.price} (out of order or dropped)`);
      n++;
    }
  } catch (e) {
    if (e instanceof StreamOverflowError) return `overflowed with StreamOverflowError after ${n} items (allowed)`;
    throw e;
  }
  return undefined;
}

/** Reads everything queued; every wanted id in order (or a typed overflow). */
async function drain(ctx: CaseContext, sub: KitSubscription<unknown>, name: string, want: readonly string[]): Promise<string | undefined> {
  const wanted = new Set(want);
  const seen: string[] = [];
  const done = new Set<string>();
  const lastRank = new Map<string, number>();
  try {
    while (name === 'orders' ? done.size < wanted.size : seen.length < wanted.size) {
      const r = await sub.next();
      if (r.done) ctx.fail(`${name}: the stream ended after ${seen.length} of ${wanted.size} items`);
      const item = r.value as Trade | Fill | Order;
      if (!wanted.has(item.id)) continue;
      if (name === 'orders') {
        const o = item as Order;
        const rank = statusRank(o.status);
        ctx.check(rank >= (lastRank.get(o.id) ?? -1), `order ${o.id}: status went back to ${o.status}`);
        lastRank.set(o.id, rank);
        if (isTerminal(o)) done.add(o.id);
        seen.push(o.id);
      } else {
        ctx.check(!seen.includes(item.id), `${name}: ${item.id} delivered twice`);
        seen.push(item.id);
      }
    }
  } catch (e) {
    if (e instanceof StreamOverflowError) return `overflowed with StreamOverflowError after ${seen.length} items (allowed)`;
    throw e;
  }
  if (name !== 'orders') ctx.check(canonical(seen) === canonical(want.filter((id) => seen.includes(id))) && seen.length === want.length, `${name}: items out of order or dropped`);
  return undefined;
}

const ST08: CaseDef = {
  id: 'CK-ST-08',
  area: 'ST',
  title: 'order stream under reordered frames: never regresses',
  req: cap('streamOrders'),
  env: faults('reordered frames', 'reorderFrames'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const g = await seed(ctx, s);
    const sub = ctx.streams(ex).orders(s);
    await ctx.step('orders ready', sub.ready);
    const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: g.qty(3), price: g.px(100) });
    await ctx.control.fault({ kind: 'reorderFrames', stream: 'orders' });
    for (let i = 0; i < 3; i++) await ctx.control.crossBook(native, { side: 'sell', size: plain(g.unit), limitPrice: plain(g.px(100)) });
    await ctx.waitFor('order stream reaches filled', () => (sub.items.some((x) => x.id === o.id && x.status === 'filled') ? true : `${sub.items.filter((x) => x.id === o.id).length} updates`));
    await ctx.sleep(Math.min(300, ctx.T / 10));
    const mine = sub.items.filter((x) => x.id === o.id);
    for (let i = 1; i < mine.length; i++) {
      ctx.check(statusRank(mine[i]!.status) >= statusRank(mine[i - 1]!.status), `status regressed: ${mine[i - 1]!.status} → ${mine[i]!.status}`);
      ctx.check(mine[i]!.filled.gte(mine[i - 1]!.filled), `filled fell: ${mine[i - 1]!.filled.toFixed()} → ${mine[i]!.filled.toFixed()}`);
    }
    const last = mine[mine.length - 1]!;
    const rest = await ex.fetchOrder({ symbol: s, id: o.id });
    ctx.check(last.status === rest.status, `last stream status ${last.status} ≠ fetchOrder ${rest.status}`);
    ctx.eq(last.filled, rest.filled.toFixed(), 'last stream filled vs fetchOrder');
  },
};

const ST09: CaseDef = {
  id: 'CK-ST-09',
  area: 'ST',
  title: 'close(): prompt, complete, idempotent; await using',
  req: 'anyStream',
  env: SIM,
  async run(ctx: CaseContext) {
    await ctx.control.freeze(true);
    const baseline = activeHandles();
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const streams = declaredStreams(ex);
    const pub = streams.find((n) => PUBLIC_STREAMS.includes(n));
    const priv = streams.find((n) => !PUBLIC_STREAMS.includes(n));
    const subs = [pub, priv].filter((n): n is StreamName => n !== undefined).map((n) => openStream(ctx, ex, n, s));
    await ctx.step('ready', Promise.all(subs.map((x) => x.ready)));
    for (const [i, sub] of subs.entries()) {
      const name = i === 0 && pub ? pub : priv!;
      await nextItems(ctx, ex, sub, name, s, g, `${name}: first item`, 0);
    }
    if (ctx.hasFault('resetConnections') && ctx.hasFault('refuseConnections')) {
      await ctx.control.fault({ kind: 'refuseConnections', scope: 'ws', durationMs: 10 * ctx.T });
      await ctx.control.fault({ kind: 'resetConnections', scope: 'all' });
      await ctx.waitFor('a reconnect backoff pending', () => (ctx.lifecycleOf(ex, 'reconnecting').length > 0 ? true : 'no reconnecting event'));
    } else ctx.note('no reset/refuse faults: no backoff pending at close');
    let inFlight: Promise<unknown> | undefined;
    if (ctx.hasFault('delayResponses')) {
      await ctx.control.fault({ kind: 'delayResponses', delayMs: 10 * ctx.T, durationMs: 10 * ctx.T });
      inFlight = ex.fetchTicker(s);
      inFlight.catch(() => undefined);
    } else {
      inFlight = ex.fetchTicker(s);
      inFlight.catch(() => undefined);
    }
    const t0 = Date.now();
    const closing = ex.close();
    closing.catch(() => undefined);
    await ctx.step('close()', closing, 2 * ctx.T + 1_000);
    ctx.check(Date.now() - t0 <= ctx.T, `close() took ${Date.now() - t0} ms (T = ${ctx.T})`);
    await ctx.control.clearFaults();
    const settled = await ctx.step('in-flight call settles', inFlight.then(() => 'resolved', (e: unknown) => e), ctx.T);
    ctx.check(settled === 'resolved' || settled instanceof ExchangeError, `the in-flight call rejected with ${String(settled)}, not a typed error`);
    for (const sub of subs) {
      const r = await sub.next();
      ctx.check(r.done === true, `${sub.topic}: iterator did not end after close()`);
    }
    ctx.check(ctx.lifecycleOf(ex, 'closed').length > 0, 'lifecycle never reported closed');
    await ctx.waitFor('process handles back to baseline', () => handlesBackTo(baseline));
    await ctx.step('second close()', ex.close(), ctx.T);
    const mark = await ctx.requestMark();
    await ctx.expectError('a call after close()', () => ex.fetchTicker(s), ClosedError);
    await ctx.expectNoRequests('calls after close()', mark);

    const other = await ctx.createExchange();
    if (pub) {
      const sub = openStream(ctx, other, pub, s);
      await ctx.step('ready', sub.ready);
    }
    await ctx.step('[Symbol.asyncDispose]()', Promise.resolve(other[Symbol.asyncDispose]()), ctx.T);
    ctx.check(ctx.lifecycleOf(other, 'closed').length > 0 || !pub, 'await using: lifecycle never reported closed');
    await ctx.expectError('a call after await using', () => other.fetchTicker(s), ClosedError);
  },
};

const ST10: CaseDef = {
  id: 'CK-ST-10',
  area: 'ST',
  title: 'reset, close one topic during backoff: not resubscribed',
  req: 'anyStream',
  env: faults('reset', 'resetConnections'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const name = pickStream(ex, true);
    const [sa, sb] = [ctx.symbols.perp, ctx.symbols.second];
    await seed(ctx, sa);
    const gb = await seed(ctx, sb);
    const a = openStream(ctx, ex, name, sa);
    const b = openStream(ctx, ex, name, sb);
    await ctx.step('ready', Promise.all([a.ready, b.ready]));
    if (ctx.hasFault('refuseConnections')) await ctx.control.fault({ kind: 'refuseConnections', scope: 'ws', durationMs: Math.max(300, ctx.T / 3) });
    await ctx.control.fault({ kind: 'resetConnections', scope: 'public' });
    await ctx.waitFor('reconnecting reported', () => (ctx.lifecycleOf(ex, 'reconnecting').length > 0 ? true : 'none'));
    await a.close();
    await ctx.waitFor('resubscribed reported', () => (ctx.lifecycleOf(ex, 'resubscribed').length > 0 ? true : 'none'), 2 * ctx.T);
    for (const r of ctx.lifecycleOf(ex, 'resubscribed')) {
      const topics = (r.event as { topics?: readonly string[] }).topics ?? [];
      ctx.check(!topics.includes(a.topic), `${a.topic} was resubscribed after it was closed`);
    }
    const [ta, tb] = [venueTopic(ctx, ex, name, sa), venueTopic(ctx, ex, name, sb)];
    await ctx.waitFor('venue holds only the live topic', async () => {
      const [na, nb] = [await ctx.control.subscriptionCount(ta), await ctx.control.subscriptionCount(tb)];
      return na === 0 && nb === 1 ? true : `closed topic ×${na}, live topic ×${nb}`;
    });
    await nextItems(ctx, ex, b, name, sb, gb, 'the live topic flows after the reconnect');
    ctx.check(!b.closed, 'the live subscription ended');
  },
};

export const STREAM_CASES: readonly CaseDef[] = [ST01, ST02, ST03, ST04, ST05, ST06, ST07, ST08, ST09, ST10];
