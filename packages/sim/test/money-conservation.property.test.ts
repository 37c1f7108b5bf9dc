import fc from 'fast-check';
import { Decimal } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { EXTERNAL, INSURANCE, SimRejection, type SimVenue } from '../src/index.js';
import { PERP, seed, SPOT, testVenue } from './helpers.js';

/**
 * What is conserved. Cash only moves by double entry between holders: accounts, the house (the
 * counterparty of every fill, realized PnL and funding payment), the fee pot, the insurance fund
 * and "external" (deposits). So for every coin:
 *
 *   Σ account wallets + house + fees + insurance = Σ deposits          (exactly, always)
 *
 * and, independently, each account's wallet is explained by its own records:
 *
 *   wallet = deposits + Σ perp (realized − fee) + Σ funding ± Σ spot exchange − Σ spot fees
 *
 * except for insurance payouts to liquidated accounts, which together equal what the insurance
 * fund paid out. Reservations are checked too: what orders hold equals Σ of their reservations,
 * position margin equals Σ positions', total = free + used, and canceling everything returns
 * every order reservation.
 */

const sides = ['buy', 'sell'] as const;
const place = fc.record({
  kind: fc.constant('place' as const),
  who: fc.nat(2),
  spot: fc.boolean(),
  side: fc.constantFrom(...sides),
  type: fc.constantFrom('limit', 'limit', 'market'),
  lots: fc.integer({ min: 1, max: 40 }),
  offset: fc.integer({ min: -15, max: 15 }),
  tif: fc.constantFrom('gtc', 'gtc', 'ioc', 'fok', 'post_only'),
  reduceOnly: fc.boolean(),
  trigger: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: -20, max: 20 }) }),
});
const action = fc.oneof(
  { weight: 8, arbitrary: place },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who: fc.nat(2), pick: fc.nat(50) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('amend' as const), who: fc.nat(2), pick: fc.nat(50), lots: fc.integer({ min: 1, max: 40 }), offset: fc.option(fc.integer({ min: -15, max: 15 })) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cross' as const), spot: fc.boolean(), side: fc.constantFrom(...sides), lots: fc.integer({ min: 1, max: 60 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('change' as const), spot: fc.boolean(), bid: fc.boolean(), offset: fc.integer({ min: 1, max: 12 }), lots: fc.integer({ min: 0, max: 30 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mark' as const), offset: fc.integer({ min: -300, max: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('funding' as const), rate: fc.integer({ min: -50, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leverage' as const), who: fc.nat(2), lev: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelAll' as const), who: fc.nat(2) }) },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

const tick = (spot: boolean, n: number): string => (spot ? (100 + n / 100).toFixed(2) : (100 + n / 10).toFixed(1));

function apply(v: SimVenue, accounts: string[], mark: { value: number }, x: Action): void {
  const symbol = 'spot' in x && x.spot ? SPOT : PERP;
  const step = symbol === SPOT ? 0.01 : 0.1;
  const size = (lots: number): string => (lots * step).toFixed(2);
  try {
    switch (x.kind) {
      case 'place': {
        const reduceOnly = x.reduceOnly && symbol === PERP;
        v.placeOrder(accounts[x.who]!, {
          symbol,
          side: x.side,
          type: x.type,
          size: size(x.lots),
          ...(x.type === 'limit' ? { price: tick(x.spot, x.offset * 10) } : {}),
          ...(x.type === 'limit' ? { timeInForce: x.tif } : {}),
          reduceOnly,
          ...(x.trigger === null ? {} : { trigger: { price: tick(x.spot, x.trigger * 10) } }),
        });
        break;
      }
      case 'cancel':
      case 'amend': {
        const open = v.openOrders(accounts[x.who]!);
        const o = open[x.pick % Math.max(1, open.length)];
        if (o === undefined) break;
        if (x.kind === 'cancel') v.cancelOrder(o.accountId, { orderId: o.id });
        else {
          const spot = o.symbol === SPOT;
          v.amendOrder(o.accountId, { orderId: o.id, size: (x.lots * (spot ? 0.01 : 0.1)).toFixed(2), ...(x.offset === null || o.type !== 'limit' ? {} : { price: tick(spot, x.offset * 10) }) });
        }
        break;
      }
      case 'cross':
        v.crossBook(symbol, { side: x.side, size: size(x.lots) });
        break;
      case 'change':
        v.changeBook(symbol, [{ side: x.bid ? 'bid' : 'ask', price: tick(x.spot, (x.bid ? -1 : 1) * x.offset * 10), size: size(x.lots) }]);
        break;
      case 'mark':
        mark.value = 1000 + x.offset;
        v.setPrices(PERP, { mark: (mark.value / 10).toFixed(1) });
        break;
      case 'funding':
        v.setPrices(PERP, { fundingRate: (x.rate / 100000).toFixed(5) });
        v.settleFunding(PERP);
        break;
      case 'leverage':
        v.setLeverage(accounts[x.who]!, PERP, String(x.lev));
        break;
      case 'cancelAll':
        v.cancelAllOrders(accounts[x.who]!);
        break;
    }
  } catch (e) {
    if (!(e instanceof SimRejection)) throw e;
  }
}

const ZERO = new Decimal(0);

