import { ExchangeError } from '../../errors/exchange-error.js';
import { ExchangeUnavailableError, NetworkError } from '../../errors/error-classes.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { Fill } from '../../models/fill.js';
import type { Order } from '../../models/order.js';
import type { OrderBook } from '../../models/order-book.js';
import type { Position } from '../../models/position.js';
import type { CaseContext } from '../context.js';
import type { KitSubscription } from '../instrument.js';
import type { ReceivedRequest, VenueOperation, VenueRateBucket } from '../venue-control.js';
import { compareBook, D, declaredStreams, minAmountAt, passivePrices, place, plain, PUBLIC_STREAMS, seed, statusRank, type Grid, type StreamName } from './helpers.js';
import { openStream, stimulate, venueTopic } from './stream-helpers.js';
import { cap, faults, type CaseDef } from './types.js';

const FT01: CaseDef = {
  id: 'CK-FT-01',
  area: 'FT',
  title: 'clock jumps +5 s / −3 s: signed calls succeed, ≤ 1 retry each',
  req: 'R',
  env: faults('clock skew', 'clockSkew'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    await ex.fetchBalances();
    for (const offsetMs of [5_000, -3_000]) {
      await ctx.control.fault({ kind: 'clockSkew', offsetMs });
      const mark = await ctx.requestMark();
      for (let i = 0; i < 3; i++) {
        await ex.fetchBalances();
        await ex.fetchOpenOrders(s);
      }
      const refused = (await ctx.requestsSince(mark)).filter((r) => r.rejected === 'timestamp').length;
      ctx.check(refused <= 1, `clock ${offsetMs > 0 ? '+' : ''}${offsetMs} ms: ${refused} requests refused for their timestamp (more than one retry)`);
    }
  },
};

/** Sliding-window check of one bucket over the received requests; the first excess, or undefined. */
export function bucketExcess(bucket: VenueRateBucket, reqs: readonly ReceivedRequest[]): string | undefined {
  const counted = reqs.filter((r) => !bucket.operations || bucket.operations.includes(r.operation)).filter((r) => bucket.scope !== 'account' || r.apiKey !== undefined);
  const groups = new Map<string, number[]>();
  for (const r of counted) {
    const key = bucket.scope === 'endpoint' ? r.operation : bucket.scope === 'account' ? (r.apiKey ?? '') : 'ip';
    groups.set(key, [...(groups.get(key) ?? []), r.at]);
  }
  for (const [key, times] of groups) {
    times.sort((a, b) => a - b);
    let lo = 0;
    for (let hi = 0; hi < times.length; hi++) {
      while (times[hi]! - times[lo]! >= bucket.windowMs) lo++;
      if (hi - lo + 1 > bucket.limit) return `bucket ${bucket.name} (${key}): ${hi - lo + 1} requests within ${bucket.windowMs} ms, limit ${bucket.limit}`;
    }
  }
  return undefined;
}

/** The least time `n` requests need under a rolling window of `limit` per `windowMs`. */
export function impliedMs(n: number, limit: number, windowMs: number): number {
  return Math.max(0, Math.ceil(n / limit) - 1) * windowMs;
}

const FT02: CaseDef = {
  id: 'CK-FT-02',
  area: 'FT',
  title: 'burst at 3× the limits: no RateLimit, every bucket respected',
  req: 'R',
  env: faults('rate limit', 'enforceRateLimits'),
  extraTimeMs: () => 120_000,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const { buckets } = await ctx.control.limits();
    if (buckets.length === 0) ctx.skipEnv('the simulator reports no rate-limit bucket');
    await seed(ctx, s);
    const p = await passivePrices(ctx, ex, s);
    const tightest = (op: VenueOperation): number => Math.min(...buckets.filter((b) => !b.operations || b.operations.includes(op)).map((b) => b.limit));
    const reads = Math.min(3 * tightest('fetchTicker'), 3_000);
    const orders = Math.min(3 * tightest('placeOrder'), 90);
    ctx.check(Number.isFinite(reads) && Number.isFinite(orders), 'no bucket covers fetchTicker or placeOrder');
    await ctx.control.fault({ kind: 'enforceRateLimits' });
    ctx.longCallMs = 120_000;
    const mark = await ctx.requestMark();
    const t0 = Date.now();
    const amount = minAmountAt(ctx.market(s), p.buy);
    await ctx.step(
      `burst of ${reads} reads and ${orders} orders`,
      Promise.all([
        ...Array.from({ length: reads }, () => ex.fetchTicker(s)),
        ...Array.from({ length: orders }, () => place(ctx, ex, { symbol: s, side: 'buy', amount, price: p.buy })),
      ]),
      120_000,
    );
    const elapsed = Date.now() - t0;
    const reqs = await ctx.requestsSince(mark, undefined);
    const limited = reqs.filter((r) => r.rejected === 'rateLimit').length;
    ctx.check(limited === 0, `the venue refused ${limited} request(s) for rate limits`);
    for (const b of buckets) {
      const excess = bucketExcess(b, reqs);
      ctx.check(!excess, excess ?? '');
      const n = reqs.filter((r) => !b.operations || b.operations.includes(r.operation)).length;
      const need = b.scope === 'endpoint' ? 0 : impliedMs(n, b.limit, b.windowMs);
      ctx.check(elapsed >= need - 50, `bucket ${b.name}: ${n} requests took ${elapsed} ms, the limit implies ≥ ${need} ms`);
    }
    ctx.note(`${reads} reads + ${orders} orders in ${elapsed} ms`);
  },
};

