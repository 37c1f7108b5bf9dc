import { Decimal } from '../../decimal.js';
import {
  AuthenticationError,
  BadSymbolError,
  ERROR_CLASSES,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidOrderError,
  NetworkError,
  NotSupportedError,
  OrderNotFoundError,
  PermissionError,
  TimestampError,
  UnexpectedResponseError,
} from '../../errors/error-classes.js';
import { ExchangeError } from '../../errors/exchange-error.js';
import { CAPABILITY_KEYS, type CapabilityKey } from '../../exchange/capabilities.js';
import type { Exchange } from '../../exchange/exchange.js';
import { roundToStep } from '../../symbols/rounding.js';
import type { CaseContext } from '../context.js';
import type { ErrorClass } from '../target.js';
import type { VenueOperation } from '../venue-control.js';
import { D, minAmountAt, passivePrices, place, plain, seed, STREAM_OF_CAP } from './helpers.js';
import { activeHandles, openStream, stimulate, wrongSecret } from './stream-helpers.js';
import { ANY, faults, SIM, type CaseDef } from './types.js';

/**
 * An id of the same shape that names no order: every digit shifted by 5, letters mirrored
 * (`a`↔`z`). Bumping one digit is not enough: venues hand out ids in sequence.
 */
export function otherId(id: string): string {
  return id.replace(/[0-9a-zA-Z]/g, (c) => {
    if (/\d/.test(c)) return String((Number(c) + 5) % 10);
    const base = c === c.toLowerCase() ? 97 : 65;
    return String.fromCharCode(base + 25 - (c.charCodeAt(0) - base));
  });
}

const ER01: CaseDef = {
  id: 'CK-ER-01',
  area: 'ER',
  title: 'wrong secret → Authentication, retried at most once, no leak',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const creds = await wrongSecret(ctx);
    ctx.session.secrets.add(creds.apiSecret);
    const bad = await ctx.createExchange({ credentials: creds });
    const mark = await ctx.requestMark();
    await ctx.expectError('fetchBalances with a wrong secret', () => bad.fetchBalances(), AuthenticationError);
    if (ctx.sim) {
      const refused = (await ctx.requestsSince(mark)).filter((r) => r.rejected === 'authentication').length;
      ctx.check(refused <= 2, `${refused} signed requests refused for authentication (retried more than once)`);
    }
  },
};

const ER02: CaseDef = {
  id: 'CK-ER-02',
  area: 'ER',
  title: 'read-only key: order → Permission, read succeeds',
  req: 'R',
  env: SIM,
  async run(ctx: CaseContext) {
    await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    const key = await ctx.control.createApiKey({ permissions: ['read'] });
    const ro = await ctx.createExchange({ credentials: key });
    await ctx.expectError('placeOrder with a read-only key', () => place(ctx, ro, { symbol: s, side: 'buy', amount: g.unit, price: g.px(90) }), PermissionError);
    await ro.fetchBalances();
    ctx.check((await ctx.control.orders({ apiKey: key.apiKey })).length === 0, 'the read-only key created an order');
  },
};

const ER03: CaseDef = {
  id: 'CK-ER-03',
  area: 'ER',
  title: 'unknown id, or real id under the wrong symbol → OrderNotFound',
  req: 'R',
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const wrong = ctx.symbols.second;
    if (ctx.sim) await seed(ctx, s);
    const p = await passivePrices(ctx, ex, s);
    const o = await place(ctx, ex, { symbol: s, side: 'buy', amount: minAmountAt(ctx.market(s), p.buy), price: p.buy });
    const unknown = otherId(o.id);
    for (const [symbol, id, label] of [[s, unknown, 'unknown id'], [wrong, o.id, 'wrong symbol']] as const) {
      await ctx.expectError(`fetchOrder (${label})`, () => ex.fetchOrder({ symbol, id }), OrderNotFoundError);
      await ctx.expectError(`cancelOrder (${label})`, () => ex.cancelOrder({ symbol, id }), OrderNotFoundError);
      if (ex.capabilities.amendOrder) await ctx.expectError(`amendOrder (${label})`, () => ex.amendOrder({ symbol, id, price: plain(p.buy) }), OrderNotFoundError);
    }
    const still = await ex.fetchOrder({ symbol: s, id: o.id });
    ctx.check(still.status === 'open', `the real order is ${still.status} after calls under the wrong symbol`);
  },
};

