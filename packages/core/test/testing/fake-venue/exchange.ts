/**
 * FakeExchange: an honest little adapter for the fake venue, written the way a real exchange
 * package is (resolve symbols first, check capabilities, prepare orders on the grid, sign, map
 * wire → neutral, maintain books from sequenced deltas, reconcile private streams).
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'eventemitter3';
import { resolveCredentials, type Credentials, type ResolvedCredentials } from '../../../src/credentials/credentials.js';
import { Decimal, type DecimalValue } from '../../../src/decimal.js';
import { ClosedError, InvalidArgumentError, NotSupportedError } from '../../../src/errors/error-classes.js';
import { ExchangeError } from '../../../src/errors/exchange-error.js';
import { NO_CAPABILITIES, type Capabilities, type CapabilityKey } from '../../../src/exchange/capabilities.js';
import type { CandleQuery, Exchange, ExchangeStreams, OrderBookStreamOptions } from '../../../src/exchange/exchange.js';
import type { ExchangeEvents } from '../../../src/exchange/lifecycle.js';
import type { Subscription } from '../../../src/exchange/subscription.js';
import { silentLogger, type Logger } from '../../../src/logging/logger.js';
import type { Balance } from '../../../src/models/balance.js';
import type { Candle } from '../../../src/models/candle.js';
import { TIMEFRAME_MS, type Timeframe } from '../../../src/models/enums.js';
import type { Fill } from '../../../src/models/fill.js';
import type { FundingRate } from '../../../src/models/funding-rate.js';
import type { Market } from '../../../src/models/market.js';
import type { Order } from '../../../src/models/order.js';
import type { OrderBook } from '../../../src/models/order-book.js';
import type { Position } from '../../../src/models/position.js';
import type { AmendOrderRequest, CancelOrderRequest, HistoryQuery, OrderRef, PlaceOrderRequest } from '../../../src/models/requests.js';
import type { Ticker } from '../../../src/models/ticker.js';
import type { Trade } from '../../../src/models/trade.js';
import { MarketRegistry } from '../../../src/symbols/market-registry.js';
import type { FakeVenue } from './control.js';
import { RestClient } from './rest-client.js';
import { sign } from './server.js';
import { SimpleSubscription } from './subscription.js';
import * as W from './wire.js';
import { WsLink } from './ws-link.js';

export const FAKE_CAPABILITIES: Capabilities = {
  ...NO_CAPABILITIES,
  fetchTickers: true,
  fetchTrades: true,
  fetchServerTime: true,
  streamTicker: true,
  streamOrderBook: true,
  streamTrades: true,
  streamOrders: true,
  streamFills: true,
  marketOrders: true,
  postOnly: true,
  ioc: true,
  reduceOnly: true,
  clientOrderId: true,
  cancelAllOrders: true,
  positions: true,
  setLeverage: true,
};

/** Everything the fake can do (the default target declares the realistic subset above). */
export const FAKE_FULL_CAPABILITIES: Capabilities = {
  ...FAKE_CAPABILITIES,
  fok: true,
  amendOrder: true,
  conditionalOrders: true,
  streamCandles: true,
  streamPositions: true,
  streamBalances: true,
};

export interface FakeExchangeOptions {
  readonly venue: FakeVenue;
  readonly credentials?: Credentials;
  readonly logger?: Logger;
  readonly disableClockSync?: boolean;
  readonly capabilities?: Capabilities;
  readonly requestTimeoutMs?: number;
  readonly retryBudgetMs?: number;
  readonly reconnectBudgetMs?: number;
  readonly reconciliationIntervalMs?: number;
}

const DEPTHS = [1, 5, 10, 20, 50];
const STATUS_RANK: Record<string, number> = { untriggered: 0, open: 1, filled: 2, canceled: 2, rejected: 2, expired: 2 };

interface Topic {
  readonly market: Market;
  readonly consumers: Set<Consumer>;
  readonly ready: Promise<void>;
  readonly link: WsLink;
  book?: LocalBook;
}

interface Consumer {
  readonly sub: SimpleSubscription<unknown>;
  readonly depth?: number;
  readonly symbol?: string;
}

/** A local order book kept from a snapshot and sequenced deltas. */
class LocalBook {
  readonly bids = new Map<string, [Decimal, Decimal]>();
  readonly asks = new Map<string, [Decimal, Decimal]>();
  seq = -1;
  ts = 0;
  valid = false;

  snapshot(b: Array<[Decimal, Decimal]>, a: Array<[Decimal, Decimal]>, seq: number, ts: number): void {
    this.bids.clear();
    this.asks.clear();
    for (const [p, s] of b) this.bids.set(p.toFixed(), [p, s]);
    for (const [p, s] of a) this.asks.set(p.toFixed(), [p, s]);
    this.seq = seq;
    this.ts = ts;
    this.valid = true;
  }

