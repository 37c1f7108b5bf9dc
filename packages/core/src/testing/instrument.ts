/**
 * Wraps what the kit hands to cases so that every call is bounded in time and every returned
 * object and stream item is checked against G1–G7 without each case remembering to.
 */
import type { Exchange, ExchangeStreams } from '../exchange/exchange.js';
import type { Subscription } from '../exchange/subscription.js';
import type { Order } from '../models/order.js';
import type { CaseContext } from './context.js';
import { CaseFailure } from './errors.js';
import { OrderTracker, type ModelKind } from './invariants.js';
import type { VenueControl } from './venue-control.js';

type Shape = 'one' | 'list' | 'record' | 'time' | 'none';
interface MethodSpec {
  readonly kind?: ModelKind;
  readonly shape: Shape;
  /** The symbol the caller asked for, for G2. */
  readonly requested?: (args: readonly unknown[]) => string | undefined;
}

const arg0 = (args: readonly unknown[]): string | undefined => (typeof args[0] === 'string' ? args[0] : undefined);
const arg0Symbol = (args: readonly unknown[]): string | undefined => {
  const a = args[0];
  return typeof a === 'object' && a !== null && typeof (a as { symbol?: unknown }).symbol === 'string' ? (a as { symbol: string }).symbol : undefined;
};

const METHODS: Readonly<Record<string, MethodSpec>> = {
  loadMarkets: { kind: 'market', shape: 'list' },
  fetchServerTime: { shape: 'time' },
  fetchTicker: { kind: 'ticker', shape: 'one', requested: arg0 },
  fetchTickers: { kind: 'ticker', shape: 'record' },
  fetchOrderBook: { kind: 'orderBook', shape: 'one', requested: arg0 },
  fetchCandles: { kind: 'candle', shape: 'list', requested: arg0 },
  fetchTrades: { kind: 'trade', shape: 'list', requested: arg0 },
  fetchFundingRate: { kind: 'fundingRate', shape: 'one', requested: arg0 },
  fetchBalances: { kind: 'balance', shape: 'list' },
  fetchPositions: { kind: 'position', shape: 'list' },
  setLeverage: { shape: 'none' },
  placeOrder: { kind: 'order', shape: 'one', requested: arg0Symbol },
  amendOrder: { kind: 'order', shape: 'one', requested: arg0Symbol },
  cancelOrder: { kind: 'order', shape: 'one', requested: arg0Symbol },
  cancelAllOrders: { shape: 'none' },
  fetchOrder: { kind: 'order', shape: 'one', requested: arg0Symbol },
  fetchOpenOrders: { kind: 'order', shape: 'list', requested: arg0 },
  fetchOrderHistory: { kind: 'order', shape: 'list', requested: arg0 },
  fetchFills: { kind: 'fill', shape: 'list', requested: arg0 },
  close: { shape: 'none' },
};

const STREAM_KINDS: Readonly<Record<keyof ExchangeStreams, ModelKind>> = {
  ticker: 'ticker',
  orderBook: 'orderBook',
  trades: 'trade',
  candles: 'candle',
  orders: 'order',
  fills: 'fill',
  positions: 'position',
  balances: 'balance',
};

function checkResult(ctx: CaseContext, ex: Exchange, method: string, spec: MethodSpec, args: readonly unknown[], value: unknown, rest: OrderTracker): void {
  const requested = spec.requested?.(args);
  const path = method;
  if (spec.shape === 'time') {
    ctx.checkTimestamp(path, value);
    return;
  }
  if (!spec.kind || spec.shape === 'none') return;
  const kind = spec.kind;
  const markets = method === 'loadMarkets' ? undefined : ex.markets;
  if (spec.shape === 'one') {
    ctx.checkModel(kind, value, { path, requested, markets });
    if (method === 'placeOrder' && typeof value === 'object' && value !== null) {
      const o = value as { id?: unknown; symbol?: unknown };
      if (typeof o.id === 'string' && typeof o.symbol === 'string') ctx.placed.push({ symbol: o.symbol, id: o.id });
    }
    if (kind === 'order') ctx.addViolations(rest.observe(value, path));
  } else if (spec.shape === 'list') {
    if (!Array.isArray(value)) return ctx.addViolations([{ rule: 'G1', path, message: 'expected an array' }]);
    value.forEach((item: unknown, i) => {
      ctx.checkModel(kind, item, { path: `${path}[${i}]`, requested, markets });
      if (kind === 'order') ctx.addViolations(rest.observe(item, `${path}[${i}]`));
    });
  } else if (spec.shape === 'record') {
    if (typeof value !== 'object' || value === null) return ctx.addViolations([{ rule: 'G1', path, message: 'expected a record' }]);
    for (const [key, item] of Object.entries(value)) ctx.checkModel(kind, item, { path: `${path}.${key}`, requested: key, markets });
  }
}