const ER04: CaseDef = {
  id: 'CK-ER-04',
  area: 'ER',
  title: 'orders below minQty/minNotional, price/amount ≤ 0 → InvalidOrder, nothing sent',
  req: 'R',
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const m = ctx.market(s);
    if (ctx.sim) await seed(ctx, s);
    const p = await passivePrices(ctx, ex, s);
    const ok = minAmountAt(m, p.buy);
    const attempts: Array<[string, Decimal | string, Decimal | string]> = [];
    const belowMin = m.minAmount.gt(m.stepSize) ? m.minAmount.minus(m.stepSize) : m.stepSize.div(2);
    attempts.push(['below minQty', belowMin, p.buy]);
    if (m.minNotional) {
      const price = roundToStep(m.minNotional.div(m.minAmount).minus(m.tickSize), m.tickSize, 'down');
      if (price.gt(0)) attempts.push(['below minNotional', m.minAmount, price]);
      else ctx.note('minNotional cannot be undercut at minQty');
    }
    attempts.push(['price 0', ok, '0'], ['price −1', ok, D(-1)], ['amount 0', '0', p.buy], ['amount −1', D(-1), p.buy]);
    const mark = await ctx.requestMark();
    for (const [label, amount, price] of attempts) {
      await ctx.expectError(label, () => ex.placeOrder({ symbol: s, side: 'buy', type: 'limit', amount, price }), InvalidOrderError);
    }
    await ctx.expectNoRequests('refused orders', mark, ['placeOrder']);
  },
};

const ER05: CaseDef = {
  id: 'CK-ER-05',
  area: 'ER',
  title: 'order beyond free margin → InsufficientFunds, nothing created',
  req: 'R',
  env: ANY,
  trading: 'orders',
  async run(ctx: CaseContext) {
    let ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const m = ctx.market(s);
    const cur = m.settle ?? m.quote;
    let apiKey: string | undefined;
    if (ctx.sim) {
      await seed(ctx, s);
      const key = await ctx.control.createApiKey({ permissions: ['read', 'trade'], freshAccount: true, wallet: { [cur]: '10' } });
      apiKey = key.apiKey;
      ex = await ctx.createExchange({ credentials: key });
    }
    const before = await ex.fetchBalances();
    const free = before.find((b) => b.currency === cur)?.free ?? D(0);
    const p = await passivePrices(ctx, ex, s);
    const lev = m.maxLeverage ?? D(125);
    let amount = Decimal.max(minAmountAt(m, p.buy), roundToStep(free.plus(1).mul(lev).mul(2).div(p.buy), m.stepSize, 'up'));
    if (m.maxAmount && amount.gt(m.maxAmount)) amount = m.maxAmount;
    if (amount.mul(p.buy).div(lev).lte(free)) ctx.skipEnv(`the account's free ${cur} covers even the largest order`);
    await ctx.expectError('order beyond free margin', () => place(ctx, ex, { symbol: s, side: 'buy', amount, price: p.buy }), InsufficientFundsError);
    ctx.check((await ex.fetchOpenOrders(s)).every((o) => !o.amount.eq(amount)), 'the order exists');
    if (ctx.sim) ctx.check((await ctx.control.orders({ apiKey })).length === 0, 'the venue holds the order');
    const after = await ex.fetchBalances();
    for (const b of before) {
      const a = after.find((x) => x.currency === b.currency);
      ctx.check(a && a.total.eq(b.total) && a.free.eq(b.free) && a.used.eq(b.used), `${b.currency} balance changed`);
    }
  },
};

