/** checkInvariants: each general invariant G1–G7 is detected on a single model object. */
import { Decimal as DecimalJs } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import type { Market } from '../../src/models/market.js';
import type { Order } from '../../src/models/order.js';
import { MarketRegistry } from '../../src/symbols/market-registry.js';
import { checkErrorSecrets, checkInvariants, OrderTracker } from '../../src/testing/index.js';

const D = (v: string | number): Decimal => new Decimal(v);
const market: Market = {
  symbol: 'BTC/USDT:USDT',
  id: 'BTCUSDT',
  type: 'swap',
  base: 'BTC',
  quote: 'USDT',
  settle: 'USDT',
  active: true,
  contractSize: D(1),
  tickSize: D('0.1'),
  stepSize: D('0.001'),
  minAmount: D('0.001'),
};
const markets = new MarketRegistry('x', [market]);
const now = Date.UTC(2025, 5, 1);

function order(patch: Partial<Order> = {}): Order {
  return {
    id: '1',
    symbol: 'BTC/USDT:USDT',
    type: 'limit',
    side: 'buy',
    timeInForce: 'gtc',
    status: 'open',
    price: D('100.1'),
    amount: D('0.01'),
    filled: D(0),
    remaining: D('0.01'),
    cost: D(0),
    reduceOnly: false,
    postOnly: false,
    timestamp: now,
    updatedAt: now,
    ...patch,
  };
}
const rules = (v: ReturnType<typeof checkInvariants>): string[] => v.map((x) => `${x.rule} ${x.path}`);

describe('checkInvariants', () => {
  it('accepts a conforming order', () => {
    expect(checkInvariants('order', order(), { markets, now })).toEqual([]);
  });

  it('G1: numbers, strings, another decimal.js and non-finite values are not core Decimals', () => {
    const bad = { ...order(), price: 100.1, amount: '0.01', filled: new DecimalJs(0), cost: D(Infinity) };
    expect(rules(checkInvariants('order', bad, { markets, now }))).toEqual(['G1 order.amount', 'G1 order.filled', 'G1 order.cost', 'G1 order.price']);
  });

  it('G2: native ids, unknown symbols and a different symbol than requested', () => {
    expect(rules(checkInvariants('order', order({ symbol: 'BTCUSDT' }), { markets, now }))).toEqual(['G2 order.symbol']);
    expect(rules(checkInvariants('order', order({ symbol: 'ETH/USDT:USDT' }), { markets, now }))).toEqual(['G2 order.symbol']);
    expect(checkInvariants('order', order(), { markets, now, requestedSymbol: 'BTCUSDT' })).toEqual([]);
    const other = new MarketRegistry('x', [market, { ...market, symbol: 'ETH/USDT:USDT', id: 'ETHUSDT', base: 'ETH' }]);
    expect(checkInvariants('order', order(), { markets: other, now, requestedSymbol: 'ETH/USDT:USDT' })[0]?.message).toContain('was requested');
  });

  it('G3: seconds, microseconds, fractions and missing timestamps', () => {
    expect(rules(checkInvariants('trade', { id: 'a', symbol: 'BTC/USDT:USDT', price: D(1), size: D(1), side: 'buy', timestamp: Math.floor(now / 1000) }, { markets, now }))).toEqual(['G3 trade.timestamp']);
    expect(checkInvariants('trade', { id: 'a', symbol: 'BTC/USDT:USDT', price: D(1), size: D(1), side: 'buy', timestamp: now * 1000 }, { markets, now })[0]?.message).toContain('µs or ns');
    expect(rules(checkInvariants('order', order({ updatedAt: now + 0.5 }), { markets, now }))).toEqual(['G3 order.updatedAt']);
    expect(checkInvariants('order', order({ updatedAt: now + 90_000 }), { markets, now, clockAllowanceMs: 60_000 })).toEqual([]);
  });

  it('G4: enum values outside core’s', () => {
    const bad = { ...order(), side: 'BUY', status: 'partially_filled' };
    expect(rules(checkInvariants('order', bad, { markets, now }))).toEqual(['G4 order.side', 'G4 order.status']);
  });

  it('G5: filled beyond amount, remaining ≠ amount − filled while open', () => {
    expect(rules(checkInvariants('order', order({ filled: D('0.02') }), { markets, now }))).toContain('G5 order.filled');
    expect(rules(checkInvariants('order', order({ filled: D('0.004'), remaining: D('0.01') }), { markets, now }))).toEqual(['G5 order.remaining']);
  });

  it('G5 across observations: filled never falls, a terminal status never changes', () => {
    const t = new OrderTracker();
    expect(t.observe(order({ filled: D('0.004'), remaining: D('0.006') }))).toEqual([]);
    expect(t.observe(order({ filled: D('0.002') }))[0]?.message).toContain('filled fell');
    expect(t.observe(order({ status: 'canceled', filled: D('0.004'), remaining: D(0) }))).toEqual([]);
    expect(t.observe(order({ status: 'open', filled: D('0.004') }))[0]?.message).toContain('terminal status canceled changed');
  });

  it('G6: prices off the tick and sizes off the step, on orders and books', () => {
    expect(rules(checkInvariants('order', order({ price: D('100.15'), amount: D('0.0105'), remaining: D('0.0105') }), { markets, now }))).toEqual(['G6 order.price', 'G6 order.amount']);
    const book = { symbol: 'BTC/USDT:USDT', timestamp: now, bids: [{ price: D('99.95'), size: D(1) }], asks: [{ price: D(101), size: D('0.0001') }] };
    expect(rules(checkInvariants('orderBook', book, { markets, now }))).toEqual(['G6 orderBook.bids.0.price', 'G6 orderBook.asks.0.size']);
  });

  it('G7: a secret anywhere in a model or an error (message, cause, details)', () => {
    const secret = 'sup3r-s3cret-value';
    expect(rules(checkInvariants('order', order({ clientOrderId: `x${secret}` }), { markets, now, secrets: [secret] }))).toEqual(['G7 order.clientOrderId']);
    const err = new Error('wrapped', { cause: new Error(`signature for ${secret}`) });
    expect(checkErrorSecrets(err, [secret]).map((v) => v.path)).toContain('error.cause.message');
    expect(checkErrorSecrets(new Error('fine'), [secret])).toEqual([]);
  });
});
