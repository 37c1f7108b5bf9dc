import { InvalidArgumentError, NotSupportedError } from '../../errors/error-classes.js';
import { TIMEFRAME_MS, timeframeSchema, type Timeframe } from '../../models/enums.js';
import type { Candle } from '../../models/candle.js';
import type { Market } from '../../models/market.js';
import type { Ticker } from '../../models/ticker.js';
import type { Trade } from '../../models/trade.js';
import type { CaseContext } from '../context.js';
import { addKitInstrument, D, plain, seed, smallestTimeframe } from './helpers.js';
import { venueHolds } from './stream-helpers.js';
import type { VenueTrade } from '../venue-control.js';
import { ANY, cap, SIM, type CaseDef } from './types.js';

/** CK-MD-01's criteria on one ticker; undefined when they hold. `strict`: bid, ask and last must be present. */
export function tickerProblem(t: Ticker, market: Market, strict = true): string | undefined {
  const { bid, ask, last } = t;
  if (strict && (!bid || !ask || !last)) return `bid/ask/last missing (bid ${bid?.toFixed()}, ask ${ask?.toFixed()}, last ${last?.toFixed()})`;
  if (bid && ask && !bid.lt(ask)) return `bid ${bid.toFixed()} is not < ask ${ask.toFixed()}`;
  for (const [k, v] of [['bid', bid], ['ask', ask], ['last', last]] as const) if (v && !v.gt(0)) return `${k} ${v.toFixed()} is not > 0`;
  for (const [k, v] of [['bidSize', t.bidSize], ['askSize', t.askSize]] as const) if (v && v.isNegative()) return `${k} ${v.toFixed()} < 0`;
  const { low24h: low, high24h: high } = t;
  if (low && high) {
    if (low.gt(high)) return `low24h ${low.toFixed()} > high24h ${high.toFixed()}`;
    if (last && (last.lt(low) || last.gt(high))) return `last ${last.toFixed()} outside [${low.toFixed()}, ${high.toFixed()}]`;
    const base = t.baseVolume24h;
    const quote = t.quoteVolume24h;
    if (base && quote) {
      const lo = base.minus(market.stepSize).mul(low);
      const hi = base.plus(market.stepSize).mul(high);
      if (quote.lt(lo) || quote.gt(hi)) return `quoteVolume24h ${quote.toFixed()} outside [${lo.toFixed()}, ${hi.toFixed()}]`;
    }
  }
  return undefined;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export function isAligned(openTime: number, tf: Timeframe): boolean {
  if (tf === '1M') {
    const d = new Date(openTime);
    return d.getUTCDate() === 1 && d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  }
  // Weeks: epoch-aligned (Thursday) or Monday-aligned, both in use.
  if (tf === '1w') return openTime % WEEK === 0 || (openTime - 4 * DAY) % WEEK === 0;
  return openTime % TIMEFRAME_MS[tf] === 0;
}

export function nextOpen(openTime: number, tf: Timeframe): number {
  if (tf !== '1M') return openTime + TIMEFRAME_MS[tf];
  const d = new Date(openTime);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function candleProblem(c: Candle, tf: Timeframe, now: number): string | undefined {
  if (c.open.lt(c.low) || c.open.gt(c.high)) return `open ${c.open.toFixed()} outside [low, high]`;
  if (c.close.lt(c.low) || c.close.gt(c.high)) return `close ${c.close.toFixed()} outside [low, high]`;
  if (c.volume.isNegative()) return `volume ${c.volume.toFixed()} < 0`;
  if (!isAligned(c.openTime, tf)) return `openTime ${c.openTime} not aligned to ${tf}`;
  if (c.openTime > now) return `openTime ${c.openTime} is in the future`;
  return undefined;
}

/** Numeric ids compare as numbers, others as strings. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function tradesProblem(trades: readonly Trade[], limit: number): string | undefined {
  if (trades.length > limit) return `${trades.length} trades for limit ${limit}`;
  const ids = new Set<string>();
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i]!;
    if (!t.price.gt(0) || !t.size.gt(0)) return `trade ${t.id}: price/size not > 0`;
    if (t.id === '') return `trade ${i} has an empty id`;
    if (ids.has(t.id)) return `trade id ${t.id} repeated`;
    ids.add(t.id);
    const prev = trades[i - 1];
    if (prev && (prev.timestamp > t.timestamp || (prev.timestamp === t.timestamp && compareIds(prev.id, t.id) > 0))) {
      return `not ascending by time then id at ${i} (${prev.id}@${prev.timestamp} then ${t.id}@${t.timestamp})`;
    }
  }
  return undefined;
}

const MD01: CaseDef = {
  id: 'CK-MD-01',
  area: 'MD',
  title: 'fetchTicker: bid < ask, positive, 24 h stats consistent',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    if (ctx.sim) {
      const g = await seed(ctx, ctx.symbols.perp);
      await ctx.control.printTrades(ctx.nativeId(ctx.symbols.perp), [{ price: plain(g.px(100)), size: plain(g.unit), side: 'buy' }]);
    }
    const t = await ex.fetchTicker(ctx.symbols.perp);
    const problem = tickerProblem(t, ctx.market(ctx.symbols.perp));
    ctx.check(!problem, `${ctx.symbols.perp}: ${problem}`);
  },
};

const MD02: CaseDef = {
  id: 'CK-MD-02',
  area: 'MD',
  title: 'fetchTickers: keyed by unified symbol, list honoured',
  req: cap('fetchTickers'),
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const { perp, second } = ctx.symbols;
    if (ctx.sim) {
      for (const s of [perp, second]) {
        const g = await seed(ctx, s);
        await ctx.control.printTrades(ctx.nativeId(s), [{ price: plain(g.px(100)), size: plain(g.unit), side: 'sell' }]);
      }
    }
    const all = await ex.fetchTickers();
    ctx.check(Object.keys(all).length > 0, 'fetchTickers() returned nothing');
    for (const [key, t] of Object.entries(all)) {
      ctx.check(t.symbol === key, `entry ${key} carries symbol ${t.symbol}`);
      const m = ex.markets.find(key);
      ctx.check(m && m.symbol === key, `key ${key} is not a unified symbol of the loaded markets`);
      // Illiquid markets may lack a side: the strict form applies to the listed, liquid ones below.
      const problem = tickerProblem(t, m, false);
      ctx.check(!problem, `${key}: ${problem}`);
    }
    const some = await ex.fetchTickers([perp, second]);
    const keys = Object.keys(some).sort();
    ctx.check(keys.length === 2 && keys.includes(perp) && keys.includes(second), `fetchTickers([${perp}, ${second}]) answered keys ${keys.join(', ')}`);
    for (const s of [perp, second]) {
      const problem = tickerProblem(some[s]!, ctx.market(s));
      ctx.check(!problem, `${s}: ${problem}`);
    }
  },
};

const MD03: CaseDef = {
  id: 'CK-MD-03',
  area: 'MD',
  title: 'ticker = seeded book top; last = last trade',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const [trade] = await ctx.control.printTrades(ctx.nativeId(s), [{ price: plain(g.px(101)), size: plain(g.unit), side: 'buy' }]);
    const venue = await ctx.control.book(ctx.nativeId(s), 1);
    const [vb, va] = [venue.bids[0], venue.asks[0]];
    ctx.check(vb && va && trade, 'simulator book or tape empty after seeding');
    const t = await ex.fetchTicker(s);
    ctx.eq(t.bid, vb[0], 'ticker.bid vs book best bid');
    ctx.eq(t.ask, va[0], 'ticker.ask vs book best ask');
    if (t.bidSize) ctx.eq(t.bidSize, vb[1], 'ticker.bidSize');
    if (t.askSize) ctx.eq(t.askSize, va[1], 'ticker.askSize');
    ctx.eq(t.last, trade.price, 'ticker.last vs last trade');
    const b = await ex.fetchOrderBook(s);
    ctx.eq(b.bids[0]?.price, vb[0], 'fetchOrderBook best bid');
    ctx.eq(b.asks[0]?.price, va[0], 'fetchOrderBook best ask');
  },
};

const MD04: CaseDef = {
  id: 'CK-MD-04',
  area: 'MD',
  title: 'fetchCandles per timeframe; undeclared timeframe refused',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    ctx.check(ex.timeframes.length > 0, 'the adapter declares no timeframe');
    for (const tf of ex.timeframes) {
      const candles = await ex.fetchCandles(s, tf, { limit: 50 });
      ctx.check(candles.length <= 50, `${tf}: ${candles.length} candles for limit 50`);
      const now = Date.now() + ctx.clockAllowanceMs;
      for (let i = 0; i < candles.length; i++) {
        const c = candles[i]!;
        const problem = candleProblem(c, tf, now);
        ctx.check(!problem, `${tf} candle ${i}: ${problem}`);
        const prev = candles[i - 1];
        ctx.check(!prev || prev.openTime < c.openTime, `${tf}: open times not strictly ascending at ${i}`);
      }
      if (tf === smallestTimeframe(ex)) ctx.check(candles.length > 0, `${tf}: no candle returned`);
    }
    const undeclared = timeframeSchema.options.find((tf) => !ex.timeframes.includes(tf));
    if (!undeclared) return ctx.note('every timeframe declared; refusal not checked');
    const mark = await ctx.requestMark();
    await ctx.expectError(`fetchCandles(${undeclared}) (undeclared)`, () => ex.fetchCandles(s, undeclared, { limit: 5 }), NotSupportedError, InvalidArgumentError);
    await ctx.expectNoRequests(`fetchCandles(${undeclared})`, mark);
  },
};

const MD05: CaseDef = {
  id: 'CK-MD-05',
  area: 'MD',
  title: 'fetchCandles pages: since, limit > page, = simulator candles',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const tf = smallestTimeframe(ex);
    ctx.check(tf, 'no timeframe declared');
    const tfMs = TIMEFRAME_MS[tf];
    const page = ctx.declared.candlePageLimit ?? 200;
    const limit = page + 30;
    const now = await ctx.control.now();
    const since = Math.floor(now / tfMs) * tfMs - (limit + 30) * tfMs + 1; // not aligned on purpose
    const got = await ex.fetchCandles(s, tf, { since, limit });
    ctx.check(got.length > 0 && got.length <= limit, `${got.length} candles for limit ${limit}`);
    ctx.check(got[0]!.openTime >= since, `first openTime ${got[0]!.openTime} < since ${since}`);
    for (let i = 1; i < got.length; i++) ctx.check(got[i - 1]!.openTime < got[i]!.openTime, `not ascending at ${i}`);
    const want = (await ctx.control.candles(ctx.nativeId(s), tf, since, got[got.length - 1]!.openTime + 1)).slice(0, limit);
    ctx.check(got.length === want.length, `${got.length} candles, the simulator has ${want.length} in that range (missing or repeated intervals)`);
    want.forEach((w, i) => {
      const c = got[i]!;
      ctx.check(c.openTime === w.openTime, `candle ${i}: openTime ${c.openTime} ≠ simulator ${w.openTime}`);
      for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) ctx.eq(c[k], w[k], `candle ${i} (${w.openTime}) ${k}`);
    });
    ctx.note(`${got.length} candles over ${Math.ceil(got.length / page)} pages`);
  },
};

async function idleSymbol(ctx: CaseContext): Promise<string | undefined> {
  if (ctx.symbols.idle) return ctx.symbols.idle;
  if (!ctx.sim) return undefined;
  const ex = await ctx.exchange();
  return addKitInstrument(ctx, ex, ctx.symbols.perp, 'KITIDLE');
}

const MD06: CaseDef = {
  id: 'CK-MD-06',
  area: 'MD',
  title: 'fetchTrades: valid, unique, ascending, = tape; idle → []',
  req: cap('fetchTrades'),
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const limit = 20;
    if (ctx.sim) {
      const g = await seed(ctx, s);
      await ctx.control.printTrades(
        ctx.nativeId(s),
        Array.from({ length: 30 }, (_, i) => ({ price: plain(g.px(100 + (i % 4))), size: plain(g.qty(1 + (i % 3))), side: i % 2 ? ('buy' as const) : ('sell' as const) })),
      );
    }
    const trades = await ex.fetchTrades(s, { limit });
    const problem = tradesProblem(trades, limit);
    ctx.check(!problem, problem ?? '');
    if (ctx.sim) {
      const tape = await ctx.control.tape(ctx.nativeId(s), limit);
      ctx.check(trades.length === tape.length, `${trades.length} trades, the tape tail has ${tape.length}`);
      tape.forEach((w, i) => {
        const t = trades[i]!;
        ctx.check(t.id === w.id && t.side === w.side && t.timestamp === w.timestamp, `trade ${i}: ${t.id}/${t.side}/${t.timestamp} ≠ tape ${w.id}/${w.side}/${w.timestamp}`);
        ctx.eq(t.price, w.price, `trade ${w.id} price`);
        ctx.eq(t.size, w.size, `trade ${w.id} size`);
      });
    } else {
      ctx.check(trades.length > 0, `no trade on ${s}`);
    }
    const idle = await idleSymbol(ctx);
    if (!idle) return ctx.note('no idle market configured (target.symbols.idle)');
    const none = await ex.fetchTrades(idle, { limit });
    ctx.check(Array.isArray(none) && none.length === 0, `idle market ${idle} answered ${none.length} trades`);
  },
};

const MD07: CaseDef = {
  id: 'CK-MD-07',
  area: 'MD',
  title: 'fetchServerTime: integer ms, close to the venue clock',
  req: cap('fetchServerTime'),
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const t0 = Date.now();
    const server = await ex.fetchServerTime();
    const t1 = Date.now();
    ctx.check(Number.isInteger(server), `fetchServerTime answered ${server}, not integer ms`);
    if (ctx.sim) {
      const venue = await ctx.control.now();
      const drift = venue - server; // venue read after the answer: 0 ≤ drift ≤ elapsed + 1 s
      ctx.check(drift >= -1_000 && drift <= 1_000 + (Date.now() - t0), `server time ${server} is ${drift} ms from the simulator clock ${venue}`);
    } else {
      const off = Math.abs(server - (t0 + t1) / 2);
      ctx.check(off <= t1 - t0 + 5_000, `server time is ${Math.round(off)} ms from local time (round trip ${t1 - t0} ms)`);
    }
    ctx.note(`source: ${ctx.declared.serverTimeSource}`);
  },
};

const MD08: CaseDef = {
  id: 'CK-MD-08',
  area: 'MD',
  title: 'ticker stream: valid items, follows the top of book',
  req: cap('streamTicker'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const g = await seed(ctx, s);
    await ctx.control.printTrades(native, [{ price: plain(g.px(100)), size: plain(g.unit), side: 'buy' }]);
    const sub = ctx.streams(ex).ticker(s);
    await ctx.step('ticker ready', sub.ready);
    await sub.next();
    await ctx.control.changeBook(native, [
      { side: 'bid', price: plain(g.px(97)), size: plain(g.qty(2)) },
      { side: 'ask', price: plain(g.px(103)), size: plain(g.qty(2)) },
    ]);
    await ctx.waitFor('ticker shows the moved bid/ask', () => {
      const t = sub.latest;
      if (!t?.bid || !t.ask) return 'no bid/ask yet';
      return t.bid.eq(g.px(97)) && t.ask.eq(g.px(103)) ? true : `bid ${t.bid.toFixed()} ask ${t.ask.toFixed()}`;
    });
    const items = sub.items;
    ctx.check(items.length >= 1, 'no ticker item');
    items.forEach((t, i) => {
      const problem = tickerProblem(t, ctx.market(s));
      ctx.check(!problem, `item ${i}: ${problem}`);
      ctx.check(i === 0 || items[i - 1]!.timestamp <= t.timestamp, `item ${i}: timestamp went back`);
    });
  },
};

const MD09: CaseDef = {
  id: 'CK-MD-09',
  area: 'MD',
  title: 'trades stream: 50 scripted trades, once each, in order',
  req: cap('streamTrades'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const sub = ctx.streams(ex).trades(s);
    await ctx.step('trades ready', sub.ready);
    await venueHolds(ctx, { stream: 'trades', nativeId: ctx.nativeId(s) });
    const script = Array.from({ length: 50 }, (_, i) => ({
      price: plain(g.px(D(100).plus(i % 5))),
      size: plain(g.qty(1 + (i % 3))),
      side: i % 3 === 0 ? ('sell' as const) : ('buy' as const),
    }));
    const printed = await ctx.control.printTrades(ctx.nativeId(s), script);
    if (ctx.declared.tradeIds === 'none') return checkIdlessTrades(ctx, sub.items, printed);
    const ids = new Set(printed.map((t) => t.id));
    await ctx.waitFor('all 50 scripted trades delivered', () => {
      const n = sub.items.filter((t) => ids.has(t.id)).length;
      return n >= printed.length ? true : `${n}/${printed.length}`;
    });
    const got = sub.items.filter((t) => ids.has(t.id));
    ctx.check(got.length === printed.length, `${got.length} scripted trades delivered for ${printed.length} printed (duplicates?)`);
    printed.forEach((w, i) => {
      const t = got[i]!;
      ctx.check(t.id === w.id, `position ${i}: got trade ${t.id}, venue order has ${w.id}`);
      ctx.check(t.side === w.side, `trade ${w.id}: side ${t.side} ≠ ${w.side}`);
      ctx.eq(t.price, w.price, `trade ${w.id} price`);
      ctx.eq(t.size, w.size, `trade ${w.id} size`);
    });
  },
};

/**
 * MD-09 for a venue whose trades carry no id (declared `tradeIds: 'none'`): the book is frozen, so the
 * stream sees only the scripted prints; they must arrive once each, in order, equal in side, price and
 * size, under adapter-minted ids that are non-empty and unique.
 */
async function checkIdlessTrades(ctx: CaseContext, items: readonly Trade[], printed: readonly VenueTrade[]): Promise<void> {
  await ctx.waitFor('all 50 scripted trades delivered', () => (items.length >= printed.length ? true : `${items.length}/${printed.length}`));
  await ctx.sleep(ctx.T / 5);
  ctx.check(items.length === printed.length, `${items.length} trades delivered for ${printed.length} printed (duplicates?)`);
  const ids = new Set(items.map((t) => t.id));
  ctx.check(ids.size === items.length && !ids.has(''), 'adapter-minted trade ids are not unique and non-empty');
  printed.forEach((w, i) => {
    const t = items[i]!;
    ctx.check(t.side === w.side, `position ${i}: side ${t.side} ≠ ${w.side}`);
    ctx.eq(t.price, w.price, `position ${i}: price`);
    ctx.eq(t.size, w.size, `position ${i}: size`);
  });
}

const MD10: CaseDef = {
  id: 'CK-MD-10',
  area: 'MD',
  title: 'candle stream across two boundaries = fetchCandles',
  req: cap('streamCandles'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const tf: Timeframe = ex.timeframes.includes('1m') ? '1m' : (smallestTimeframe(ex) ?? '1m');
    const tfMs = TIMEFRAME_MS[tf];
    const g = await seed(ctx, s);
    const sub = ctx.streams(ex).candles(s, tf);
    await ctx.step('candles ready', sub.ready);
    await venueHolds(ctx, { stream: 'candles', nativeId: native, timeframe: tf });
    const print = (k: number): Promise<unknown> =>
      ctx.control.printTrades(native, [0, 1, 2].map((i) => ({ price: plain(g.px(100 + k + i)), size: plain(g.qty(1 + i)), side: 'buy' as const })));
    await print(0);
    for (let b = 0; b < 2; b++) {
      const now = await ctx.control.now();
      await ctx.control.advanceClock(Math.ceil((now + 1) / tfMs) * tfMs - now + 1_000);
      await print(b + 1);
    }
    await ctx.waitFor('candles of three intervals delivered', () => {
      const opens = new Set(sub.items.map((c) => c.openTime));
      return opens.size >= 3 ? true : `${opens.size} interval(s) seen`;
    });
    const items = sub.items;
    for (let i = 1; i < items.length; i++) {
      const [p, c] = [items[i - 1]!, items[i]!];
      if (c.openTime === p.openTime) {
        ctx.eq(c.open, p.open.toFixed(), `update ${i}: open changed`);
        ctx.check(c.high.gte(p.high), `update ${i}: high fell`);
        ctx.check(c.low.lte(p.low), `update ${i}: low rose`);
        ctx.check(c.volume.gte(p.volume), `update ${i}: volume fell`);
      } else {
        ctx.check(c.openTime === nextOpen(p.openTime, tf), `update ${i}: candle opened at ${c.openTime}, expected ${nextOpen(p.openTime, tf)}`);
      }
    }
    const opens = [...new Set(items.map((c) => c.openTime))];
    const closed = opens.slice(0, -1);
    const rest = await ex.fetchCandles(s, tf, { since: closed[0]!, limit: opens.length });
    for (const open of closed) {
      const last = [...items].reverse().find((c) => c.openTime === open)!;
      const r = rest.find((c) => c.openTime === open);
      ctx.check(r, `fetchCandles lacks the interval ${open}`);
      for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) ctx.eq(last[k], r[k].toFixed(), `interval ${open} ${k} (stream vs REST)`);
    }
  },
};

export const MARKET_DATA_CASES: readonly CaseDef[] = [MD01, MD02, MD03, MD04, MD05, MD06, MD07, MD08, MD09, MD10];