/** The call the simulator answers with an injected code, per expected class. */
function defaultOperation(cls: ErrorClass): VenueOperation {
  if (cls === InvalidOrderError || cls === InsufficientFundsError) return 'placeOrder';
  if (cls === OrderNotFoundError) return 'fetchOrder';
  if (cls === BadSymbolError) return 'fetchTicker';
  return 'fetchBalances';
}

async function callFor(ctx: CaseContext, ex: Exchange, op: VenueOperation): Promise<unknown> {
  const s = ctx.symbols.perp;
  switch (op) {
    case 'placeOrder': {
      const p = await passivePrices(ctx, ex, s);
      return place(ctx, ex, { symbol: s, side: 'buy', amount: minAmountAt(ctx.market(s), p.buy), price: p.buy });
    }
    case 'fetchOrder':
      return ex.fetchOrder({ symbol: s, id: '1' });
    case 'cancelOrder':
      return ex.cancelOrder({ symbol: s, id: '1' });
    case 'fetchTicker':
      return ex.fetchTicker(s);
    case 'fetchOrderBook':
      return ex.fetchOrderBook(s);
    case 'fetchTrades':
      return ex.fetchTrades(s, { limit: 5 });
    case 'fetchOpenOrders':
      return ex.fetchOpenOrders(s);
    case 'fetchPositions':
      return ex.fetchPositions();
    case 'setLeverage':
      return ex.setLeverage(s, '5');
    default:
      return ex.fetchBalances();
  }
}

const ER06: CaseDef = {
  id: 'CK-ER-06',
  area: 'ER',
  title: 'every mapped venue code → its class with the code; unmapped → UnexpectedResponse',
  req: 'R',
  env: SIM,
  extraTimeMs: (s) => 4 * (s.retryBudgetMs + s.timing.convergenceMs),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    await seed(ctx, ctx.symbols.perp);
    ctx.longCallMs = ctx.session.retryBudgetMs + ctx.T;
    const map = ctx.target.errorCodeMap;
    ctx.check(map.length > 0, 'target.errorCodeMap is empty');
    for (const entry of map) {
      if ('notModified' in entry) {
        if (!ex.capabilities.setLeverage) {
          ctx.note(`code ${entry.code}: setLeverage not declared`);
          continue;
        }
        await ctx.control.fault({ kind: 'errorCode', code: entry.code, operation: 'setLeverage' });
        await ex.setLeverage(ctx.symbols.perp, '5');
      } else {
        const op = entry.operation ?? defaultOperation(entry.error);
        await ctx.control.fault({ kind: 'errorCode', code: entry.code, operation: op });
        const e = await ctx.expectError(`venue code ${entry.code} on ${op}`, () => callFor(ctx, ex, op), entry.error);
        ctx.check(String(e.code) === String(entry.code), `code ${entry.code}: the error carries code ${String(e.code)}`);
      }
      await ctx.control.clearFaults();
    }
    const codes = map.map((e) => String(e.code));
    const numeric = codes.every((c) => /^\d+$/.test(c));
    const unmapped = numeric ? String(Math.max(...codes.map(Number)) + 777_777) : 'KIT_UNMAPPED';
    await ctx.control.fault({ kind: 'errorCode', code: numeric ? Number(unmapped) : unmapped, operation: 'fetchBalances', message: 'kit unmapped code' });
    const e = await ctx.expectError(`unmapped code ${unmapped}`, () => ex.fetchBalances(), UnexpectedResponseError);
    ctx.check(String(e.code) === unmapped, `unmapped code: the error carries code ${String(e.code)}`);
    ctx.check(e.message.length > 0, 'unmapped code: empty message');
  },
};