/** placeOrder requests: any retry carried one and the same clientOrderId; requests without one were sent once. */
function retryProblem(reqs: readonly ReceivedRequest[]): string | undefined {
  const orders = reqs.filter((r) => r.operation === 'placeOrder');
  const without = orders.filter((r) => !r.order?.clientOrderId);
  if (without.length > 1) return `${without.length} placeOrder requests without a clientOrderId (retried without one)`;
  const ids = new Set(orders.map((r) => r.order?.clientOrderId).filter(Boolean));
  if (orders.length > 1 && (ids.size !== 1 || without.length > 0)) return `placeOrder retried with ${ids.size} different clientOrderIds`;
  return undefined;
}

const FT03: CaseDef = {
  id: 'CK-FT-03',
  area: 'FT',
  title: 'rate-limit window: calls wait it out, retry-after honoured',
  req: 'R',
  env: faults('rate-limit window', 'rateLimitWindow'),
  extraTimeMs: (s) => 2 * s.timing.rateLimitWindowMs,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    await seed(ctx, s);
    const p = await passivePrices(ctx, ex, s);
    const window = ctx.timing.rateLimitWindowMs;
    ctx.longCallMs = window + ctx.T + ctx.session.requestTimeoutMs;
    const mark = await ctx.requestMark();
    await ctx.control.fault({ kind: 'rateLimitWindow', durationMs: window, retryAfter: true });
    const t0 = Date.now();
    await Promise.all([
      ex.fetchTicker(s),
      ex.fetchBalances(),
      ex.placeOrder({ symbol: s, side: 'buy', type: 'limit', amount: plain(minAmountAt(ctx.market(s), p.buy)), price: plain(p.buy) }),
    ]);
    const elapsed = Date.now() - t0;
    ctx.check(elapsed >= window - 100, `calls completed after ${elapsed} ms, inside the ${window} ms window`);
    const reqs = await ctx.requestsSince(mark);
    for (const op of ['fetchTicker', 'fetchBalances', 'placeOrder'] as const) {
      const refused = reqs.filter((r) => r.operation === op && r.rejected === 'rateLimit').length;
      ctx.check(refused <= 2, `${op}: ${refused} requests refused during the window (retry-after not honoured)`);
    }
    const retry = retryProblem(reqs);
    ctx.check(!retry, retry ?? '');
  },
};