  delta(b: Array<[Decimal, Decimal]>, a: Array<[Decimal, Decimal]>, seq: number, ts: number): 'applied' | 'ignored' | 'gap' | 'crossed' {
    if (!this.valid || seq <= this.seq) return 'ignored';
    if (seq !== this.seq + 1) return 'gap';
    for (const [side, levels] of [[this.bids, b], [this.asks, a]] as const) {
      for (const [p, s] of levels) {
        // One key per price whatever its spelling ("100.10" = "100.1").
        if (s.isZero()) side.delete(p.toFixed());
        else side.set(p.toFixed(), [p, s]);
      }
    }
    this.seq = seq;
    this.ts = ts;
    const [bb] = this.view(1).bids;
    const [ba] = this.view(1).asks;
    return bb && ba && bb[0].gte(ba[0]) ? 'crossed' : 'applied';
  }

  view(depth: number): { bids: Array<[Decimal, Decimal]>; asks: Array<[Decimal, Decimal]> } {
    const bids = [...this.bids.values()].sort((x, y) => y[0].comparedTo(x[0])).slice(0, depth);
    const asks = [...this.asks.values()].sort((x, y) => x[0].comparedTo(y[0])).slice(0, depth);
    return { bids, asks };
  }
}

export class FakeExchange implements Exchange {
  readonly id = 'fakex';
  readonly capabilities: Capabilities;
  readonly timeframes: readonly Timeframe[] = ['1m', '5m', '1h'];
  readonly events = new EventEmitter<ExchangeEvents>();
  readonly streams: ExchangeStreams;
  #markets = new MarketRegistry('fakex', []);
  #loading?: Promise<readonly Market[]>;
  #closed = false;
  #creds?: Promise<ResolvedCredentials>;
  #rest?: RestClient;
  readonly #links: { public: WsLink; private: WsLink };
  readonly #topics = new Map<string, Topic>();
  /** Last order state delivered on the stream (for idempotent delivery). */
  readonly #orderState = new Map<string, { rank: number; filled: Decimal; updatedAt: number; price: string; symbol: string }>();
  /** Orders seen over REST (reconciliation looks unfinished ones up). */
  readonly #known = new Map<string, { rank: number; symbol: string }>();
  readonly #seenFills = new Set<string>();
  #reconcileTimer?: NodeJS.Timeout;
  #privateSince = 0;
  #resolved?: ResolvedCredentials;
  readonly logger: Logger;