const ER07: CaseDef = {
  id: 'CK-ER-07',
  area: 'ER',
  title: 'malformed bodies → UnexpectedResponse with path (502 → Unavailable); bad frame dropped',
  req: 'R',
  env: faults('malformed', 'malformedResponse'),
  extraTimeMs: (s) => s.retryBudgetMs + s.timing.convergenceMs,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const g = await seed(ctx, s);
    await ctx.control.printTrades(ctx.nativeId(s), [{ price: plain(g.px(100)), size: plain(g.unit), side: 'buy' }]);
    ctx.longCallMs = ctx.session.retryBudgetMs + ctx.T;
    // An enum-bearing read the venue serves: the trade tape's side, else open orders' side/status.
    const enumOp = ex.capabilities.fetchTrades ? 'fetchTrades' : 'fetchOpenOrders';
    const variants = [
      ['invalidJson', 'fetchTicker', UnexpectedResponseError, false],
      ['missingField', 'fetchTicker', UnexpectedResponseError, true],
      ['unknownEnum', enumOp, UnexpectedResponseError, true],
      ['html502', 'fetchTicker', ExchangeUnavailableError, false],
    ] as const;
    for (const [variant, op, cls, needsPath] of variants) {
      await ctx.control.fault({ kind: 'malformedResponse', variant, operation: op });
      const e = await ctx.expectError(`${variant} on ${op}`, () => callFor(ctx, ex, op), cls);
      if (needsPath) {
        const path = (e as UnexpectedResponseError).path;
        ctx.check(typeof path === 'string' && path.length > 0, `${variant}: no offending path on the error`);
      }
      await ctx.control.clearFaults();
    }
    const name = (['ticker', 'trades', 'orderBook'] as const).find((n) => ex.capabilities[n === 'ticker' ? 'streamTicker' : n === 'trades' ? 'streamTrades' : 'streamOrderBook']);
    if (!ctx.hasFault('malformedFrame') || !name) return ctx.note('malformed frame not exercised');
    const sub = openStream(ctx, ex, name, s);
    await ctx.step('ready', sub.ready);
    await stimulate(ctx, ex, name, s, g, 1);
    await sub.next();
    const dropped = ctx.lifecycleOf(ex, 'dropped').length;
    await ctx.control.fault({ kind: 'malformedFrame', stream: name });
    await stimulate(ctx, ex, name, s, g, 2);
    await ctx.waitFor('the bad frame is reported dropped', () => (ctx.lifecycleOf(ex, 'dropped').length > dropped ? true : 'no dropped event'));
    const before = sub.items.length;
    let round = 3;
    await ctx.waitFor('the stream keeps flowing', async () => {
      if (sub.items.length > before) return true;
      await stimulate(ctx, ex, name, s, g, round++);
      return 'no new item';
    });
    ctx.check(!sub.closed, 'the stream ended');
  },
};

const ER08: CaseDef = {
  id: 'CK-ER-08',
  area: 'ER',
  title: 'every error of the run: one typed class, exchange, method, retryable, cause',
  req: 'R',
  env: ANY,
  runLast: true,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    await ctx.expectError('fetchTicker(NOPE/USDT)', () => ex.fetchTicker('NOPE/USDT'), BadSymbolError);
    const problems: string[] = [];
    for (const { caseId, method, error: e } of ctx.session.errorsSeen) {
      const where = `${caseId} ${method}`;
      if (!(e instanceof ExchangeError)) {
        problems.push(`${where}: ${e instanceof Error ? e.name : typeof e} is not an ExchangeError`);
        continue;
      }
      const classes = ERROR_CLASSES.filter((c) => e instanceof c);
      if (classes.length !== 1) problems.push(`${where}: ${e.name} is ${classes.length === 0 ? 'no listed subclass' : classes.map((c) => c.name).join(' and ')}`);
      if (e.exchange !== ex.id && e.exchange !== 'exkit') problems.push(`${where}: exchange "${e.exchange}" ≠ "${ex.id}"`);
      if (typeof e.method !== 'string' || e.method === '') problems.push(`${where}: ${e.name} carries no method`);
      if (typeof e.retryable !== 'boolean') problems.push(`${where}: ${e.name}.retryable is not boolean`);
      if ((e instanceof NetworkError || e instanceof UnexpectedResponseError) && e.cause === undefined) problems.push(`${where}: ${e.name} carries no cause`);
    }
    ctx.check(problems.length === 0, () => `${problems.length} problem(s): ${[...new Set(problems)].slice(0, 3).join('; ')}`);
    ctx.note(`${ctx.session.errorsSeen.length} errors checked`);
  },
};