const FT04: CaseDef = {
  id: 'CK-FT-04',
  area: 'FT',
  title: 'unavailable window: reads ride it out; past the budget Unavailable; orders not blindly retried',
  req: 'R',
  env: faults('unavailable window', 'unavailableWindow'),
  extraTimeMs: (s) => s.timing.unavailableWindowMs + 2 * s.retryBudgetMs + 4 * s.timing.convergenceMs,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    await seed(ctx, s);
    const p = await passivePrices(ctx, ex, s);
    const budget = ctx.session.retryBudgetMs;
    let w1 = ctx.timing.unavailableWindowMs;
    if (w1 >= budget) {
      w1 = Math.floor(budget / 2);
      ctx.note(`window shortened to ${w1} ms (retry budget ${budget} ms)`);
    }
    ctx.longCallMs = budget + 2 * ctx.T + ctx.session.requestTimeoutMs;
    await ctx.control.fault({ kind: 'unavailableWindow', durationMs: w1 });
    const t0 = Date.now();
    await ex.fetchTicker(s);
    ctx.check(Date.now() - t0 >= w1 - 100, 'the read succeeded inside the unavailable window');
    await ctx.control.clearFaults();

    // Long enough that the order below still meets the window after the read used up its budget: an
    // adapter may safely retry a placement under its own clientOrderId, and must not see the window end.
    await ctx.control.fault({ kind: 'unavailableWindow', durationMs: 2 * budget + 2 * ctx.T });
    await ctx.expectError('read past the retry budget', () => ex.fetchTicker(s), ExchangeUnavailableError);
    const mark = await ctx.requestMark();
    await ctx.expectError(
      'placeOrder without clientOrderId while unavailable',
      () => ex.placeOrder({ symbol: s, side: 'buy', type: 'limit', amount: plain(minAmountAt(ctx.market(s), p.buy)), price: plain(p.buy) }),
      ExchangeError,
    );
    const retry = retryProblem(await ctx.requestsSince(mark));
    ctx.check(!retry, retry ?? '');
    await ctx.control.clearFaults();
  },
};

const FT05: CaseDef = {
  id: 'CK-FT-05',
  area: 'FT',
  title: 'lost placeOrder response: exactly one venue order, found by clientOrderId',
  req: cap('clientOrderId'),
  env: faults('drop response', 'dropResponse'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    await seed(ctx, s);
    const p = await passivePrices(ctx, ex, s);
    const coid = ctx.coid();
    await ctx.control.fault({ kind: 'dropResponse', operation: 'placeOrder' });
    let order: Order;
    try {
      order = await ex.placeOrder({ symbol: s, side: 'buy', type: 'limit', amount: plain(minAmountAt(ctx.market(s), p.buy)), price: plain(p.buy), clientOrderId: coid });
    } catch (e) {
      ctx.check(e instanceof NetworkError, `placeOrder with a lost response threw ${String(e)}, expected Network or success`);
      order = await ex.fetchOrder({ symbol: s, clientOrderId: coid });
    }
    ctx.check(order.clientOrderId === coid, `resolved to clientOrderId ${String(order.clientOrderId)}`);
    const venue = await ctx.control.orders({ clientOrderId: coid });
    ctx.check(venue.length === 1, `the venue holds ${venue.length} orders for ${coid}`);
  },
};

function resubscribedTopics(ctx: CaseContext, ex: Exchange, from: number): string[][] {
  return ctx.lifecycleOf(ex, 'resubscribed').slice(from).map((r) => [...((r.event as { topics?: readonly string[] }).topics ?? [])]);
}

