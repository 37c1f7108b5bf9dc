import { Decimal } from '../../decimal.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { OrderBook } from '../../models/order-book.js';
import type { CaseContext } from '../context.js';
import type { KitSubscription } from '../instrument.js';
import type { LevelInput, VenueBook } from '../venue-control.js';
import { bookProblem, compareBook, grid, plain, type Grid } from './helpers.js';
import { ANY, cap, faults, SIM, type CaseDef } from './types.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failing run can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A seeded book: levels `step` apart around `mid` (both on the tick). */
interface Frame {
  readonly g: Grid;
  readonly mid: Decimal;
  readonly step: Decimal;
  at(k: number): string;
}

function frame(g: Grid, levelsPerSide: number): Frame {
  const step = g.market.tickSize;
  // Deep ladders need room below the mid on coarse ticks.
  const mid = Decimal.max(g.px(100), step.mul(2 * (levelsPerSide + 30)));
  return { g, mid, step, at: (k) => plain(mid.plus(step.mul(k))) };
}

/** n levels per side: bids mid − gap, mid − 2·gap…, asks mid + gap… (sizes 1–5 units). */
function ladder(f: Frame, n: number, gap = 1): { bids: LevelInput[]; asks: LevelInput[] } {
  const side = (dir: -1 | 1): LevelInput[] => Array.from({ length: n }, (_, i) => [f.at(dir * gap * (i + 1)), plain(f.g.qty(1 + (i % 5)))] as const);
  return { bids: side(-1), asks: side(1) };
}

async function seededBook(ctx: CaseContext, symbol: string, levelsPerSide: number): Promise<Frame> {
  const f = frame(grid(ctx.market(symbol)), levelsPerSide);
  await ctx.control.freeze(true);
  await ctx.control.setPrices(ctx.nativeId(symbol), { last: plain(f.mid), mark: plain(f.mid) });
  await ctx.control.seedBook(ctx.nativeId(symbol), ladder(f, levelsPerSide));
  return f;
}

const BK01: CaseDef = {
  id: 'CK-BK-01',
  area: 'BK',
  title: 'fetchOrderBook: sorted, positive, uncrossed, on grid',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    if (ctx.sim) await seededBook(ctx, s, 10);
    const b = await ex.fetchOrderBook(s);
    ctx.check(b.bids.length > 0 && b.asks.length > 0, `book of ${s} has an empty side`);
    const problem = bookProblem(b);
    ctx.check(!problem, problem ?? '');
    ctx.check(b.timestamp > 0, 'book timestamp not set');
    if (ctx.sim) {
      const venue = await ctx.control.book(ctx.nativeId(s), 1);
      if (venue.sequence !== undefined) ctx.check(b.sequence !== undefined, 'the venue has a sequence but the book carries none');
    }
  },
};

const BK02: CaseDef = {
  id: 'CK-BK-02',
  area: 'BK',
  title: 'fetchOrderBook depth: ≤ n per side, odd depths served',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const max = ctx.declared.maxBookDepth;
    if (ctx.sim) await seededBook(ctx, s, max + 3);
    for (const n of [...new Set([1, 5, 7, max])]) {
      const b = await ex.fetchOrderBook(s, n);
      ctx.check(b.bids.length <= n && b.asks.length <= n, `depth ${n}: ${b.bids.length} bids / ${b.asks.length} asks`);
      ctx.check(b.bids.length > 0 && b.asks.length > 0, `depth ${n}: an empty side`);
      if (ctx.sim) {
        const diff = compareBook(b, await ctx.control.book(ctx.nativeId(s), n), n);
        ctx.check(diff === true, `depth ${n}: ${String(diff)}`);
      }
    }
  },
};

const BK03: CaseDef = {
  id: 'CK-BK-03',
  area: 'BK',
  title: 'seeded 20-level book = fetchOrderBook(20)',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    await seededBook(ctx, s, 20);
    const b = await ex.fetchOrderBook(s, 20);
    const diff = compareBook(b, await ctx.control.book(ctx.nativeId(s), 20), 20);
    ctx.check(diff === true, String(diff));
  },
};

async function openBookStream(ctx: CaseContext, ex: Exchange, symbol: string, depth: number): Promise<KitSubscription<OrderBook>> {
  const sub = ctx.streams(ex).orderBook(symbol, { depth });
  await ctx.step('orderBook ready', sub.ready);
  await sub.next();
  return sub;
}

/** Waits until the stream's book equals the venue's top `depth` levels; returns that venue state. */
async function converge(ctx: CaseContext, sub: KitSubscription<OrderBook>, nativeId: string, depth: number, label: string): Promise<VenueBook> {
  const venue = await ctx.control.book(nativeId, depth);
  await ctx.waitFor(label, () => compareBook(sub.latest, venue, depth));
  return venue;
}