const SOCKETS = new Set(['TCPSocketWrap', 'TLSWrap', 'PipeWrap', 'TCPWrap']);

const ER09: CaseDef = {
  id: 'CK-ER-09',
  area: 'ER',
  title: 'refused/timeout → Network (socket released); maintenance → Unavailable',
  req: 'R',
  env: faults('refuse, delay, unavailable', 'refuseConnections', 'delayResponses', 'unavailableWindow'),
  extraTimeMs: (s) => 3 * (s.retryBudgetMs + s.requestTimeoutMs + 2 * s.timing.convergenceMs),
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const s = ctx.symbols.perp;
    const budget = ctx.session.retryBudgetMs;
    const window = budget + 2 * ctx.T;
    ctx.longCallMs = window + ctx.session.requestTimeoutMs;
    await ctx.control.fault({ kind: 'refuseConnections', scope: 'rest', durationMs: window });
    await ctx.expectError('connection refused', () => ex.fetchTicker(s), NetworkError);
    await ctx.control.clearFaults();

    const sockets = (): Map<string, number> => new Map([...activeHandles()].filter(([t]) => SOCKETS.has(t)));
    const baseline = sockets();
    const delay = ctx.session.requestTimeoutMs + window;
    await ctx.control.fault({ kind: 'delayResponses', delayMs: delay, durationMs: delay });
    let settled = 0;
    await ctx.expectError('request timeout', () => ex.fetchTicker(s).finally(() => settled++), NetworkError);
    await ctx.control.clearFaults();
    await ctx.waitFor('the timed-out socket is released', () => {
      const now = sockets();
      const extra = [...now].filter(([t, n]) => n > (baseline.get(t) ?? 0));
      return extra.length === 0 ? true : `sockets ${extra.map(([t, n]) => `${t}×${n}`).join(', ')}`;
    });
    ctx.check(settled === 1, 'the timed-out call settled more than once');

    await ctx.control.fault({ kind: 'unavailableWindow', durationMs: window, maintenance: true });
    await ctx.expectError('venue maintenance', () => ex.fetchTicker(s), ExchangeUnavailableError);
    await ctx.control.clearFaults();
  },
};