const FT06: CaseDef = {
  id: 'CK-FT-06',
  area: 'FT',
  title: 'public resets (one before an ack): prompt reconnect, exact resubscribe, books rebuilt',
  req: 'anyStream',
  env: faults('reset', 'resetConnections'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const names = declaredStreams(ex).filter((n) => n === 'ticker' || n === 'orderBook' || n === 'trades');
    if (names.length === 0) return ctx.note('no ticker, book or trades stream: nothing public to reset');
    const g = await seed(ctx, s);
    const subs = new Map(names.map((n) => [n, openStream(ctx, ex, n, s)] as const));
    await ctx.step('ready', Promise.all([...subs.values()].map((x) => x.ready)));
    for (const [n, sub] of subs) await waitItem(ctx, ex, sub, n, s, g);
    const errors = ctx.lifecycleOf(ex, 'error').length;

    const reconnect = async (label: string, during: () => Promise<void>): Promise<void> => {
      const [rc, rs] = [ctx.lifecycleOf(ex, 'reconnecting').length, ctx.lifecycleOf(ex, 'resubscribed').length];
      await during();
      await ctx.waitFor(`${label}: reconnecting reported`, () => (ctx.lifecycleOf(ex, 'reconnecting').length > rc ? true : 'none'));
      const first = ctx.lifecycleOf(ex, 'reconnecting')[rc]!.event as { attempt?: number; delayMs?: number };
      ctx.check(first.attempt !== 1 || (first.delayMs ?? 0) <= 1_000, `${label}: first reconnect attempt after ${String(first.delayMs)} ms (> 1 s)`);
      await ctx.waitFor(`${label}: resubscribed reported`, () => (ctx.lifecycleOf(ex, 'resubscribed').length > rs ? true : 'none'), 2 * ctx.T);
      for (const topics of resubscribedTopics(ctx, ex, rs)) ctx.check(new Set(topics).size === topics.length, `${label}: a topic resubscribed twice (${topics.join(', ')})`);
    };

    await reconnect('reset', async () => {
      await ctx.control.fault({ kind: 'resetConnections', scope: 'public' });
      // Changes while disconnected: the rebuilt book must come from a fresh snapshot.
      await ctx.control.changeBook(native, [{ side: 'bid', price: plain(g.px(97)), size: plain(g.qty(3)) }]);
    });
    const extra = ctx.streams(ex).ticker(ctx.symbols.second);
    await reconnect('reset before an ack', async () => {
      await ctx.control.fault({ kind: 'resetConnections', scope: 'public', beforeAck: true });
      await seed(ctx, ctx.symbols.second);
    });
    await ctx.step('the subscription hit by the reset resolves', extra.ready);
    for (const [n, sub] of subs) {
      await waitItem(ctx, ex, sub, n, s, g);
      ctx.check(!sub.closed, `${n}: the subscription ended`);
      const count = await ctx.control.subscriptionCount(venueTopic(ctx, ex, n, s));
      ctx.check(count === 1, `${n}: ${count} venue subscriptions after the resets`);
    }
    const book = subs.get('orderBook') as KitSubscription<OrderBook> | undefined;
    if (book) {
      const venue = await ctx.control.book(native, 20);
      await ctx.waitFor('book rebuilt = simulator', () => compareBook(book.latest, venue, 20));
    }
    ctx.check(ctx.lifecycleOf(ex, 'error').length === errors, 'a lifecycle error reached consumers');
  },
};

async function waitItem(ctx: CaseContext, ex: Exchange, sub: KitSubscription<unknown>, name: StreamName, symbol: string, g: Grid): Promise<void> {
  const before = sub.items.length;
  let round = before + 1;
  await ctx.waitFor(`${name}: an item`, async () => {
    if (sub.items.length > before) return true;
    await stimulate(ctx, ex, name, symbol, g, round++);
    return 'no new item';
  });
}

interface PrivateSubs {
  readonly fills: KitSubscription<Fill>;
  readonly orders?: KitSubscription<Order>;
  readonly positions?: KitSubscription<Position>;
}

async function privateSubs(ctx: CaseContext, ex: Exchange): Promise<PrivateSubs> {
  const st = ctx.streams(ex);
  const subs: PrivateSubs = {
    fills: st.fills(),
    ...(ex.capabilities.streamOrders && { orders: st.orders() }),
    ...(ex.capabilities.streamPositions && { positions: st.positions() }),
  };
  await ctx.step('private streams ready', Promise.all([subs.fills.ready, subs.orders?.ready, subs.positions?.ready]));
  return subs;
}

/** Resting buys at 100 and 99 (best bids), one unit each. */
async function restingPair(ctx: CaseContext, ex: Exchange, s: string, g: Grid): Promise<Order[]> {
  return [await place(ctx, ex, { symbol: s, side: 'buy', amount: g.unit, price: g.px(100) }), await place(ctx, ex, { symbol: s, side: 'buy', amount: g.unit, price: g.px(99) })];
}

async function fillPair(ctx: CaseContext, s: string, g: Grid): Promise<void> {
  const native = ctx.nativeId(s);
  await ctx.control.crossBook(native, { side: 'sell', size: plain(g.unit), limitPrice: plain(g.px(100)) });
  await ctx.control.crossBook(native, { side: 'sell', size: plain(g.unit), limitPrice: plain(g.px(99)) });
}