/** The exchange as cases see it: bounded calls, checked results, recorded errors. */
export function instrumentExchange(raw: Exchange, ctx: CaseContext): Exchange {
  const rest = ctx.restOrders;
  let streams: ExchangeStreams | undefined;
  return new Proxy(raw, {
    get(target, prop) {
      if (prop === 'streams') return (streams ??= instrumentStreams(raw, ctx));
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => unknown;
      const spec = typeof prop === 'string' ? METHODS[prop] : undefined;
      if (!spec || typeof prop !== 'string') return fn.bind(target);
      return (...args: unknown[]) =>
        ctx.adapterCall(prop, () => fn.apply(target, args), (result) => checkResult(ctx, raw, prop, spec, args, result, rest));
    },
  });
}

/** A subscription with the kit's bookkeeping: every item seen, a bounded `next()`. */
export interface KitSubscription<T> extends Subscription<T> {
  /** Every item delivered (through `onItem`) since the kit subscribed. */
  readonly items: readonly T[];
  /** Items delivered after `close()` resolved (must stay 0). */
  readonly deliveredAfterClose: number;
  /** The next item from the iterator, or FAIL when none arrives within `ms` (T by default). */
  next(ms?: number): Promise<IteratorResult<T>>;
}

class InstrumentedSubscription<T> implements KitSubscription<T> {
  readonly items: T[] = [];
  deliveredAfterClose = 0;
  #closeResolved = false;
  #iterator?: AsyncIterator<T>;
  #pending?: Promise<IteratorResult<T>>;
  readonly #tracker = new OrderTracker();

  constructor(
    readonly raw: Subscription<T>,
    readonly ctx: CaseContext,
    readonly stream: keyof ExchangeStreams,
    readonly requested: string | undefined,
    markets: Exchange['markets'],
  ) {
    // Observed so a refusal is recorded (ER-08, G7) even when no case awaits it.
    raw.ready.then(undefined, (e: unknown) => ctx.recordAdapterError(`streams.${stream}.ready`, e));
    const kind = STREAM_KINDS[stream];
    raw.onItem((item) => {
      if (this.#closeResolved) this.deliveredAfterClose++;
      this.items.push(item);
      const path = `streams.${stream}`;
      ctx.checkModel(kind, item, { path, requested, markets });
      if (kind === 'order') ctx.addViolations(this.#tracker.observe(item as Order, path));
    });
  }

  get topic(): string {
    return this.raw.topic;
  }
  get ready(): Promise<void> {
    return this.raw.ready;
  }
  get latest(): T | undefined {
    return this.raw.latest;
  }
  get closed(): boolean {
    return this.raw.closed;
  }
  onItem(listener: (item: T) => void): () => void {
    return this.raw.onItem(listener);
  }
  async close(): Promise<void> {
    await this.ctx.adapterCall(`${this.raw.topic} close()`, () => this.raw.close(), () => undefined);
    this.#closeResolved = true;
  }
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return (this.#iterator ??= this.raw[Symbol.asyncIterator]());
  }
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async next(ms = this.ctx.timing.convergenceMs): Promise<IteratorResult<T>> {
    this.ctx.throwIfAborted();
    const iterator = this[Symbol.asyncIterator]();
    // A read that timed out is still pending on the iterator: reuse it rather than lose its item.
    const pending = (this.#pending ??= iterator.next());
    pending.then(undefined, () => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        pending,
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), ms);
        }),
      ]);
      if (result === 'timeout') throw new CaseFailure(`no item from ${this.topic} within ${ms} ms`);
      this.#pending = undefined;
      return result;
    } catch (e) {
      if (!(e instanceof CaseFailure)) {
        this.#pending = undefined;
        throw this.ctx.recordAdapterError(`${this.topic} iterator`, e);
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}

function instrumentStreams(raw: Exchange, ctx: CaseContext): ExchangeStreams {
  const target = raw.streams;
  const wrap =
    <K extends keyof ExchangeStreams>(name: K) =>
    (...args: unknown[]): KitSubscription<unknown> => {
      ctx.throwIfAborted();
      const fn = target[name] as (...a: unknown[]) => Subscription<unknown>;
      let sub: Subscription<unknown>;
      try {
        sub = fn.apply(target, args);
      } catch (e) {
        throw ctx.recordAdapterError(`streams.${name}`, e);
      }
      const requested = typeof args[0] === 'string' ? args[0] : undefined;
      const kitSub = new InstrumentedSubscription(sub, ctx, name, requested, raw.markets);
      ctx.trackSubscription(kitSub);
      return kitSub;
    };
  return {
    ticker: wrap('ticker'),
    orderBook: wrap('orderBook'),
    trades: wrap('trades'),
    candles: wrap('candles'),
    orders: wrap('orders'),
    fills: wrap('fills'),
    positions: wrap('positions'),
    balances: wrap('balances'),
  } as unknown as ExchangeStreams;
}

/** Typed access to the instrumented streams (they return KitSubscription). */
export type KitStreams = { readonly [K in keyof ExchangeStreams]: (...args: Parameters<ExchangeStreams[K]>) => KitSubscription<ReturnType<ExchangeStreams[K]> extends Subscription<infer T> ? T : never> };

/** Control calls: bounded, and a failure is the environment's (ERROR), not the adapter's. */
export function instrumentControl(raw: VenueControl, ctx: CaseContext): VenueControl {
  return new Proxy(raw, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const fn = value as (...a: unknown[]) => unknown;
      return (...args: unknown[]) => ctx.controlCall(prop, () => fn.apply(target, args), args);
    },
  });
}