/** One call per capability that exercises it (or passes its option). */
function capabilityProbe(ctx: CaseContext, ex: Exchange, key: CapabilityKey, p: { buy: Decimal; sell: Decimal }): { readonly order: boolean; readonly op: VenueOperation | 'stream'; call(): unknown } {
  const s = ctx.symbols.perp;
  const amount = plain(minAmountAt(ctx.market(s), p.buy));
  const limit = { symbol: s, side: 'buy' as const, type: 'limit' as const, amount, price: plain(p.buy) };
  const order = (extra: object): { order: boolean; op: VenueOperation; call(): unknown } => ({ order: true, op: 'placeOrder', call: () => ex.placeOrder({ ...limit, ...extra }) });
  if (key in STREAM_OF_CAP) {
    const name = STREAM_OF_CAP[key as keyof typeof STREAM_OF_CAP];
    return { order: false, op: 'stream', call: () => openStream(ctx, ex, name, s).ready };
  }
  switch (key) {
    case 'fetchTickers':
      return { order: false, op: 'fetchTickers', call: () => ex.fetchTickers() };
    case 'fetchServerTime':
      return { order: false, op: 'fetchServerTime', call: () => ex.fetchServerTime() };
    case 'fetchTrades':
      return { order: false, op: 'fetchTrades', call: () => ex.fetchTrades(s, { limit: 5 }) };
    case 'fetchFundingRate':
      return { order: false, op: 'fetchFundingRate', call: () => ex.fetchFundingRate(s) };
    case 'marketOrders':
      return { order: true, op: 'placeOrder', call: () => ex.placeOrder({ symbol: s, side: 'buy', type: 'market', amount }) };
    case 'postOnly':
      return order({ timeInForce: 'post_only' });
    case 'ioc':
      return order({ timeInForce: 'ioc' });
    case 'fok':
      return order({ timeInForce: 'fok' });
    case 'reduceOnly':
      return order({ side: 'sell', price: plain(p.sell), reduceOnly: true });
    case 'conditionalOrders':
      return order({ triggerPrice: plain(p.sell), triggerDirection: 'up' });
    case 'clientOrderId':
      return order({ clientOrderId: ctx.coid() });
    case 'amendOrder':
      return { order: false, op: 'amendOrder', call: () => ex.amendOrder({ symbol: s, id: '1', price: plain(p.buy) }) };
    case 'cancelAllOrders':
      return { order: false, op: 'cancelAllOrders', call: () => ex.cancelAllOrders(s) };
    case 'positions':
      return { order: false, op: 'fetchPositions', call: () => ex.fetchPositions() };
    case 'setLeverage':
      return { order: false, op: 'setLeverage', call: () => ex.setLeverage(s, '2') };
    default:
      return { order: false, op: 'other', call: () => Promise.reject(new Error(`no probe for ${key}`)) };
  }
}

const ER10: CaseDef = {
  id: 'CK-ER-10',
  area: 'ER',
  title: 'undeclared capabilities refuse with NotSupported before any request',
  req: 'R',
  env: ANY,
  async run(ctx: CaseContext) {
    const ex = await ctx.exchange();
    const off = CAPABILITY_KEYS.filter((k) => ex.capabilities[k] !== true);
    if (off.length === 0) return ctx.note('every capability declared');
    if (ctx.sim) await seed(ctx, ctx.symbols.perp);
    const p = await passivePrices(ctx, ex, ctx.symbols.perp);
    const mark = await ctx.requestMark();
    const ops = new Set<VenueOperation>();
    const skipped: string[] = [];
    for (const key of off) {
      const probe = capabilityProbe(ctx, ex, key, p);
      if (probe.order && !ctx.session.trading) {
        skipped.push(key);
        continue;
      }
      await ctx.expectError(`${key} (declared false)`, probe.call, NotSupportedError);
      if (probe.op !== 'stream') ops.add(probe.op);
    }
    await ctx.expectNoRequests('refused capabilities', mark, [...ops]);
    ctx.note(`${off.length - skipped.length} checked${skipped.length > 0 ? `; order options not checked live without trading: ${skipped.join(', ')}` : ''}`);
  },
};

const ER11: CaseDef = {
  id: 'CK-ER-11',
  area: 'ER',
  title: 'clock sync off + skew beyond the receive window → Timestamp',
  req: 'R',
  env: faults('clock skew', 'clockSkew'),
  async run(ctx: CaseContext) {
    const limits = await ctx.control.limits();
    const window = limits.receiveWindowMs ?? 5_000;
    const ex = await ctx.createExchange({ disableClockSync: true });
    await ctx.control.fault({ kind: 'clockSkew', offsetMs: window + 10_000 });
    await ctx.expectError('signed call under skew without sync', () => ex.fetchBalances(), TimestampError);
    await ctx.control.clearFaults();
  },
};

export const ERROR_CASES: readonly CaseDef[] = [ER01, ER02, ER03, ER04, ER05, ER06, ER07, ER08, ER09, ER10, ER11];