function checkEmissions(ctx: CaseContext, items: readonly OrderBook[], depth: number, from = 0): void {
  for (let i = from; i < items.length; i++) {
    const b = items[i]!;
    const problem = bookProblem(b);
    ctx.check(!problem, `emission ${i}: ${problem}`);
    ctx.check(b.bids.length <= depth && b.asks.length <= depth, `emission ${i}: more than ${depth} levels`);
    const prev = items[i - 1];
    if (prev?.sequence !== undefined && b.sequence !== undefined) ctx.check(b.sequence > prev.sequence, `emission ${i}: sequence ${b.sequence} after ${prev.sequence}`);
  }
}

/** Every emission from `from` on equals one of the venue states (nothing built on a broken state). */
function onlyValidStates(ctx: CaseContext, items: readonly OrderBook[], states: readonly VenueBook[], depth: number, from: number): void {
  for (let i = from; i < items.length; i++) {
    ctx.check(states.some((s) => compareBook(items[i], s, depth) === true), `emission ${i} matches no venue state (built on a broken book?)`);
  }
}

const BK04: CaseDef = {
  id: 'CK-BK-04',
  area: 'BK',
  title: 'maintained book = simulator through 500 random changes',
  req: cap('streamOrderBook'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const depth = 10;
    const f = await seededBook(ctx, s, 15);
    const sub = await openBookStream(ctx, ex, s, depth);
    const first = sub.items[0];
    const firstDiff = compareBook(first, await ctx.control.book(native, depth), depth);
    ctx.check(firstDiff === true, `first emission is not the full book: ${String(firstDiff)}`);
    const rnd = prng(0x5eed);
    const steps = ctx.timing.bookSteps;
    for (let step = 0; step < steps; step++) {
      if (step === Math.floor(steps / 2)) {
        // A venue snapshot mid-stream: different levels, so a merge would leave stale ones.
        await ctx.control.seedBook(native, ladder(f, 12, 2));
        await converge(ctx, sub, native, depth, `book after the mid-stream snapshot (step ${step})`);
        continue;
      }
      const changes = Array.from({ length: 5 }, () => {
        const bid = rnd() < 0.5;
        const k = 1 + Math.floor(rnd() * 25);
        const units = Math.floor(rnd() * 6);
        return { side: bid ? ('bid' as const) : ('ask' as const), price: f.at(bid ? -k : k), size: plain(f.g.qty(units)) };
      });
      await ctx.control.changeBook(native, changes);
      await converge(ctx, sub, native, depth, `book after step ${step}`);
    }
    checkEmissions(ctx, sub.items, depth);
    ctx.note(`${sub.items.length} emissions`);
  },
};

const BK05: CaseDef = {
  id: 'CK-BK-05',
  area: 'BK',
  title: 'scripted deltas: add, resize, zero, delete best, absent, 100.10 = 100.1',
  req: cap('streamOrderBook'),
  env: SIM,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const depth = 20;
    const f = await seededBook(ctx, s, 5);
    const g = f.g;
    const sub = await openBookStream(ctx, ex, s, depth);
    const errorsBefore = ctx.lifecycleOf(ex, 'error').length;
    const at = f.at;
    const bestBid = at(-1);
    // A price with a decimal point written two ways.
    const p = f.mid.minus(f.step.mul(10));
    const text = plain(p);
    const padded = text.includes('.') ? `${text}0` : `${text}.0`;
    const script: Array<[string, Array<{ side: 'bid' | 'ask'; price: string; size: string }>]> = [
      ['add level', [{ side: 'bid', price: at(-7), size: plain(g.qty(2)) }]],
      ['resize', [{ side: 'ask', price: at(2), size: plain(g.qty(9)) }]],
      ['size to zero', [{ side: 'ask', price: at(3), size: '0' }]],
      ['delete the best level', [{ side: 'bid', price: bestBid, size: '0' }]],
      ['delete an absent level', [{ side: 'ask', price: at(40), size: '0' }]],
      [`write ${padded}`, [{ side: 'bid', price: padded, size: plain(g.qty(3)) }]],
      [`write ${text}`, [{ side: 'bid', price: text, size: plain(g.qty(4)) }]],
    ];
    for (const [label, changes] of script) {
      await ctx.control.changeBook(native, changes);
      await converge(ctx, sub, native, depth, `book after "${label}"`);
    }
    const book = sub.latest!;
    const atP = book.bids.filter((l) => l.price.eq(p));
    ctx.check(atP.length === 1, `${atP.length} levels at ${text} after writing it as ${padded} and ${text}`);
    ctx.eq(atP[0]!.size, g.qty(4), `size at ${text}`);
    ctx.check(!sub.closed, 'the subscription ended');
    ctx.check(ctx.lifecycleOf(ex, 'error').length === errorsBefore, 'a lifecycle error was raised');
    checkEmissions(ctx, sub.items, depth);
  },
};

