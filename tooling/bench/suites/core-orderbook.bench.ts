/**
 * Local order book: apply 200,000 level updates (200 levels per side, 20 % deletes, seeded) to
 * exkit's LocalOrderBook and, in the same process, to ccxt 4.5.84's OrderBook (what ccxt's
 * watchOrderBook maintains).
 *
 * - exkit gets wire frames as JSON.parse leaves them: `[price, size]` decimal strings, 10 levels
 *   per frame with a consecutive update id; it parses them exactly, checks the sequence and checks
 *   for a crossed book on every frame.
 * - ccxt gets what its OrderBookSide.storeArray takes: `[price, size]` floats, parsed from the same
 *   strings before timing ("floats pre-parsed"; no sequence check — ccxt has none for this feed).
 *   A second ccxt figure parses the same wire strings with parseFloat inside the loop, as its
 *   handlers do.
 *
 * Absolute µs/update from tinybench; every "×" from the interleaved A/B loop (median of 41
 * per-round ratios) — see README.md.
 */
import type { BookLevelInput, BookDeltaInput } from '@exkit/core';
import { consecutiveSequence, LocalOrderBook } from '@exkit/core';
import ccxt from 'ccxt';
import { Bench } from 'tinybench';
import { abRatio, createRng, report, type AbResult } from '../src/index.js';

const LEVELS = 200;
const GRID = 250; // ticks per side the deltas touch: with 20 % deletes the book settles near 200 levels
const UPDATES = 200_000;
const DELETE_SHARE = 0.2;
const MID = 3_000_000; // 30,000.00 in ticks of 0.01
const SEED = 20_240_611;

interface Workload {
  readonly snapshot: { readonly seq: number; readonly bids: BookLevelInput[]; readonly asks: BookLevelInput[] };
  readonly frames: BookDeltaInput[];
  /** The same updates as floats, one per level, in order (ccxt's input). */
  readonly ask: Uint8Array;
  readonly price: Float64Array;
  readonly size: Float64Array;
}

function makeWorkload(levelsPerFrame: number): Workload {
  const rng = createRng(SEED);
  const priceText = (ticks: number): string => (ticks / 100).toFixed(2);
  const sizeText = (): string => ((1 + rng.int(99_999)) / 1000).toFixed(3);
  const tick = (ask: boolean, offset: number): number => (ask ? MID + offset : MID - offset);
  const pickLevels = (ask: boolean): BookLevelInput[] => {
    const offsets = new Set<number>();
    while (offsets.size < LEVELS) offsets.add(1 + rng.int(GRID));
    return [...offsets].sort((a, b) => a - b).map((o) => [priceText(tick(ask, o)), sizeText()] as const);
  };
  const snapshot = { seq: 1_000, bids: pickLevels(false), asks: pickLevels(true) };
  const frames: { seq: number; bids: BookLevelInput[]; asks: BookLevelInput[] }[] = [];
  const askFlags = new Uint8Array(UPDATES);
  const prices = new Float64Array(UPDATES);
  const sizes = new Float64Array(UPDATES);
  for (let i = 0; i < UPDATES; i++) {
    if (i % levelsPerFrame === 0) frames.push({ seq: snapshot.seq + frames.length + 1, bids: [], asks: [] });
    const ask = rng.next() < 0.5;
    const p = priceText(tick(ask, 1 + rng.int(GRID)));
    const s = rng.next() < DELETE_SHARE ? '0' : sizeText();
    const frame = frames[frames.length - 1]!;
    (ask ? frame.asks : frame.bids).push([p, s]);
    askFlags[i] = ask ? 1 : 0;
    prices[i] = Number.parseFloat(p);
    sizes[i] = Number.parseFloat(s);
  }
  // Round-trip through JSON so the strings are what a socket handler would hold.
  return { snapshot, frames: JSON.parse(JSON.stringify(frames)) as BookDeltaInput[], ask: askFlags, price: prices, size: sizes };
}

function exkitRunner(work: Workload): { run: () => number; book: LocalOrderBook } {
  const book = new LocalOrderBook({ symbol: 'BTC/USDT:USDT', sequence: consecutiveSequence({ resetAt: 1 }), priceDecimals: 2, sizeDecimals: 3 });
  const frames = work.frames;
  const run = (): number => {
    book.applySnapshot(work.snapshot);
    let rejected = 0;
    for (let i = 0; i < frames.length; i++) if (book.applyDelta(frames[i]!) !== 'applied') rejected++;
    if (rejected > 0) throw new Error(`exkit rejected ${rejected} frames: ${book.lastResync?.reason}`);
    return book.bidCount + book.askCount;
  };
  return { run, book };
}

type CcxtSide = { storeArray(delta: number[]): void } & ArrayLike<number[]>;

function ccxtBook(): { reset(snapshot: object): void; bids: CcxtSide; asks: CcxtSide } {
  const exchange = new ccxt.pro.bybit();
  return exchange.orderBook({}) as unknown as { reset(snapshot: object): void; bids: CcxtSide; asks: CcxtSide };
}

function ccxtSnapshot(work: Workload): () => object {
  const floats = (levels: BookLevelInput[]) => levels.map(([p, s]) => [Number.parseFloat(p), Number.parseFloat(s)]);
  const bids = floats(work.snapshot.bids);
  const asks = floats(work.snapshot.asks);
  // ccxt keeps the arrays it is given: hand it fresh ones on every reset.
  return () => ({ bids: bids.map((l) => l.slice()), asks: asks.map((l) => l.slice()) });
}