/** Fills of these orders arrive once each, in venue order; streams settle on REST. */
async function privateConverges(ctx: CaseContext, ex: Exchange, s: string, subs: PrivateSubs, orders: readonly Order[], ms: number): Promise<void> {
  const ids = orders.map((o) => o.id);
  const venue = (await ctx.control.fills()).filter((f) => ids.includes(f.orderId));
  ctx.check(venue.length >= orders.length, `the simulator shows ${venue.length} fills for ${orders.length} crossed orders`);
  await ctx.waitFor('every fill delivered', () => {
    const got = new Set(subs.fills.items.map((f) => f.id));
    const missing = venue.filter((f) => !got.has(f.id));
    return missing.length === 0 ? true : `${missing.length} of ${venue.length} missing`;
  }, ms);
  await ctx.sleep(Math.min(300, ctx.T / 10));
  const delivered = subs.fills.items.filter((f) => venue.some((v) => v.id === f.id)).map((f) => f.id);
  ctx.check(new Set(delivered).size === delivered.length, `a fill was delivered twice (${delivered.join(', ')})`);
  ctx.check(delivered.join() === venue.map((f) => f.id).join(), `fills out of venue order: ${delivered.join(', ')}`);
  const ordersSub = subs.orders;
  if (ordersSub) {
    for (const o of orders) {
      await ctx.waitFor(`order ${o.id}: stream = REST`, async () => {
        const rest = await ex.fetchOrder({ symbol: s, id: o.id });
        const mine = ordersSub.items.filter((x) => x.id === o.id);
        const last = mine[mine.length - 1];
        if (!last) return 'no stream item';
        return last.status === rest.status && last.filled.eq(rest.filled) ? true : `stream ${last.status}/${last.filled.toFixed()}, REST ${rest.status}/${rest.filled.toFixed()}`;
      }, ms);
      const mine = ordersSub.items.filter((x) => x.id === o.id);
      for (let i = 1; i < mine.length; i++) ctx.check(statusRank(mine[i]!.status) >= statusRank(mine[i - 1]!.status), `order ${o.id}: status regressed`);
    }
  }
  const positionsSub = subs.positions;
  if (positionsSub && ex.capabilities.positions) {
    await ctx.waitFor('position stream = REST', async () => {
      const rest = (await ex.fetchPositions([s])).find((p) => p.symbol === s)?.size ?? D(0);
      const last = [...positionsSub.items].reverse().find((p) => p.symbol === s);
      return last?.size.eq(rest) ? true : `stream ${last?.size.toFixed()}, REST ${rest.toFixed()}`;
    }, ms);
  }
}

const FT07: CaseDef = {
  id: 'CK-FT-07',
  area: 'FT',
  title: 'private reset during fills: re-auth, reconcile, every fill once, in order',
  req: cap('streamFills'),
  env: faults('reset', 'resetConnections'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const subs = await privateSubs(ctx, ex);
    const orders = await restingPair(ctx, ex, s, g);
    await ctx.control.fault({ kind: 'resetConnections', scope: 'private' });
    await fillPair(ctx, s, g);
    await privateConverges(ctx, ex, s, subs, orders, 2 * ctx.T);
    ctx.check(ctx.lifecycleOf(ex, 'reconnecting').length > 0, 'no reconnect reported after the private reset');
  },
};

const FT08: CaseDef = {
  id: 'CK-FT-08',
  area: 'FT',
  title: 'lost order update and fill: reconciled within the declared interval',
  req: cap('streamFills'),
  env: faults('lost events', 'loseEvents'),
  extraTimeMs: (s) => s.target.declared.reconciliationIntervalMs,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const subs = await privateSubs(ctx, ex);
    const [o] = await restingPair(ctx, ex, s, g);
    if (subs.orders) {
      const os = subs.orders;
      await ctx.waitFor('order stream shows the new order', () => (os.items.some((x) => x.id === o!.id) ? true : 'not yet'));
    }
    await ctx.control.fault({ kind: 'loseEvents', events: ['order', 'fill'] });
    await ctx.control.crossBook(ctx.nativeId(s), { side: 'sell', size: plain(g.unit), limitPrice: plain(g.px(100)) });
    await privateConverges(ctx, ex, s, subs, [o!], ctx.declared.reconciliationIntervalMs + ctx.T);
  },
};

const FT09: CaseDef = {
  id: 'CK-FT-09',
  area: 'FT',
  title: 'duplicated private events: each fill once, idempotent state',
  req: cap('streamFills'),
  env: faults('duplicate events', 'duplicateEvents'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const subs = await privateSubs(ctx, ex);
    const balances = ex.capabilities.streamBalances ? ctx.streams(ex).balances() : undefined;
    if (balances) await ctx.step('balances ready', balances.ready);
    await ctx.control.fault({ kind: 'duplicateEvents', count: 20 });
    const orders = await restingPair(ctx, ex, s, g);
    await fillPair(ctx, s, g);
    await privateConverges(ctx, ex, s, subs, orders, ctx.T);
    if (balances) {
      await ctx.waitFor('balance stream = REST', async () => {
        for (const b of await ex.fetchBalances()) {
          const last = [...balances.items].reverse().find((x) => x.currency === b.currency);
          if (last && !last.total.eq(b.total)) return `${b.currency}: stream ${last.total.toFixed()}, REST ${b.total.toFixed()}`;
        }
        return true;
      });
    }
  },
};