function checkInvariants(v: SimVenue, accounts: string[], deposits: Map<string, Map<string, Decimal>>): void {
  const ledger = v.ledger();
  for (const [coin, holders] of Object.entries(ledger)) {
    const sum = Object.values(holders).reduce((s, x) => s.plus(x), ZERO);
    expect(sum.toFixed(), `Σ ${coin}`).toBe('0');
    const inside = Object.entries(holders).filter(([h]) => h !== EXTERNAL).reduce((s, [, x]) => s.plus(x), ZERO);
    expect(inside.toFixed()).toBe(new Decimal(holders[EXTERNAL] ?? '0').negated().toFixed());
  }
  let unexplained = new Map<string, Decimal>();
  for (const a of accounts) {
    const expected = new Map<string, Decimal>(deposits.get(a));
    const add = (coin: string, x: Decimal): void => void expected.set(coin, (expected.get(coin) ?? ZERO).plus(x));
    for (const f of v.fills(a)) {
      const inst = v.instrument(f.symbol);
      if (inst.isSpot) {
        if (f.side === 'buy') {
          add(inst.quote, f.cost.negated());
          add(inst.base, f.size.minus(f.fee));
        } else {
          add(inst.base, f.size.negated());
          add(inst.quote, f.cost.minus(f.fee));
        }
      } else add(inst.marginCoin, f.realizedPnl.minus(f.fee));
    }
    for (const p of v.fundingPayments(a)) add(p.coin, p.amount);
    for (const b of v.balances(a)) {
      const diff = b.total.minus(expected.get(b.coin) ?? ZERO);
      if (!diff.isZero()) unexplained = new Map(unexplained).set(b.coin, (unexplained.get(b.coin) ?? ZERO).plus(diff));
      // Reservations: Σ of what live orders hold, Σ position margins; total = free + used.
      const open = v.openOrders(a).filter((o) => o.reserveCoin === b.coin);
      expect(b.orderMargin.toFixed()).toBe(open.reduce((s, o) => s.plus(o.reserved), ZERO).toFixed());
      const positions = v.positions(a).filter((p) => v.instrument(p.symbol).marginCoin === b.coin);
      expect(b.positionMargin.toFixed()).toBe(positions.reduce((s, p) => s.plus(p.margin), ZERO).toFixed());
      if (b.total.gte(b.orderMargin.plus(b.positionMargin))) expect(b.free.plus(b.used).toFixed()).toBe(b.total.toFixed());
    }
    for (const o of v.orders(a)) {
      expect(o.filled.gte(0) && o.filled.lte(o.size)).toBe(true);
      if (o.status === 'open' || o.status === 'untriggered') expect(o.remaining.toFixed()).toBe(o.size.minus(o.filled).toFixed());
    }
  }
  // The only money an account cannot explain from its own records is what insurance paid it.
  for (const [coin, diff] of unexplained) expect(diff.toFixed()).toBe(new Decimal(ledger[coin]?.[INSURANCE] ?? '0').negated().toFixed());
  for (const symbol of [PERP, SPOT]) {
    const book = v.book(symbol);
    const bids = book.bids.map(([p]) => Number(p));
    const asks = book.asks.map(([p]) => Number(p));
    bids.forEach((p, i) => i === 0 || expect(p).toBeLessThan(bids[i - 1]!));
    asks.forEach((p, i) => i === 0 || expect(p).toBeGreaterThan(asks[i - 1]!));
    if (bids.length > 0 && asks.length > 0) expect(bids[0]!).toBeLessThan(asks[0]!);
    for (const [, s] of [...book.bids, ...book.asks]) expect(Number(s)).toBeGreaterThan(0);
  }
}

describe('money is conserved', () => {
  it('over ≥ 1 000 random order flows (orders, amends, cancels, venue flow, marks, funding, leverage, liquidations)', () => {
    let liquidations = 0;
    let fills = 0;
    let insured = 0;
    fc.assert(
      fc.property(fc.array(action, { minLength: 10, maxLength: 60, size: 'max' }), (actions) => {
        const v = testVenue({ wallet: { USDT: '2000', TEST: '20' } });
        // A well-funded account, an isolated one and a thin one at high leverage (liquidations, insurance payouts).
        const accounts = [v.defaultAccountId, v.createAccount({ USDT: '500', TEST: '5' }), v.createAccount({ USDT: '60' })];
        v.setMarginMode(accounts[1]!, PERP, 'isolated');
        v.setLeverage(accounts[2]!, PERP, '25');
        const deposits = new Map(accounts.map((a) => [a, new Map(v.balances(a).map((b) => [b.coin, b.total]))]));
        seed(v, PERP, Array.from({ length: 10 }, (_, i) => [(99.9 - i * 0.5).toFixed(1), '5']), Array.from({ length: 10 }, (_, i) => [(100.1 + i * 0.5).toFixed(1), '5']));
        seed(v, SPOT, Array.from({ length: 10 }, (_, i) => [(99.9 - i * 0.5).toFixed(2), '2']), Array.from({ length: 10 }, (_, i) => [(100.1 + i * 0.5).toFixed(2), '2']));
        const mark = { value: 1000 };
        for (const x of actions) apply(v, accounts, mark, x);
        checkInvariants(v, accounts, deposits);
        // Canceling everything hands every order reservation back.
        for (const a of accounts) v.cancelAllOrders(a);
        for (const a of accounts) for (const b of v.balances(a)) expect(b.orderMargin.toFixed()).toBe('0');
        checkInvariants(v, accounts, deposits);
        if (Object.values(v.ledger()).some((h) => h[INSURANCE] !== undefined && h[INSURANCE] !== '0')) insured++;
        for (const a of accounts) {
          fills += v.fills(a).length;
          liquidations += v.orders(a).filter((o) => o.origin === 'liquidation').length;
        }
      }),
      { numRuns: 1000, seed: Number(process.env['FC_SEED'] ?? 20260101) },
    );
    // The flows really trade and really liquidate.
    expect(fills).toBeGreaterThan(5000);
    expect(liquidations).toBeGreaterThan(10);
    expect(insured).toBeGreaterThan(0);
  }, 300_000);
});