  constructor(readonly o: FakeExchangeOptions) {
    this.capabilities = o.capabilities ?? FAKE_CAPABILITIES;
    this.logger = o.logger ?? silentLogger;
    if (o.credentials) this.#creds = resolveCredentials(o.credentials, this.id);
    const linkOptions = { exchange: this.id, heartbeatMs: 150, reconnectBudgetMs: o.reconnectBudgetMs ?? 60_000, backoffBaseMs: 50, backoffCapMs: 200 };
    const hooks = (scope: 'public' | 'private') => ({
      server: () => this.o.venue.server,
      emit: <K extends keyof ExchangeEvents>(type: K, event: Parameters<ExchangeEvents[K]>[0]) => (this.events.emit as (t: K, e: unknown) => boolean)(type, event),
      onFrame: (text: string) => this.#onFrame(scope, text),
      onFailed: (error: ExchangeError) => {
        for (const t of this.#topics.values()) if (t.link === this.#links[scope]) for (const c of t.consumers) c.sub.fail(error);
      },
      ...(scope === 'private' && {
        login: () => {
          const c = this.#resolved;
          if (!c) return undefined;
          const expires = String(Date.now() + 10_000);
          return { apiKey: c.apiKey.reveal(), expires, signature: sign(c.apiSecret.reveal(), `GET/realtime${expires}`) };
        },
        onReconnected: () => void this.#reconcile('reconnect'),
      }),
    });
    this.#links = { public: new WsLink('public', hooks('public'), linkOptions), private: new WsLink('private', hooks('private'), linkOptions) };
    this.streams = this.#makeStreams();
  }

  get markets(): MarketRegistry {
    return this.#markets;
  }

  async #client(): Promise<RestClient> {
    if (this.#closed) throw new ClosedError('the exchange is closed', { exchange: this.id });
    if (!this.#rest) {
      const credentials = this.#creds ? await this.#creds : undefined;
      this.#resolved = credentials;
      this.#rest ??= new RestClient({
        exchange: this.id,
        server: () => this.o.venue.server,
        ...(credentials && { credentials }),
        logger: this.logger,
        clockSync: !this.o.disableClockSync,
        requestTimeoutMs: this.o.requestTimeoutMs ?? 10_000,
        retryBudgetMs: this.o.retryBudgetMs ?? 30_000,
      });
    }
    return this.#rest;
  }

  /** Runs `work`, naming the method on whatever it throws. */
  async #run<T>(method: string, work: () => Promise<T>): Promise<T> {
    try {
      if (this.#closed) throw new ClosedError('the exchange is closed', { exchange: this.id });
      return await work();
    } catch (e) {
      if (e instanceof ExchangeError) throw e.withMethod(method);
      throw e;
    }
  }

  #require(cap: CapabilityKey, method: string): void {
    if (!this.capabilities[cap]) throw new NotSupportedError(`${method} is not supported (capability ${cap} is false)`, { exchange: this.id, method });
  }

  #market(symbol: string, method: string): Market {
    try {
      return this.#markets.resolve(symbol);
    } catch (e) {
      if (e instanceof ExchangeError) throw e.withMethod(method);
      throw e;
    }
  }

  #params(m: Market, extra: Record<string, string | undefined> = {}): Record<string, string> {
    const out: Record<string, string> = { category: m.type === 'spot' ? 'spot' : 'linear', symbol: m.id };
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
    return out;
  }

  /** A market for a native id from private frames and lists (derivatives win a shared id). */
  #byNative(id: string): Market | undefined {
    const all = this.#markets.list().filter((m) => m.id === id);
    return all.find((m) => m.type !== 'spot') ?? all[0];
  }

  // ---- REST --------------------------------------------------------------------------------

  loadMarkets(options: { readonly reload?: boolean } = {}): Promise<readonly Market[]> {
    if (this.#loading && !options.reload) return this.#loading;
    const p = this.#run('loadMarkets', async () => {
      const r = await (await this.#client()).call('loadMarkets', 'GET', '/v1/instruments', {}, { schema: W.instrumentsW, retry: 'read' });
      const list = r.list.map(W.toMarket);
      this.#markets = new MarketRegistry(this.id, list);
      return list;
    });
    this.#loading = p;
    p.catch(() => {
      if (this.#loading === p) this.#loading = undefined;
    });
    return p;
  }

  fetchServerTime(): Promise<number> {
    return this.#run('fetchServerTime', async () => {
      this.#require('fetchServerTime', 'fetchServerTime');
      return (await (await this.#client()).call('fetchServerTime', 'GET', '/v1/time', {}, { schema: W.timeW, retry: 'read' })).timeMs;
    });
  }

  fetchTicker(symbol: string): Promise<Ticker> {
    return this.#run('fetchTicker', async () => {
      const m = this.#market(symbol, 'fetchTicker');
      return W.toTicker(await (await this.#client()).call('fetchTicker', 'GET', '/v1/ticker', this.#params(m), { schema: W.tickerW, retry: 'read' }), m);
    });
  }

  fetchTickers(symbols?: readonly string[]): Promise<Readonly<Record<string, Ticker>>> {
    return this.#run('fetchTickers', async () => {
      this.#require('fetchTickers', 'fetchTickers');
      const markets = symbols?.map((s) => this.#market(s, 'fetchTickers'));
      const params: Record<string, string> = markets ? { symbols: [...new Set(markets.map((m) => m.id))].join(',') } : {};
      const r = await (await this.#client()).call('fetchTickers', 'GET', '/v1/tickers', params, { schema: W.tickersW, retry: 'read' });
      const out: Record<string, Ticker> = {};
      for (const t of r.list) {
        const m = this.#markets.list().find((x) => x.id === t.symbol && (x.type === 'spot') === (t.category === 'spot'));
        if (!m || (markets && !markets.includes(m))) continue;
        out[m.symbol] = W.toTicker(t, m);
      }
      return out;
    });
  }

  fetchOrderBook(symbol: string, depth = 50): Promise<OrderBook> {
    return this.#run('fetchOrderBook', async () => {
      const m = this.#market(symbol, 'fetchOrderBook');
      if (!Number.isInteger(depth) || depth < 1 || depth > 50) throw new InvalidArgumentError(`depth ${depth} outside 1..50`, { exchange: this.id });
      // The venue serves fixed depths: ask for the next one and truncate.
      const limit = DEPTHS.find((d) => d >= depth) ?? 50;
      const r = await (await this.#client()).call('fetchOrderBook', 'GET', '/v1/depth', this.#params(m, { limit: String(limit) }), { schema: W.depthW, retry: 'read' });
      return W.toBook(r, m, depth);
    });
  }

  fetchCandles(symbol: string, timeframe: Timeframe, query: CandleQuery = {}): Promise<Candle[]> {
    return this.#run('fetchCandles', async () => {
      const m = this.#market(symbol, 'fetchCandles');
      if (!this.timeframes.includes(timeframe)) throw new NotSupportedError(`timeframe ${timeframe} is not offered`, { exchange: this.id });
      const tf = TIMEFRAME_MS[timeframe];
      const limit = query.limit ?? 100;
      const rest = await this.#client();
      const now = Date.now();
      let start = query.since !== undefined ? Math.ceil(query.since / tf) * tf : Math.floor(now / tf) * tf - (limit - 1) * tf;
      // With `since`, page forward by count (the venue clock may run ahead of ours).
      const end = query.until ?? (query.since !== undefined ? start + limit * tf : now + tf);
      const byOpen = new Map<number, Candle>();
      while (byOpen.size < limit && start < end) {
        const pageEnd = Math.min(end, start + 100 * tf) - 1;
        const r = await rest.call('fetchCandles', 'GET', '/v1/klines', this.#params(m, { interval: timeframe, start: String(start), end: String(pageEnd), limit: '100' }), { schema: W.klinesW, retry: 'read' });
        for (const k of r.list) byOpen.set(k[0], W.toCandle(k, m, timeframe, now));
        query.onProgress?.({ fetched: byOpen.size, until: end, cursor: pageEnd });
        start = pageEnd + 1;
      }
      return [...byOpen.values()].sort((a, b) => a.openTime - b.openTime).slice(0, limit);
    });
  }

  fetchTrades(symbol: string, query: HistoryQuery = {}): Promise<Trade[]> {
    return this.#run('fetchTrades', async () => {
      const m = this.#market(symbol, 'fetchTrades');
      const r = await (await this.#client()).call('fetchTrades', 'GET', '/v1/trades', this.#params(m, { limit: String(query.limit ?? 50) }), { schema: W.tradesW, retry: 'read' });
      return r.list.map((t) => W.toTrade(t, m)).sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    });
  }

  fetchFundingRate(symbol: string): Promise<FundingRate> {
    return this.#run('fetchFundingRate', async () => {
      this.#market(symbol, 'fetchFundingRate');
      this.#require('fetchFundingRate', 'fetchFundingRate');
      throw new NotSupportedError('unreachable', { exchange: this.id });
    });
  }

  fetchBalances(): Promise<Balance[]> {
    return this.#run('fetchBalances', async () => (await (await this.#client()).call('fetchBalances', 'GET', '/v1/balance', {}, { signed: true, schema: W.balancesW, retry: 'read' })).list.map(W.toBalance));
  }

  fetchPositions(symbols?: readonly string[]): Promise<Position[]> {
    return this.#run('fetchPositions', async () => {
      this.#require('positions', 'fetchPositions');
      const markets = symbols?.map((s) => this.#market(s, 'fetchPositions'));
      const params: Record<string, string> = markets ? { symbol: markets.map((m) => m.id).join(',') } : {};
      const r = await (await this.#client()).call('fetchPositions', 'GET', '/v1/positions', params, { signed: true, schema: W.positionsW, retry: 'read' });
      return r.list.flatMap((p) => {
        const m = this.#byNative(p.symbol);
        return m && (!markets || markets.includes(m)) ? [W.toPosition(p, m)] : [];
      });
    });
  }

  setLeverage(symbol: string, leverage: DecimalValue): Promise<void> {
    return this.#run('setLeverage', async () => {
      const m = this.#market(symbol, 'setLeverage');
      this.#require('setLeverage', 'setLeverage');
      const lev = new Decimal(leverage);
      if (!lev.isFinite() || !lev.gt(0) || (m.maxLeverage && lev.gt(m.maxLeverage))) throw new InvalidArgumentError(`leverage ${lev.toFixed()} outside (0, ${m.maxLeverage?.toFixed() ?? '∞'}]`, { exchange: this.id });
      await (await this.#client()).call('setLeverage', 'POST', '/v1/leverage', this.#params(m, { leverage: lev.toFixed() }), { signed: true, schema: W.emptyW, retry: 'none', notModifiedOk: true });
    });
  }

  placeOrder(request: PlaceOrderRequest): Promise<Order> {
    return this.#run('placeOrder', async () => {
      const m = this.#market(request.symbol, 'placeOrder');
      const tif = request.timeInForce ?? (request.type === 'market' ? 'ioc' : 'gtc');
      if (request.type === 'market') this.#require('marketOrders', 'placeOrder(type market)');
      if (tif === 'post_only') this.#require('postOnly', 'placeOrder(post_only)');
      if (tif === 'ioc' && request.type === 'limit') this.#require('ioc', 'placeOrder(ioc)');
      if (tif === 'fok') this.#require('fok', 'placeOrder(fok)');
      if (request.reduceOnly) this.#require('reduceOnly', 'placeOrder(reduceOnly)');
      if (request.triggerPrice !== undefined) this.#require('conditionalOrders', 'placeOrder(triggerPrice)');
      if (request.triggerReference === 'index') throw new NotSupportedError('index-price triggers are not offered', { exchange: this.id });
      if (request.clientOrderId !== undefined) this.#require('clientOrderId', 'placeOrder(clientOrderId)');
      const prepared = this.#markets.prepareOrder(m.symbol, request, 'reject');
      // Generated when absent, so a lost answer can be looked up before any retry.
      const coid = request.clientOrderId ?? `fx${randomBytes(8).toString('hex')}`;
      const rest = await this.#client();
      const params = this.#params(m, {
        side: request.side === 'buy' ? 'Buy' : 'Sell',
        orderType: request.type === 'limit' ? 'Limit' : 'Market',
        qty: prepared.amount.div(m.contractSize).toFixed(),
        price: prepared.price?.toFixed(),
        timeInForce: { gtc: 'GTC', ioc: 'IOC', fok: 'FOK', post_only: 'PostOnly' }[tif],
        reduceOnly: request.reduceOnly ? 'true' : undefined,
        orderLinkId: coid,
        triggerPrice: prepared.triggerPrice?.toFixed(),
        triggerBy: prepared.triggerPrice === undefined ? undefined : request.triggerReference === 'mark' ? 'MarkPrice' : 'LastPrice',
        triggerDirection: request.triggerDirection === undefined ? undefined : request.triggerDirection === 'up' ? '1' : '2',
      });
      const recover = async (): Promise<W.OrderWire | undefined> => {
        try {
          return await rest.call('placeOrder', 'GET', '/v1/order', this.#params(m, { orderLinkId: coid }), { signed: true, schema: W.orderW, retry: 'none' });
        } catch {
          return undefined;
        }
      };
      const o = await rest.call('placeOrder', 'POST', '/v1/order', params, { signed: true, schema: W.orderW, retry: 'order', recover });
      return this.#trackOrder(W.toOrder(o, m));
    });
  }

  #trackOrder(o: Order): Order {
    this.#known.set(o.id, { rank: STATUS_RANK[o.status]!, symbol: o.symbol });
    return o;
  }

  amendOrder(request: AmendOrderRequest): Promise<Order> {
    return this.#run('amendOrder', async () => {
      const m = this.#market(request.symbol, 'amendOrder');
      this.#require('amendOrder', 'amendOrder');
      const check = (v: DecimalValue | undefined, step: Decimal, what: string): string | undefined => {
        if (v === undefined) return undefined;
        const d = new Decimal(v);
        if (!d.gt(0) || !d.mod(step).isZero()) throw new InvalidArgumentError(`${what} ${d.toFixed()} is not a positive multiple of ${step.toFixed()}`, { exchange: this.id });
        return d.toFixed();
      };
      const price = check(request.price, m.tickSize, 'price');
      const amount = check(request.amount, m.stepSize, 'amount');
      const params = this.#params(m, { ...this.#ref(request), price, qty: amount === undefined ? undefined : new Decimal(amount).div(m.contractSize).toFixed() });
      const o = await (await this.#client()).call('amendOrder', 'POST', '/v1/order/amend', params, { signed: true, schema: W.orderW, retry: 'none' });
      return this.#trackOrder(W.toOrder(o, m));
    });
  }

  #ref(r: OrderRef): Record<string, string | undefined> {
    return { orderId: r.id, orderLinkId: r.id === undefined ? r.clientOrderId : undefined };
  }

  cancelOrder(request: CancelOrderRequest): Promise<Order> {
    return this.#run('cancelOrder', async () => {
      const m = this.#market(request.symbol, 'cancelOrder');
      const o = await (await this.#client()).call('cancelOrder', 'POST', '/v1/order/cancel', this.#params(m, this.#ref(request)), { signed: true, schema: W.orderW, retry: 'read' });
      return this.#trackOrder(W.toOrder(o, m));
    });
  }

  cancelAllOrders(symbol?: string): Promise<readonly string[]> {
    return this.#run('cancelAllOrders', async () => {
      this.#require('cancelAllOrders', 'cancelAllOrders');
      const markets = symbol === undefined ? this.#markets.list().filter((m) => m.active) : [this.#market(symbol, 'cancelAllOrders')];
      const ids: string[] = [];
      for (const m of markets) {
        const r = await (await this.#client()).call('cancelAllOrders', 'POST', '/v1/order/cancel-all', this.#params(m), { signed: true, schema: W.cancelAllW, retry: 'read' });
        ids.push(...r.list.map((x) => x.orderId));
      }
      return ids;
    });
  }

  fetchOrder(ref: OrderRef): Promise<Order> {
    return this.#run('fetchOrder', async () => {
      const m = this.#market(ref.symbol, 'fetchOrder');
      const o = await (await this.#client()).call('fetchOrder', 'GET', '/v1/order', this.#params(m, this.#ref(ref)), { signed: true, schema: W.orderW, retry: 'read' });
      return this.#trackOrder(W.toOrder(o, m));
    });
  }

  #list(method: string, path: string, symbol: string | undefined, query: HistoryQuery): Promise<Order[]> {
    return this.#run(method, async () => {
      const m = symbol === undefined ? undefined : this.#market(symbol, method);
      const params: Record<string, string> = m ? this.#params(m) : {};
      if (query.since !== undefined) params.start = String(query.since);
      if (query.limit !== undefined) params.limit = String(query.limit);
      const r = await (await this.#client()).call(method, 'GET', path, params, { signed: true, schema: W.ordersW, retry: 'read' });
      return r.list
        .flatMap((o) => {
          const mk = m ?? this.#byNative(o.symbol);
          return mk ? [W.toOrder(o, mk)] : [];
        })
        .sort((a, b) => a.timestamp - b.timestamp);
    });
  }

  fetchOpenOrders(symbol?: string): Promise<Order[]> {
    return this.#list('fetchOpenOrders', '/v1/orders/open', symbol, {});
  }

  fetchOrderHistory(symbol?: string, query: HistoryQuery = {}): Promise<Order[]> {
    return this.#list('fetchOrderHistory', '/v1/orders/history', symbol, query);
  }

  fetchFills(symbol?: string, query: HistoryQuery = {}): Promise<Fill[]> {
    return this.#run('fetchFills', async () => this.#fills('fetchFills', symbol, query));
  }

  async #fills(method: string, symbol: string | undefined, query: HistoryQuery): Promise<Fill[]> {
    const m = symbol === undefined ? undefined : this.#market(symbol, method);
    const params: Record<string, string> = m ? this.#params(m) : {};
    if (query.since !== undefined) params.start = String(query.since);
    if (query.limit !== undefined) params.limit = String(query.limit);
    const r = await (await this.#client()).call(method, 'GET', '/v1/fills', params, { signed: true, schema: W.fillsW, retry: 'read' });
    return r.list
      .flatMap((f) => {
        const mk = m ?? this.#byNative(f.symbol);
        return mk ? [W.toFill(f, mk)] : [];
      })
      .sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : 1));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#reconcileTimer);
    this.#rest?.close();
    this.#links.public.close();
    this.#links.private.close();
    for (const t of this.#topics.values()) for (const c of t.consumers) c.sub.end();
    this.#topics.clear();
    this.events.emit('closed', { connection: 'exchange', at: Date.now() });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---- streams -----------------------------------------------------------------------------

  #makeStreams(): ExchangeStreams {
    const pub = <T>(cap: CapabilityKey, method: string, kind: string, mode: 'conflate' | 'queue') => (symbol: string, depth?: number): Subscription<T> => {
      if (this.#closed) throw new ClosedError('the exchange is closed', { exchange: this.id, method });
      const m = this.#market(symbol, method);
      this.#require(cap, method);
      return this.#open<T>(`${kind}.${m.type === 'spot' ? 'spot' : 'linear'}.${m.id}`, `${method.replace('streams.', '')} ${m.symbol}`, mode, this.#links.public, m, { ...(depth !== undefined && { depth }) });
    };
    const priv = <T>(cap: CapabilityKey, method: string, kind: string, mode: 'conflate' | 'queue' = 'queue') => (symbol?: string): Subscription<T> => {
      if (this.#closed) throw new ClosedError('the exchange is closed', { exchange: this.id, method });
      const m = symbol === undefined ? undefined : this.#market(symbol, method);
      this.#require(cap, method);
      return this.#open<T>(kind, `${method.replace('streams.', '')}${m ? ` ${m.symbol}` : ''}`, mode, this.#links.private, m, { ...(m && { symbol: m.symbol }) });
    };
    const ticker = pub<Ticker>('streamTicker', 'streams.ticker', 'tickers', 'conflate');
    const book = pub<OrderBook>('streamOrderBook', 'streams.orderBook', 'orderbook', 'conflate');
    const trades = pub<Trade>('streamTrades', 'streams.trades', 'trades', 'queue');
    const candles = (symbol: string, tf: Timeframe): Subscription<Candle> => {
      if (this.#closed) throw new ClosedError('the exchange is closed', { exchange: this.id, method: 'streams.candles' });
      const m = this.#market(symbol, 'streams.candles');
      this.#require('streamCandles', 'streams.candles');
      if (!this.timeframes.includes(tf)) throw new NotSupportedError(`timeframe ${tf} is not offered`, { exchange: this.id, method: 'streams.candles' });
      return this.#open<Candle>(`kline.${tf}.${m.type === 'spot' ? 'spot' : 'linear'}.${m.id}`, `candles ${m.symbol} ${tf}`, 'queue', this.#links.public, m, {});
    };
    const positions = priv<Position>('streamPositions', 'streams.positions', 'position', 'conflate');
    const balances = priv<Balance>('streamBalances', 'streams.balances', 'wallet', 'conflate');
    return {
      ticker: (s) => ticker(s),
      orderBook: (s, options?: OrderBookStreamOptions) => book(s, options?.depth ?? 50),
      trades: (s) => trades(s),
      candles,
      orders: priv<Order>('streamOrders', 'streams.orders', 'order'),
      fills: priv<Fill>('streamFills', 'streams.fills', 'execution'),
      positions: (s) => positions(s),
      balances: () => balances(),
    };
  }

  #open<T>(topicName: string, label: string, mode: 'conflate' | 'queue', link: WsLink, market: Market | undefined, extra: { depth?: number; symbol?: string }): Subscription<T> {
    const sub: SimpleSubscription<unknown> = new SimpleSubscription<unknown>(label, mode, (): void => this.#release(topicName, sub), 10_000, this.id);
    let topic = this.#topics.get(topicName);
    if (!topic) {
      const ready = (async () => {
        if (link.scope === 'private') {
          await this.#client();
          if (!this.#privateSince) this.#privateSince = Date.now() - 1_000;
        }
        await link.subscribe(topicName);
      })();
      topic = { market: market ?? this.#markets.list()[0]!, consumers: new Set(), ready, link, ...(topicName.startsWith('orderbook.') && { book: new LocalBook() }) };
      this.#topics.set(topicName, topic);
      const t = topic;
      ready.catch(() => {
        if (this.#topics.get(topicName) === t) this.#topics.delete(topicName);
      });
    }
    const consumer: Consumer = { sub, ...extra };
    topic.consumers.add(consumer);
    topic.ready.then(
      () => {
        sub.confirm();
        // A consumer joining a live book starts from the current state (once).
        if (topic.book?.valid && sub.latest === undefined) this.#emitBook(topic, consumer);
        if (link.scope === 'private') this.#startReconcile();
      },
      (e: unknown) => sub.refuse(e instanceof ExchangeError ? e.withMethod(label.split(' ')[0] ?? 'subscribe') : e),
    );
    return sub as Subscription<T>;
  }

  #release(topicName: string, sub: SimpleSubscription<unknown>): void {
    const topic = this.#topics.get(topicName);
    if (!topic) return;
    for (const c of topic.consumers) if (c.sub === sub) topic.consumers.delete(c);
    if (topic.consumers.size > 0) return;
    this.#topics.delete(topicName);
    topic.link.unsubscribe(topicName);
    if (![...this.#topics.values()].some((t) => t.link === this.#links.private)) {
      clearInterval(this.#reconcileTimer);
      this.#reconcileTimer = undefined;
    }
  }

  #dropped(connection: string, reason: string, text: string): void {
    this.events.emit('dropped', { connection, reason, preview: text.slice(0, 80), at: Date.now() });
  }

  #onFrame(connection: string, text: string): void {
    let frame: { topic?: string; type?: string; seq?: number; ts?: unknown; data?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return this.#dropped(connection, 'invalid JSON', text);
    }
    const topic = frame.topic === undefined ? undefined : this.#topics.get(frame.topic);
    if (!topic) return;
    const kind = frame.topic!.split('.')[0];
    try {
      if (kind === 'tickers') {
        const t = W.toTicker(W.tickerW.parse(frame.data), topic.market);
        for (const c of topic.consumers) c.sub.push(t);
      } else if (kind === 'trades') {
        for (const raw of W.tradesW.shape.list.parse(frame.data)) {
          const t = W.toTrade(raw, topic.market);
          for (const c of topic.consumers) c.sub.push(t);
        }
      } else if (kind === 'orderbook') {
        this.#onBook(frame.topic!, topic, frame);
      } else if (kind === 'order') {
        for (const raw of W.ordersW.shape.list.parse(frame.data)) {
          const m = this.#byNative(raw.symbol);
          if (m) this.#deliverOrder(W.toOrder(raw, m));
        }
      } else if (kind === 'kline') {
        const tf = frame.topic!.split('.')[1] as Timeframe;
        for (const k of W.klinesW.shape.list.parse(frame.data)) {
          const candle = W.toCandle(k, topic.market, tf, Date.now());
          for (const c of topic.consumers) c.sub.push(candle);
        }
      } else if (kind === 'position') {
        for (const raw of W.positionsW.shape.list.parse(frame.data)) {
          const m = this.#byNative(raw.symbol);
          if (!m) continue;
          const p = W.toPosition(raw, m);
          for (const c of topic.consumers) if (!c.symbol || c.symbol === p.symbol) c.sub.push(p);
        }
      } else if (kind === 'wallet') {
        for (const raw of W.balancesW.shape.list.parse(frame.data)) {
          const b = W.toBalance(raw);
          for (const c of topic.consumers) c.sub.push(b);
        }
      } else if (kind === 'execution') {
        for (const raw of W.fillsW.shape.list.parse(frame.data)) {
          const m = this.#byNative(raw.symbol);
          if (m) this.#deliverFill(W.toFill(raw, m));
        }
      }
    } catch (e) {
      this.#dropped(connection, e instanceof Error ? e.message.slice(0, 120) : 'unparseable', text);
    }
  }

  #onBook(name: string, topic: Topic, frame: { type?: string; seq?: number; ts?: unknown; data?: unknown }): void {
    const book = topic.book!;
    const d = W.depthW.parse({ ...(frame.data as object), seq: frame.seq, ts: frame.ts });
    const conv = (l: Array<[Decimal, Decimal]>): Array<[Decimal, Decimal]> => l.map(([p, s]) => [p, s.mul(topic.market.contractSize)]);
    if (frame.type === 'snapshot') {
      book.snapshot(conv(d.b), conv(d.a), d.seq, d.ts);
    } else {
      const r = book.delta(conv(d.b), conv(d.a), d.seq, d.ts);
      if (r === 'ignored') return;
      if (r === 'gap' || r === 'crossed') {
        // Nothing built on a broken book is emitted: drop it and ask for a fresh snapshot.
        book.valid = false;
        this.events.emit('resync', { symbol: topic.market.symbol, reason: r === 'gap' ? 'sequence gap' : 'crossed book', at: Date.now() });
        topic.link.resubscribe(name);
        return;
      }
    }
    for (const c of topic.consumers) this.#emitBook(topic, c);
  }

  #emitBook(topic: Topic, c: Consumer): void {
    const book = topic.book!;
    const v = book.view(c.depth ?? 50);
    const item: OrderBook = {
      symbol: topic.market.symbol,
      timestamp: book.ts,
      sequence: book.seq,
      bids: v.bids.map(([price, size]) => ({ price, size })),
      asks: v.asks.map(([price, size]) => ({ price, size })),
    };
    c.sub.push(item);
  }

  /** Idempotent order updates: an older or repeated state is not delivered. */
  #deliverOrder(o: Order): void {
    const prev = this.#orderState.get(o.id);
    const rank = STATUS_RANK[o.status]!;
    const price = o.price?.toFixed() ?? '';
    if (prev) {
      const older = o.filled.lt(prev.filled) || rank < prev.rank || (rank === 2 && prev.rank === 2);
      const same = o.filled.eq(prev.filled) && rank === prev.rank && price === prev.price && o.updatedAt <= prev.updatedAt;
      if (older || same) return;
    }
    this.#orderState.set(o.id, { rank, filled: o.filled, updatedAt: o.updatedAt, price, symbol: o.symbol });
    this.#known.set(o.id, { rank, symbol: o.symbol });
    for (const t of this.#topics.values()) {
      if (t.link !== this.#links.private) continue;
      for (const c of t.consumers) if (c.sub.topic.startsWith('orders') && (!c.symbol || c.symbol === o.symbol)) c.sub.push(o);
    }
  }

  #deliverFill(f: Fill): boolean {
    if (this.#seenFills.has(f.id)) return false;
    this.#seenFills.add(f.id);
    for (const t of this.#topics.values()) {
      if (t.link !== this.#links.private) continue;
      for (const c of t.consumers) if (c.sub.topic.startsWith('fills') && (!c.symbol || c.symbol === f.symbol)) c.sub.push(f);
    }
    return true;
  }

  #startReconcile(): void {
    if (this.#reconcileTimer || this.#closed) return;
    this.#reconcileTimer = setInterval(() => void this.#reconcile('interval'), this.o.reconciliationIntervalMs ?? 5_000);
  }

  /** Re-reads fills and unfinished orders over REST and delivers what the stream missed. */
  async #reconcile(reason: string): Promise<void> {
    if (this.#closed) return;
    try {
      let emitted = 0;
      const fills = await this.#fills('reconcile', undefined, { since: this.#privateSince });
      for (const f of fills) if (this.#deliverFill(f)) emitted++;
      const unfinished = [...this.#known.entries()].filter(([, s]) => s.rank < 2);
      for (const id of new Set([...unfinished.map(([i]) => i), ...fills.map((f) => f.orderId)])) {
        const symbol = this.#known.get(id)?.symbol ?? fills.find((f) => f.orderId === id)?.symbol;
        if (!symbol || this.#closed) continue;
        const m = this.#market(symbol, 'reconcile');
        const raw = await (await this.#client()).call('reconcile', 'GET', '/v1/order', this.#params(m, { orderId: id }), { signed: true, schema: W.orderW, retry: 'none' });
        const before = this.#orderState.get(id);
        this.#deliverOrder(W.toOrder(raw, m));
        if (this.#orderState.get(id) !== before) emitted++;
      }
      if (emitted > 0 || reason === 'reconnect') this.events.emit('reconciled', { reason, emitted, at: Date.now() });
    } catch (e) {
      this.logger.warn({ reason, error: e instanceof Error ? e.message : String(e) }, 'reconcile failed');
    }
  }
}