function resyncs(ctx: CaseContext, ex: Exchange, symbol: string): number {
  return ctx.lifecycleOf(ex, 'resync').filter((r) => (r.event as { symbol?: string }).symbol === symbol).length;
}

/** Two deltas on distinct levels: the book after only the second differs from every venue state. */
function twoDeltas(f: Frame): Array<Array<{ side: 'bid' | 'ask'; price: string; size: string }>> {
  return [[{ side: 'bid', price: f.at(-8), size: plain(f.g.qty(7)) }], [{ side: 'ask', price: f.at(8), size: plain(f.g.qty(6)) }]];
}

const BK06: CaseDef = {
  id: 'CK-BK-06',
  area: 'BK',
  title: 'sequence gap → no broken emission, one resync, converges',
  req: cap('streamOrderBook'),
  env: faults('sequence gap', 'sequenceGap'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const depth = 20;
    const f = await seededBook(ctx, s, 5);
    const sub = await openBookStream(ctx, ex, s, depth);
    const s0 = await converge(ctx, sub, native, depth, 'initial book');
    const from = sub.items.length;
    const before = resyncs(ctx, ex, s);
    await ctx.control.fault({ kind: 'sequenceGap', nativeId: native });
    const [d1, d2] = twoDeltas(f);
    await ctx.control.changeBook(native, d1!);
    const s1 = await ctx.control.book(native, depth);
    await ctx.control.changeBook(native, d2!);
    const s2 = await converge(ctx, sub, native, depth, 'book rebuilt after the gap');
    await ctx.waitFor('a resync reported', () => (resyncs(ctx, ex, s) > before ? true : 'none yet'));
    await ctx.sleep(Math.min(500, ctx.T / 5));
    ctx.check(resyncs(ctx, ex, s) - before === 1, `${resyncs(ctx, ex, s) - before} resyncs for one gap`);
    onlyValidStates(ctx, sub.items, [s0, s1, s2], depth, from);
    checkEmissions(ctx, sub.items, depth);
  },
};

const BK07: CaseDef = {
  id: 'CK-BK-07',
  area: 'BK',
  title: 'old and duplicate deltas ignored, no resync',
  req: cap('streamOrderBook'),
  env: faults('duplicate frames', 'duplicateFrames'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const depth = 20;
    const f = await seededBook(ctx, s, 5);
    const sub = await openBookStream(ctx, ex, s, depth);
    const s0 = await converge(ctx, sub, native, depth, 'initial book');
    const from = sub.items.length;
    const before = resyncs(ctx, ex, s);
    await ctx.control.fault({ kind: 'duplicateFrames', nativeId: native });
    const [d1, d2] = twoDeltas(f);
    await ctx.control.changeBook(native, d1!);
    const s1 = await converge(ctx, sub, native, depth, 'book after the duplicated delta');
    await ctx.control.changeBook(native, d2!);
    const s2 = await converge(ctx, sub, native, depth, 'book after the next delta');
    await ctx.sleep(Math.min(500, ctx.T / 5));
    ctx.check(resyncs(ctx, ex, s) === before, 'a resync happened for duplicate/old deltas');
    onlyValidStates(ctx, sub.items, [s0, s1, s2], depth, from);
    checkEmissions(ctx, sub.items, depth);
  },
};

const BK08: CaseDef = {
  id: 'CK-BK-08',
  area: 'BK',
  title: 'crossing delta → never emitted crossed, resync',
  req: cap('streamOrderBook'),
  env: faults('corrupt frame', 'crossedBook'),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const native = ctx.nativeId(s);
    const depth = 20;
    const f = await seededBook(ctx, s, 5);
    const sub = await openBookStream(ctx, ex, s, depth);
    await converge(ctx, sub, native, depth, 'initial book');
    const before = resyncs(ctx, ex, s);
    await ctx.control.fault({ kind: 'crossedBook', nativeId: native });
    await ctx.control.changeBook(native, twoDeltas(f)[0]!);
    await ctx.waitFor('a resync after the crossing delta', () => (resyncs(ctx, ex, s) > before ? true : 'none yet'));
    await converge(ctx, sub, native, depth, 'book after the resync');
    checkEmissions(ctx, sub.items, depth);
    ctx.note(`${resyncs(ctx, ex, s) - before} resync(s)`);
  },
};

export const ORDER_BOOK_CASES: readonly CaseDef[] = [BK01, BK02, BK03, BK04, BK05, BK06, BK07, BK08];
