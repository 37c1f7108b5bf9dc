/**
 * Matching-engine throughput: a deterministic mixed flow of orders against a 200-level book.
 *
 * The venue is virtual and frozen (no background activity), its book seeded with 200 venue levels
 * a side one tick apart around 65 000. The flow, from a seeded PRNG, is per order: 35 % passive
 * limit orders 1–200 ticks behind the touch (they rest), 15 % aggressive limit orders up to 3 ticks
 * through it (they trade, the rest rests), 15 % market orders, 35 % cancels of a random live order
 * (so the account's resting orders stay in the low thousands, spread over the book).
 * Every placement is validated, margin-checked and booked (fees, positions, reservations), exactly
 * as fronts use the engine; nobody listens to events. Venue liquidity the takers use up is seeded
 * back between rounds (untimed).
 *
 * Figure: orders (placements + cancels) per second, the median of 7 rounds of 20 000 after a
 * warm-up round. Prints one BENCH_RESULT line.
 */
import { performance } from 'node:perf_hooks';
import { SimVenue, type InstrumentDefinition, type SimOrder } from '../src/index.js';
import { Prng } from '../src/util/prng.js';

const LEVELS = 200;
const ROUNDS = 7;
const OPS = 20_000;
const SYMBOL = 'BTC/USDT:USDT';
const MID_TICKS = 650_000; // 65 000.0 on a 0.1 tick

const instrument: InstrumentDefinition = {
  nativeId: 'BTCUSDT',
  type: 'swap',
  base: 'BTC',
  quote: 'USDT',
  tickSize: '0.1',
  stepSize: '0.001',
  minSize: '0.001',
  maxSize: '1190',
  minNotional: '5',
  maxLeverage: '100',
  makerFee: '0.0002',
  takerFee: '0.00055',
  initialPrice: '65000.0',
  depth: LEVELS,
};

const price = (ticks: number): string => `${Math.floor(ticks / 10)}.${ticks % 10}`;

function seedBook(v: SimVenue): void {
  const bids = Array.from({ length: LEVELS }, (_, i) => [price(MID_TICKS - 1 - i), '0.500'] as const);
  const asks = Array.from({ length: LEVELS }, (_, i) => [price(MID_TICKS + 1 + i), '0.500'] as const);
  v.seedBook(SYMBOL, { bids, asks });
}

function round(v: SimVenue, rng: Prng, live: SimOrder[], ops: number): number {
  const a = v.defaultAccountId;
  const start = performance.now();
  for (let i = 0; i < ops; i++) {
    const r = rng.next();
    const side = rng.chance(0.5) ? 'buy' : 'sell';
    const size = `0.0${String(rng.int(10, 99))}`;
    const touch = side === 'buy' ? MID_TICKS - 1 : MID_TICKS + 1;
    const sign = side === 'buy' ? -1 : 1;
    try {
      if (r < 0.35) {
        const o = v.placeOrder(a, { symbol: SYMBOL, side, type: 'limit', size, price: price(touch + sign * rng.int(1, LEVELS)) });
        if (o.status === 'open') live.push(o);
      } else if (r < 0.5) {
        const o = v.placeOrder(a, { symbol: SYMBOL, side, type: 'limit', size, price: price(touch + 2 - sign * rng.int(0, 3)) });
        if (o.status === 'open') live.push(o);
      } else if (r < 0.65) {
        v.placeOrder(a, { symbol: SYMBOL, side, type: 'market', size });
      } else if (live.length > 0) {
        const k = rng.int(0, live.length - 1);
        const o = live[k]!;
        live[k] = live[live.length - 1]!;
        live.pop();
        v.cancelOrder(a, { orderId: o.id });
      }
    } catch (error) {
      // A cancel can meet an order that filled meanwhile: that is part of a real flow.
      if (!(error instanceof Error) || !('reason' in error)) throw error;
    }
  }
  return performance.now() - start;
}

const venue = new SimVenue({ virtual: true, frozen: true, seed: 'bench', instruments: [instrument], wallet: { USDT: '1000000000' }, maxLiveOrdersPerMarket: 1_000_000 });
const rng = Prng.from('bench', 'flow');
const live: SimOrder[] = [];
seedBook(venue);
round(venue, rng, live, OPS); // warm-up
const rates: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  seedBook(venue);
  const ms = round(venue, rng, live, OPS);
  rates.push((OPS / ms) * 1000);
}
rates.sort((x, y) => x - y);
const median = Math.round(rates[Math.floor(rates.length / 2)]!);
const book = venue.book(SYMBOL);
console.log(
  `rounds (orders/s): ${rates.map((x) => Math.round(x)).join(', ')}; book ${book.bids.length}×${book.asks.length} levels, ${venue.openOrders(venue.defaultAccountId).length} live orders, ${venue.fills(venue.defaultAccountId).length} fills kept`,
);
venue.close();
console.log(`BENCH_RESULT ${JSON.stringify({ name: 'sim: matching engine, mixed flow on a 200-level book', unit: 'orders/s', value: median })}`);