const FT10: CaseDef = {
  id: 'CK-FT-10',
  area: 'FT',
  title: 'refused reconnects: capped backoff, recovery; past the budget Network + error',
  req: 'anyStream',
  env: faults('connection refused', 'refuseConnections', 'resetConnections'),
  extraTimeMs: (s) => s.timing.refuseWindowMs + s.reconnectBudgetMs + 6 * s.timing.convergenceMs,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const name = declaredStreams(ex).find((n) => PUBLIC_STREAMS.includes(n));
    if (!name) return ctx.note('no public stream declared');
    const g = await seed(ctx, s);
    const sub = openStream(ctx, ex, name, s);
    await ctx.step('ready', sub.ready);
    await waitItem(ctx, ex, sub, name, s, g);
    const window = ctx.timing.refuseWindowMs;
    const rc = ctx.lifecycleOf(ex, 'reconnecting').length;
    const venueStart = await ctx.control.now();
    await ctx.control.fault({ kind: 'refuseConnections', scope: 'ws', durationMs: window });
    await ctx.control.fault({ kind: 'resetConnections', scope: 'public' });
    await ctx.sleep(window);
    const attempts = ctx.lifecycleOf(ex, 'reconnecting').slice(rc).map((r) => r.event as { connection?: string; delayMs?: number });
    const delays = attempts.map((e) => e.delayMs ?? 0);
    ctx.check(delays.length > 0, 'no reconnect attempt during the refusal window');
    // "Grows to its cap": per connection (several sockets may back off at once), never shorter than the previous wait.
    const byConnection = new Map<string, number[]>();
    for (const e of attempts) byConnection.set(e.connection ?? '', [...(byConnection.get(e.connection ?? '') ?? []), e.delayMs ?? 0]);
    for (const [connection, ds] of byConnection) {
      for (let i = 1; i < ds.length; i++) ctx.check(ds[i]! >= ds[i - 1]!, `backoff of ${connection || 'the connection'} shrank: ${ds[i - 1]} ms then ${ds[i]} ms`);
    }
    const refused = (await ctx.control.connections()).filter((c) => c.refused && c.openedAt >= venueStart).length;
    ctx.check(refused <= window / 100 + 2, `${refused} connection attempts in ${window} ms (attempt rate unbounded)`);
    // Each poll makes a distinct change (a repeated identical book write produces no ticker update).
    const before = sub.items.length;
    let round = before + 1_000;
    await ctx.waitFor('the stream recovers after the window', async () => {
      if (sub.items.length > before) return true;
      await stimulate(ctx, ex, name, s, g, round++);
      return 'no item yet';
    }, 2 * ctx.T + (delays[delays.length - 1] ?? 0));
    ctx.check(!sub.closed, 'the consumer saw an error during the refusal window');

    const errors = ctx.lifecycleOf(ex, 'error').length;
    const budget = ctx.session.reconnectBudgetMs;
    await ctx.control.fault({ kind: 'refuseConnections', scope: 'ws', durationMs: budget + 4 * ctx.T });
    await ctx.control.fault({ kind: 'resetConnections', scope: 'public' });
    let thrown: unknown;
    const deadline = Date.now() + budget + 3 * ctx.T;
    while (thrown === undefined && Date.now() < deadline) {
      try {
        const r = await sub.next(Math.max(1, deadline - Date.now()));
        if (r.done) ctx.fail('the iterator ended quietly past the reconnect budget (expected a Network error)');
      } catch (e) {
        thrown = e;
      }
    }
    ctx.check(thrown instanceof NetworkError, `past the reconnect budget the iterator threw ${String(thrown)}, expected NetworkError`);
    ctx.check(ctx.lifecycleOf(ex, 'error').length > errors, 'lifecycle reported no error past the budget');
    await ctx.control.clearFaults();
  },
};

export const FAULT_CASES: readonly CaseDef[] = [FT01, FT02, FT03, FT04, FT05, FT06, FT07, FT08, FT09, FT10];