/** ccxt with floats parsed before timing: only OrderBookSide.storeArray is measured. */
function ccxtFloatRunner(work: Workload): { run: () => number; book: ReturnType<typeof ccxtBook> } {
  const book = ccxtBook();
  const snapshot = ccxtSnapshot(work);
  const { ask, price, size } = work;
  const run = (): number => {
    book.reset(snapshot());
    const bids = book.bids;
    const asks = book.asks;
    for (let i = 0; i < UPDATES; i++) (ask[i] === 1 ? asks : bids).storeArray([price[i]!, size[i]!]);
    return bids.length + asks.length;
  };
  return { run, book };
}

/** ccxt fed the same wire frames as exkit, parsing with parseFloat the way its handlers do. */
function ccxtWireRunner(work: Workload): { run: () => number } {
  const book = ccxtBook();
  const snapshot = ccxtSnapshot(work);
  const frames = work.frames;
  const store = (side: CcxtSide, levels: readonly BookLevelInput[] | undefined): void => {
    if (levels === undefined) return;
    for (let j = 0; j < levels.length; j++) side.storeArray([Number.parseFloat(levels[j]![0]), Number.parseFloat(levels[j]![1])]);
  };
  const run = (): number => {
    book.reset(snapshot());
    for (let i = 0; i < frames.length; i++) {
      store(book.bids, frames[i]!.bids);
      store(book.asks, frames[i]!.asks);
    }
    return book.bids.length + book.asks.length;
  };
  return { run };
}

/** Both books must end identical, or the timing compares different work. */
function assertSameBook(exkit: LocalOrderBook, ccxtSide: { bids: CcxtSide; asks: CcxtSide }): void {
  const ob = exkit.toOrderBook()!;
  for (const [name, ours, theirs] of [['bids', ob.bids, ccxtSide.bids], ['asks', ob.asks, ccxtSide.asks]] as const) {
    if (ours.length !== theirs.length) throw new Error(`${name}: exkit ${ours.length} levels, ccxt ${theirs.length}`);
    for (let i = 0; i < ours.length; i++) {
      const [p, s] = theirs[i]!;
      if (ours[i]!.price.toNumber() !== p || ours[i]!.size.toNumber() !== s) throw new Error(`${name}[${i}] differs: ${ours[i]!.price} ${ours[i]!.size} vs ${p} ${s}`);
    }
  }
}

const us = (ms: number): number => Number(((ms * 1000) / UPDATES).toFixed(4));
const show = (label: string, r: AbResult): void =>
  console.log(`${label}: median ${r.ratio.toFixed(2)}× (IQR ${r.q1.toFixed(2)}–${r.q3.toFixed(2)}, ${r.rounds} rounds)`);

const framed = makeWorkload(10);
const single = makeWorkload(1);
const exkit10 = exkitRunner(framed);
const exkit1 = exkitRunner(single);
const ccxtFloats = ccxtFloatRunner(framed);
const ccxtWire = ccxtWireRunner(framed);

exkit10.run();
exkit1.run();
ccxtFloats.run();
ccxtWire.run();
assertSameBook(exkit10.book, ccxtFloats.book);
assertSameBook(exkit1.book, ccxtFloats.book);
console.log(`workload: ${UPDATES} updates, ${exkit10.book.bidCount}/${exkit10.book.askCount} levels at the end, book layout ${JSON.stringify(exkit10.book.layout)}`);

const bench = new Bench({ time: 1500, warmupTime: 300 });
bench
  .add('exkit', exkit10.run)
  .add('exkit-1', exkit1.run)
  .add('ccxt-floats', ccxtFloats.run)
  .add('ccxt-wire', ccxtWire.run);
await bench.run();
const meanMs = (name: string): number => {
  const result = bench.getTask(name)?.result;
  if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) throw new Error(`tinybench task ${name} did not complete`);
  return result.latency.mean;
};

const vsFloats = abRatio(exkit10.run, ccxtFloats.run);
const vsWire = abRatio(exkit10.run, ccxtWire.run);
const singleVsFloats = abRatio(exkit1.run, ccxtFloats.run);
show('exkit vs ccxt (floats pre-parsed)', vsFloats);
show('exkit vs ccxt (parseFloat in loop)', vsWire);
show('exkit 1-level frames vs ccxt (floats pre-parsed)', singleVsFloats);

const CCXT_FLOATS = 'core/orderbook/ccxt 4.5.84 OrderBook, floats pre-parsed';
const CCXT_WIRE = 'core/orderbook/ccxt 4.5.84 OrderBook, parseFloat of wire strings';
report({ name: CCXT_FLOATS, unit: 'µs/update', value: us(meanMs('ccxt-floats')) });
report({ name: CCXT_WIRE, unit: 'µs/update', value: us(meanMs('ccxt-wire')) });
report({ name: 'core/orderbook/exkit LocalOrderBook, wire strings, exact, seq-checked', unit: 'µs/update', value: us(meanMs('exkit')), baseline: CCXT_FLOATS, ratio: vsFloats.ratio });
report({ name: 'core/orderbook/exkit LocalOrderBook, 1 level per frame', unit: 'µs/update', value: us(meanMs('exkit-1')), baseline: CCXT_FLOATS, ratio: singleVsFloats.ratio });
report({ name: 'core/orderbook/exkit vs ccxt parsing the same wire strings', unit: '×', value: vsWire.ratio, baseline: CCXT_WIRE, ratio: vsWire.ratio });
report({ name: 'core/orderbook/exkit vs ccxt floats pre-parsed, IQR of per-round ratios', unit: '×', value: Number(vsFloats.iqr.toFixed(3)) });
