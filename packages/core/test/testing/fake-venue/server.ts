/**
 * The fake venue's front: a JSON-over-function "wire" (REST requests, socket frames) in front of
 * the engine. It checks keys, signatures and timestamps, answers the venue's error codes, records
 * every request, and injects faults. Everything is in memory; "network" delays are timers.
 */
import { createHmac } from 'node:crypto';
import type {
  ReceivedOrderParams,
  ReceivedRequest,
  VenueConnection,
  VenueFault,
  VenueLimits,
  VenueOperation,
  VenueRejection,
  VenueTopic,
} from '../../../src/testing/venue-control.js';
import { TIMEFRAME_MS } from '../../../src/models/enums.js';
import { D, Engine, EngineError, type Account, type BookSide, type Order } from './engine.js';

export interface WireRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
}

export interface WireResponse {
  readonly status: number;
  readonly body: string;
}

/** A transport failure: the connection was refused, or cut before the answer arrived. */
export class WireError extends Error {
  constructor(readonly kind: 'refused' | 'reset' | 'aborted') {
    super(kind === 'refused' ? 'connect ECONNREFUSED' : kind === 'reset' ? 'socket hang up' : 'aborted');
  }
}

export interface ClientSocket {
  send(text: string): void;
  close(): void;
}

interface SocketHandlers {
  onMessage(text: string): void;
  onClose(reason: string): void;
}

interface Conn {
  readonly id: string;
  readonly scope: 'public' | 'private';
  readonly openedAt: number;
  refused?: boolean;
  closedAt?: number;
  closedBy?: VenueConnection['closedBy'];
  readonly heartbeats: number[];
  readonly authAttempts: { at: number; ok: boolean }[];
  accountId?: string;
  readonly topics: Set<string>;
  lastSeen: number;
  handlers?: SocketHandlers;
}

export const ERROR_CODES = {
  invalidKey: 10003,
  badSignature: 10004,
  permission: 10005,
  rateLimit: 10006,
  timestamp: 10002,
  unavailable: 10016,
  badSymbol: 10020,
  orderNotFound: 110001,
  invalidOrder: 110003,
  insufficientFunds: 110007,
  halted: 110009,
  reduceOnly: 110017,
  duplicate: 110072,
  postOnly: 110094,
  notModified: 110043,
} as const;

const ENGINE_CODES: Record<EngineError['reason'], [number, VenueRejection]> = {
  invalidOrder: [ERROR_CODES.invalidOrder, 'invalidOrder'],
  insufficientFunds: [ERROR_CODES.insufficientFunds, 'insufficientFunds'],
  orderNotFound: [ERROR_CODES.orderNotFound, 'orderNotFound'],
  badSymbol: [ERROR_CODES.badSymbol, 'badSymbol'],
  halted: [ERROR_CODES.halted, 'invalidOrder'],
  postOnly: [ERROR_CODES.postOnly, 'invalidOrder'],
  reduceOnly: [ERROR_CODES.reduceOnly, 'invalidOrder'],
  duplicate: [ERROR_CODES.duplicate, 'invalidOrder'],
};

const ROUTES: Record<string, VenueOperation> = {
  'GET /v1/instruments': 'loadMarkets',
  'GET /v1/time': 'fetchServerTime',
  'GET /v1/ticker': 'fetchTicker',
  'GET /v1/tickers': 'fetchTickers',
  'GET /v1/depth': 'fetchOrderBook',
  'GET /v1/klines': 'fetchCandles',
  'GET /v1/trades': 'fetchTrades',
  'GET /v1/balance': 'fetchBalances',
  'GET /v1/positions': 'fetchPositions',
  'POST /v1/leverage': 'setLeverage',
  'POST /v1/order': 'placeOrder',
  'POST /v1/order/amend': 'amendOrder',
  'POST /v1/order/cancel': 'cancelOrder',
  'POST /v1/order/cancel-all': 'cancelAllOrders',
  'GET /v1/order': 'fetchOrder',
  'GET /v1/orders/open': 'fetchOpenOrders',
  'GET /v1/orders/history': 'fetchOrderHistory',
  'GET /v1/fills': 'fetchFills',
};

const PUBLIC_OPS = new Set<VenueOperation>(['loadMarkets', 'fetchServerTime', 'fetchTicker', 'fetchTickers', 'fetchOrderBook', 'fetchCandles', 'fetchTrades']);
const READ_OPS = new Set<VenueOperation>([...PUBLIC_OPS, 'fetchBalances', 'fetchPositions', 'fetchOrder', 'fetchOpenOrders', 'fetchOrderHistory', 'fetchFills']);

export function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** What the adapter signs for a REST call. */
export function restPayload(ts: string, apiKey: string, method: string, path: string, params: Readonly<Record<string, string>>): string {
  const query = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  return `${ts}${apiKey}${method}${path}${query}`;
}

const TIF_WIRE = { gtc: 'GTC', ioc: 'IOC', fok: 'FOK', post_only: 'PostOnly' } as const;
const STATUS_WIRE = { open: 'New', untriggered: 'Untriggered', filled: 'Filled', canceled: 'Cancelled', rejected: 'Rejected', expired: 'Expired' } as const;

interface KeyInfo {
  readonly secret: string;
  readonly accountId: string;
  readonly permissions: readonly ('read' | 'trade')[];
}

interface ActiveFault {
  readonly fault: VenueFault;
  readonly until?: number;
  times?: number;
}

export const DEFAULT_KEY = { apiKey: 'kitkeymain01', apiSecret: 'kit-secret-main-0123456789abcdef' } as const;

export class FakeServer {
  readonly engine: Engine;
  readonly keys = new Map<string, KeyInfo>();
  requests: ReceivedRequest[] = [];
  readonly limits: VenueLimits = { idleTimeoutMs: 400, heartbeatIntervalMs: 150, receiveWindowMs: 5_000, topicsPerConnection: 100, buckets: [] };
  faults: ActiveFault[] = [];
  conns: Conn[] = [];
  #seq = 0;
  #connSeq = 0;
  #bookSeq = new Map<string, number>();
  #lastDelta = new Map<string, string>();
  #held = new Map<string, string>();
  /** Sub-millisecond part of each trade's time, so µs/ns stamps carry real digits. */
  readonly subMs = new Map<string, number>();
  #idleTimer: NodeJS.Timeout;

  constructor() {
    this.engine = new Engine({
      book: (key, changes, snapshot) => this.#publishBook(key, changes, snapshot),
      trade: (key, t) => {
        this.subMs.set(t.id, (Number(t.id.slice(1)) * 390_625 + t.timestamp) % 1_000_000);
        this.#publish(`trades.${this.topicId(key)}`, { topic: `trades.${this.topicId(key)}`, data: [this.#trade(t)] });
        for (const tf of ['1m', '5m', '1h'] as const) {
          const topic = `kline.${tf}.${this.topicId(key)}`;
          if (this.#subscribers(topic).length === 0) continue;
          const tfMs = TIMEFRAME_MS[tf];
          const open = Math.floor(t.timestamp / tfMs) * tfMs;
          const c = this.engine.candleRange(key, tf, open, open + 1)[0];
          if (c) this.#publish(topic, { topic, data: [[String(c.openTime), c.open, c.high, c.low, c.close, c.volume]] });
        }
      },
      ticker: (key) => this.#publish(`tickers.${this.topicId(key)}`, { topic: `tickers.${this.topicId(key)}`, data: this.ticker(key) }),
      order: (accountId, o) => {
        this.#private(accountId, 'order', this.order(o));
        this.#accountState(accountId);
      },
      fill: (accountId, f) => {
        this.#private(accountId, 'execution', this.#fill(f));
        this.#accountState(accountId);
      },
    });
    // The venue drops sockets that stay silent for longer than its idle timeout.
    this.#idleTimer = setInterval(() => {
      const now = Date.now();
      for (const c of this.conns) if (!c.closedAt && !c.refused && now - c.lastSeen > (this.limits.idleTimeoutMs ?? Infinity)) this.#closeConn(c, 'idle');
    }, 50);
    this.#idleTimer.unref();
  }

  dispose(): void {
    clearInterval(this.#idleTimer);
    for (const c of this.conns) if (!c.closedAt) this.#closeConn(c, 'venue');
  }

  // ---- faults ------------------------------------------------------------------------------

  addFault(fault: VenueFault): void {
    const now = Date.now();
    if (fault.kind === 'clockSkew') {
      this.faults = this.faults.filter((f) => f.fault.kind !== 'clockSkew');
      this.engine.clockOffset = this.advanced + fault.offsetMs;
      this.faults.push({ fault });
      return;
    }
    if (fault.kind === 'resetConnections' && !fault.beforeAck) {
      for (const c of this.conns) if (!c.closedAt && !c.refused && (fault.scope === 'all' || c.scope === fault.scope)) this.#closeConn(c, 'fault');
      return;
    }
    const until = 'durationMs' in fault ? now + fault.durationMs : undefined;
    const times = 'times' in fault ? fault.times : undefined;
    this.faults.push({ fault, ...(until !== undefined && { until }), ...(times !== undefined && { times }) });
  }

  clearFaults(): void {
    this.faults = [];
    this.engine.clockOffset = this.advanced;
  }

  advanced = 0;

  #active<K extends VenueFault['kind']>(kind: K, match: (f: Extract<VenueFault, { kind: K }>) => boolean = () => true): Extract<VenueFault, { kind: K }> | undefined {
    const now = Date.now();
    this.faults = this.faults.filter((f) => (f.until === undefined || f.until > now) && (f.times === undefined || f.times > 0));
    const hit = this.faults.find((f) => f.fault.kind === kind && match(f.fault as Extract<VenueFault, { kind: K }>));
    return hit?.fault as Extract<VenueFault, { kind: K }> | undefined;
  }

  /** Consumes one use of a one-shot (or counted) fault. */
  #consume(fault: VenueFault, oneShot: boolean): void {
    const f = this.faults.find((x) => x.fault === fault);
    if (!f) return;
    if (f.times !== undefined) f.times--;
    else if (oneShot) this.faults = this.faults.filter((x) => x !== f);
  }

  #windowEnd(kind: VenueFault['kind']): number {
    return this.faults.find((f) => f.fault.kind === kind)?.until ?? Date.now();
  }

  // ---- wire rendering ----------------------------------------------------------------------

  /** A time on the wire, in the unit a `timestampUnit` fault sets. */
  stamp(ms: number, sub = 0): string {
    const unit = this.#active('timestampUnit')?.unit ?? 'ms';
    const big = BigInt(ms);
    switch (unit) {
      case 's':
        return String(big / 1000n);
      case 'us':
        return String(big * 1000n + BigInt(Math.floor(sub / 1000)));
      case 'ns':
        return String(big * 1_000_000n + BigInt(sub));
      default:
        return String(big);
    }
  }

  topicId(key: string): string {
    const i = this.engine.instrument(key);
    return `${i.type === 'spot' ? 'spot' : 'linear'}.${i.nativeId}`;
  }

  contracts(key: string, base: string): string {
    return D(base).div(this.engine.instrument(key).contractSize).toFixed();
  }

  ticker(key: string): Record<string, string | undefined> {
    const book = this.engine.book(key);
    const bid = book.top('bid');
    const ask = book.top('ask');
    const p = this.engine.prices.get(key) ?? {};
    const st = this.engine.stats(key);
    return {
      symbol: this.engine.instrument(key).nativeId,
      bid1Price: bid?.price.toFixed(),
      bid1Size: bid && this.contracts(key, bid.size.toFixed()),
      ask1Price: ask?.price.toFixed(),
      ask1Size: ask && this.contracts(key, ask.size.toFixed()),
      lastPrice: p.last?.toFixed(),
      markPrice: (p.mark ?? p.last)?.toFixed(),
      highPrice24h: st.high?.toFixed(),
      lowPrice24h: st.low?.toFixed(),
      volume24h: st.base.toFixed(),
      turnover24h: st.quote.toFixed(),
      ts: this.stamp(this.engine.now()),
    };
  }

  #trade(t: { id: string; price: string; size: string; side: 'buy' | 'sell'; timestamp: number }): Record<string, string> {
    return { id: t.id, price: t.price, size: t.size, side: t.side === 'buy' ? 'Buy' : 'Sell', ts: this.stamp(t.timestamp, this.subMs.get(t.id) ?? 0) };
  }

  order(o: Order): Record<string, string | boolean | undefined> {
    const key = this.engine.keyOf(o.nativeId);
    return {
      orderId: o.id,
      orderLinkId: o.clientOrderId,
      symbol: o.nativeId,
      side: o.side === 'buy' ? 'Buy' : 'Sell',
      orderType: o.type === 'limit' ? 'Limit' : 'Market',
      timeInForce: TIF_WIRE[o.tif],
      orderStatus: o.status === 'open' && o.filled.gt(0) ? 'PartiallyFilled' : STATUS_WIRE[o.status],
      price: o.price?.toFixed(),
      qty: this.contracts(key, o.amount.toFixed()),
      cumExecQty: this.contracts(key, o.filled.toFixed()),
      cumExecValue: o.cost.toFixed(),
      cumExecFee: o.fee.toFixed(),
      feeCurrency: this.engine.settleOf(key),
      reduceOnly: o.reduceOnly,
      triggerPrice: o.triggerPrice?.toFixed(),
      triggerBy: o.triggerRef === undefined ? undefined : o.triggerRef === 'mark' ? 'MarkPrice' : 'LastPrice',
      createdTime: this.stamp(o.createdAt),
      updatedTime: this.stamp(o.updatedAt),
    };
  }

  #fill(f: { id: string; orderId: string; nativeId: string; side: 'buy' | 'sell'; price: string; size: string; fee: string; feeCurrency: string; liquidity: 'maker' | 'taker'; timestamp: number }): Record<string, string | boolean | undefined> {
    const key = this.engine.keyOf(f.nativeId);
    const o = [...this.engine.accounts.values()].map((a) => a.orders.get(f.orderId)).find(Boolean);
    return {
      execId: f.id,
      orderId: f.orderId,
      orderLinkId: o?.clientOrderId,
      symbol: f.nativeId,
      side: f.side === 'buy' ? 'Buy' : 'Sell',
      execPrice: f.price,
      execQty: this.contracts(key, f.size),
      execValue: D(f.price).mul(f.size).toFixed(),
      execFee: f.fee,
      feeCurrency: f.feeCurrency,
      isMaker: f.liquidity === 'maker',
      execTime: this.stamp(f.timestamp),
    };
  }

  // ---- REST --------------------------------------------------------------------------------

  async request(req: WireRequest, signal?: AbortSignal): Promise<WireResponse> {
    await Promise.resolve();
    if (this.#active('refuseConnections', (f) => f.scope !== 'ws')) throw new WireError('refused');
    const op = ROUTES[`${req.method} ${req.path}`] ?? 'other';
    const apiKey = req.headers['x-key'];
    const signature = req.headers['x-sign'];
    const record: { -readonly [K in keyof ReceivedRequest]: ReceivedRequest[K] } = {
      seq: ++this.#seq,
      at: this.engine.now(),
      method: req.method,
      path: req.path,
      operation: op,
      params: { ...req.params },
      ...(apiKey !== undefined && { apiKey }),
      ...(signature !== undefined && { signature }),
      ...((op === 'placeOrder' || op === 'amendOrder') && { order: this.#orderParams(req.params) }),
    };
    this.requests.push(record);
    const answer = (status: number, body: unknown, rejected?: VenueRejection, code?: number | string): WireResponse => {
      if (rejected) record.rejected = rejected;
      if (code !== undefined && rejected) record.code = code;
      return { status, body: typeof body === 'string' ? body : JSON.stringify(body) };
    };
    const delay = this.#active('delayResponses');
    if (delay) await abortableSleep(delay.delayMs, signal);
    if (this.#active('rateLimitWindow')) {
      const w = this.#active('rateLimitWindow')!;
      const retryAfterMs = Math.max(0, this.#windowEnd('rateLimitWindow') - Date.now());
      return answer(429, { code: ERROR_CODES.rateLimit, msg: 'too many requests', ...(w.retryAfter && { retryAfterMs }) }, 'rateLimit', ERROR_CODES.rateLimit);
    }
    const down = this.#active('unavailableWindow');
    if (down) {
      return down.maintenance
        ? answer(503, { code: ERROR_CODES.unavailable, msg: 'system maintenance' }, 'unavailable', ERROR_CODES.unavailable)
        : answer(503, '<html><body><h1>503 Service Unavailable</h1></body></html>', 'unavailable');
    }
    const malformed = this.#active('malformedResponse', (f) => f.operation === undefined || f.operation === op);
    if (malformed?.variant === 'html502') {
      this.#consume(malformed, false);
      return answer(502, '<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>', 'unavailable');
    }
    const injected = this.#active('errorCode', (f) => f.operation === undefined || f.operation === op);
    if (injected) {
      this.#consume(injected, false);
      return answer(200, { code: injected.code, msg: injected.message ?? `injected error ${injected.code}` }, 'injected', injected.code);
    }
    let account: Account | undefined;
    if (!PUBLIC_OPS.has(op)) {
      const info = apiKey ? this.keys.get(apiKey) : undefined;
      if (!info) return answer(200, { code: ERROR_CODES.invalidKey, msg: 'api key invalid' }, 'authentication', ERROR_CODES.invalidKey);
      const ts = req.headers['x-ts'] ?? '';
      if (signature !== sign(info.secret, restPayload(ts, apiKey!, req.method, req.path, req.params))) {
        return answer(200, { code: ERROR_CODES.badSignature, msg: 'error sign' }, 'authentication', ERROR_CODES.badSignature);
      }
      const now = this.engine.now();
      const t = Number(ts);
      if (!(t >= now - (this.limits.receiveWindowMs ?? 5_000) && t <= now + 1_000)) {
        return answer(200, { code: ERROR_CODES.timestamp, msg: `timestamp ${ts} outside the receive window (server ${now})` }, 'timestamp', ERROR_CODES.timestamp);
      }
      if (!READ_OPS.has(op) && !info.permissions.includes('trade')) return answer(200, { code: ERROR_CODES.permission, msg: 'permission denied' }, 'permission', ERROR_CODES.permission);
      account = this.engine.account(info.accountId);
    }
    let result: unknown;
    try {
      result = this.#handle(op, req.params, account);
    } catch (e) {
      if (e instanceof EngineError) {
        const [code, rejected] = ENGINE_CODES[e.reason];
        return answer(200, { code, msg: e.message }, rejected, code);
      }
      if (e instanceof NotModified) return answer(200, { code: ERROR_CODES.notModified, msg: 'leverage not modified' }, 'other', ERROR_CODES.notModified);
      throw e;
    }
    const drop = this.#active('dropResponse', (f) => f.operation === op);
    if (drop) {
      this.#consume(drop, true);
      throw new WireError('reset');
    }
    const body = { code: 0, msg: 'OK', time: this.stamp(this.engine.now()), result };
    if (malformed) {
      this.#consume(malformed, false);
      return answer(200, corrupt(body, malformed.variant));
    }
    return answer(200, body);
  }

  #orderParams(p: Readonly<Record<string, string>>): ReceivedOrderParams {
    return {
      nativeId: p.symbol ?? '',
      ...(p.side !== undefined && { side: p.side === 'Buy' ? ('buy' as const) : ('sell' as const) }),
      ...(p.price !== undefined && { price: p.price }),
      ...(p.qty !== undefined && { quantity: p.qty }),
      ...(p.orderLinkId !== undefined && { clientOrderId: p.orderLinkId }),
    };
  }

  /** Instrument key from wire params (category disambiguates shared native ids). */
  #key(p: Readonly<Record<string, string>>): string {
    const id = p.symbol ?? '';
    const typed = `${p.category === 'spot' ? 'spot' : 'swap'}:${id}`;
    if (this.engine.instruments.has(typed)) return typed;
    if (this.engine.instruments.has(id)) return id;
    throw new EngineError('badSymbol', `unknown symbol ${id}`);
  }

  #handle(op: VenueOperation, p: Readonly<Record<string, string>>, a: Account | undefined): unknown {
    const e = this.engine;
    switch (op) {
      case 'loadMarkets':
        return {
          list: [...e.instruments.values()].map((i) => ({
            symbol: i.nativeId,
            category: i.type === 'spot' ? 'spot' : 'linear',
            baseCoin: i.base,
            quoteCoin: i.quote,
            settleCoin: i.settle,
            status: i.status === 'trading' ? 'Trading' : 'Halted',
            tickSize: i.tickSize,
            qtyStep: D(i.stepSize).div(i.contractSize).toFixed(),
            minQty: D(i.minQty).div(i.contractSize).toFixed(),
            minNotional: i.minNotional,
            contractSize: i.contractSize,
            maxLeverage: i.maxLeverage,
            makerFee: i.makerFee,
            takerFee: i.takerFee,
          })),
        };
      case 'fetchServerTime':
        return { timeMs: this.stamp(e.now()) };
      case 'fetchTicker':
        return this.ticker(this.#key(p));
      case 'fetchTickers': {
        const wanted = p.symbols ? p.symbols.split(',') : undefined;
        return { list: [...e.instruments.keys()].filter((k) => !wanted || wanted.includes(e.instrument(k).nativeId)).map((k) => ({ ...this.ticker(k), category: e.instrument(k).type === 'spot' ? 'spot' : 'linear' })) };
      }
      case 'fetchOrderBook': {
        const key = this.#key(p);
        const limit = Number(p.limit ?? 50);
        if (![1, 5, 10, 20, 50].includes(limit)) throw new EngineError('invalidOrder', `limit ${limit} not offered`);
        const snap = e.book(key).snapshot(limit);
        return { s: e.instrument(key).nativeId, b: snap.bids.map(([px, sz]) => [px, this.contracts(key, sz)]), a: snap.asks.map(([px, sz]) => [px, this.contracts(key, sz)]), seq: this.#bookSeq.get(key) ?? 0, ts: this.stamp(e.now()) };
      }
      case 'fetchCandles': {
        const key = this.#key(p);
        const tf = (p.interval ?? '1m') as '1m';
        const limit = Math.min(Number(p.limit ?? 100), 100);
        const list = e.candleRange(key, tf, Number(p.start ?? 0), Number(p.end ?? e.now()) + 1);
        // Newest first, the most recent `limit` of the range.
        return { list: list.slice(-limit).reverse().map((c) => [String(c.openTime), c.open, c.high, c.low, c.close, c.volume]) };
      }
      case 'fetchTrades': {
        const key = this.#key(p);
        const limit = Number(p.limit ?? 50);
        return { list: (e.tapes.get(key) ?? []).slice(-limit).reverse().map((t) => this.#trade(t)) };
      }
      case 'fetchBalances':
        return { list: Object.entries(e.balances(a!)).map(([coin, b]) => ({ coin, walletBalance: b.total, available: b.free, locked: b.used })) };
      case 'fetchPositions': {
        const wanted = p.symbol ? p.symbol.split(',') : undefined;
        return {
          list: [...a!.positions.entries()]
            .filter(([k, pos]) => !pos.size.isZero() && (!wanted || wanted.includes(e.instrument(k).nativeId)))
            .map(([k]) => this.#position(a!, k)),
        };
      }
      case 'setLeverage': {
        const key = this.#key(p);
        const lev = D(p.leverage ?? '0');
        const max = e.instrument(key).maxLeverage;
        if (!lev.gt(0) || (max && lev.gt(max))) throw new EngineError('invalidOrder', 'leverage out of range');
        if (a!.leverage.get(key)?.eq(lev)) throw new NotModified();
        a!.leverage.set(key, lev);
        return {};
      }
      case 'placeOrder': {
        const key = this.#key(p);
        const cs = e.instrument(key).contractSize;
        const o = e.place(a!, key, {
          side: p.side === 'Buy' ? 'buy' : 'sell',
          type: p.orderType === 'Market' ? 'market' : 'limit',
          tif: p.timeInForce === 'IOC' ? 'ioc' : p.timeInForce === 'FOK' ? 'fok' : p.timeInForce === 'PostOnly' ? 'post_only' : 'gtc',
          ...(p.price !== undefined && { price: D(p.price) }),
          amount: D(p.qty ?? '0').mul(cs),
          reduceOnly: p.reduceOnly === 'true',
          ...(p.orderLinkId !== undefined && { clientOrderId: p.orderLinkId }),
          ...(p.triggerPrice !== undefined && {
            triggerPrice: D(p.triggerPrice),
            triggerRef: p.triggerBy === 'MarkPrice' ? ('mark' as const) : ('last' as const),
            ...(p.triggerDirection !== undefined && { triggerDir: p.triggerDirection === '1' ? ('up' as const) : ('down' as const) }),
          }),
        });
        return this.order(o);
      }
      case 'amendOrder': {
        const key = this.#key(p);
        const cs = e.instrument(key).contractSize;
        return this.order(e.amend(a!, key, ref(p), { ...(p.price !== undefined && { price: D(p.price) }), ...(p.qty !== undefined && { amount: D(p.qty).mul(cs) }) }));
      }
      case 'cancelOrder':
        return this.order(e.cancel(a!, this.#key(p), ref(p)));
      case 'cancelAllOrders': {
        const key = this.#key(p);
        const nativeId = e.instrument(key).nativeId;
        const open = [...a!.orders.values()].filter((o) => o.nativeId === nativeId && (o.status === 'open' || o.status === 'untriggered'));
        return { list: open.map((o) => ({ orderId: e.cancel(a!, key, { id: o.id }).id })) };
      }
      case 'fetchOrder':
        return this.order(e.find(a!, this.#key(p), ref(p)));
      case 'fetchOpenOrders':
      case 'fetchOrderHistory': {
        const key = p.symbol ? this.#key(p) : undefined;
        const nativeId = key ? e.instrument(key).nativeId : undefined;
        const open = op === 'fetchOpenOrders';
        const since = Number(p.start ?? 0);
        const list = [...a!.orders.values()]
          .filter((o) => {
            const live = o.status === 'open' || o.status === 'untriggered';
            return (!nativeId || o.nativeId === nativeId) && (open ? live : !live && o.createdAt >= since);
          })
          .sort((x, y) => y.createdAt - x.createdAt);
        return { list: list.slice(0, Number(p.limit ?? 50)).map((o) => this.order(o)) };
      }
      case 'fetchFills': {
        const key = p.symbol ? this.#key(p) : undefined;
        const nativeId = key ? e.instrument(key).nativeId : undefined;
        const since = Number(p.start ?? 0);
        const list = a!.fills.filter((f) => (!nativeId || f.nativeId === nativeId) && f.timestamp >= since).reverse();
        return { list: list.slice(0, Number(p.limit ?? 100)).map((f) => this.#fill(f)) };
      }
      default:
        throw new EngineError('invalidOrder', 'unknown endpoint');
    }
  }

  // ---- sockets -----------------------------------------------------------------------------

  connect(scope: 'public' | 'private', handlers: SocketHandlers): ClientSocket {
    const now = this.engine.now();
    const conn: Conn = { id: `c${++this.#connSeq}`, scope, openedAt: now, heartbeats: [], authAttempts: [], topics: new Set(), lastSeen: Date.now() };
    this.conns.push(conn);
    if (this.#active('refuseConnections', (f) => f.scope !== 'rest')) {
      conn.refused = true;
      throw new WireError('refused');
    }
    conn.handlers = handlers;
    return {
      send: (text) => queueMicrotask(() => this.#onClientMessage(conn, text)),
      close: () => {
        if (!conn.closedAt) {
          conn.closedAt = this.engine.now();
          conn.closedBy = 'client';
          conn.topics.clear();
        }
      },
    };
  }

  #closeConn(c: Conn, by: NonNullable<Conn['closedBy']>): void {
    if (c.closedAt) return;
    c.closedAt = this.engine.now();
    c.closedBy = by;
    c.topics.clear();
    const h = c.handlers;
    queueMicrotask(() => h?.onClose(by));
  }

  #send(c: Conn, payload: unknown): void {
    if (c.closedAt || !c.handlers) return;
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const h = c.handlers;
    queueMicrotask(() => {
      if (!c.closedAt) h.onMessage(text);
    });
  }

  #onClientMessage(c: Conn, text: string): void {
    if (c.closedAt) return;
    c.lastSeen = Date.now();
    const msg = JSON.parse(text) as { op: string; args?: string[]; apiKey?: string; expires?: string; signature?: string; reqId?: string };
    if (msg.op === 'ping') {
      c.heartbeats.push(this.engine.now());
      return this.#send(c, { op: 'pong' });
    }
    if (msg.op === 'auth') {
      const info = msg.apiKey ? this.keys.get(msg.apiKey) : undefined;
      const ok = !!info && msg.signature === sign(info.secret, `GET/realtime${msg.expires ?? ''}`);
      c.authAttempts.push({ at: this.engine.now(), ok });
      if (ok) c.accountId = info.accountId;
      return this.#send(c, { op: 'auth', success: ok, retMsg: ok ? '' : 'invalid signature', reqId: msg.reqId });
    }
    if (msg.op === 'subscribe' || msg.op === 'unsubscribe') {
      const reset = this.#active('resetConnections', (f) => f.beforeAck === true && (f.scope === 'all' || f.scope === c.scope));
      if (msg.op === 'subscribe' && reset) {
        this.#consume(reset, true);
        return this.#closeConn(c, 'fault');
      }
      for (const topic of msg.args ?? []) {
        if (msg.op === 'unsubscribe') {
          c.topics.delete(topic);
          this.#send(c, { op: 'unsubscribe', success: true, topic, reqId: msg.reqId });
          continue;
        }
        const problem = this.#topicProblem(c, topic);
        if (problem) {
          this.#send(c, { op: 'subscribe', success: false, topic, retMsg: problem, reqId: msg.reqId });
          continue;
        }
        c.topics.add(topic);
        this.#send(c, { op: 'subscribe', success: true, topic, reqId: msg.reqId });
        this.#initial(c, topic);
      }
    }
  }

  #topicProblem(c: Conn, topic: string): string | undefined {
    if ((this.limits.topicsPerConnection ?? Infinity) <= c.topics.size) return 'too many topics on this connection';
    const parts = topic.split('.');
    const kind = parts[0] ?? '';
    if (['order', 'execution', 'position', 'wallet'].includes(kind)) return c.accountId ? undefined : 'not authenticated';
    const [category, id] = kind === 'kline' ? parts.slice(2) : parts.slice(1);
    if (kind === 'kline' && !['1m', '5m', '1h'].includes(parts[1] ?? '')) return `unknown topic ${topic}`;
    const key = category === 'spot' ? `spot:${id}` : this.engine.instruments.has(`swap:${id}`) ? `swap:${id}` : (id ?? '');
    return this.engine.instruments.has(key) && ['tickers', 'orderbook', 'trades', 'kline'].includes(kind) ? undefined : `unknown topic ${topic}`;
  }

  /** Snapshot on subscribe (book, ticker). */
  #initial(c: Conn, topic: string): void {
    const [kind, category, id] = topic.split('.');
    if (kind === 'position' || kind === 'wallet') return void queueMicrotask(() => c.accountId && this.#accountState(c.accountId));
    if (kind !== 'orderbook' && kind !== 'tickers') return;
    const key = category === 'spot' ? `spot:${id}` : this.engine.instruments.has(`swap:${id}`) ? `swap:${id}` : (id ?? '');
    if (kind === 'orderbook') this.#send(c, this.#bookSnapshot(key));
    if (kind === 'tickers') this.#send(c, { topic, data: this.ticker(key) });
  }

  #bookSnapshot(key: string): unknown {
    const snap = this.engine.book(key).snapshot(10_000);
    const conv = (l: readonly (readonly [string, string])[]): string[][] => l.map(([p, s]) => [p, this.contracts(key, s)]);
    return { topic: `orderbook.${this.topicId(key)}`, type: 'snapshot', seq: this.#bookSeq.get(key) ?? 0, ts: this.stamp(this.engine.now()), data: { b: conv(snap.bids), a: conv(snap.asks) } };
  }

  #subscribers(topic: string): Conn[] {
    return this.conns.filter((c) => !c.closedAt && c.topics.has(topic));
  }

  #publish(topic: string, payload: unknown): void {
    const subs = this.#subscribers(topic);
    if (subs.length === 0) return;
    const bad = this.#active('malformedFrame', (f) => f.stream === undefined || topic.startsWith(NATIVE_STREAM[f.stream] ?? '?'));
    if (bad) {
      this.#consume(bad, true);
      for (const c of subs) this.#send(c, `{"topic":"${topic}","data":[{"price":`);
    }
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    for (const c of subs) this.#send(c, text);
  }

  #publishBook(key: string, changes: ReadonlyArray<{ side: BookSide; price: string; size: string }>, snapshot: boolean): void {
    const seq = (this.#bookSeq.get(key) ?? 0) + 1;
    this.#bookSeq.set(key, seq);
    const topic = `orderbook.${this.topicId(key)}`;
    if (snapshot) return this.#publish(topic, this.#bookSnapshot(key));
    const nativeId = this.engine.instrument(key).nativeId;
    const side = (s: BookSide): string[][] => changes.filter((c) => c.side === s).map((c) => [c.price, this.contracts(key, c.size)]);
    const frame = { topic, type: 'delta', seq, ts: this.stamp(this.engine.now()), data: { b: side('bid'), a: side('ask') } };
    const text = JSON.stringify(frame);
    const previous = this.#lastDelta.get(key);
    this.#lastDelta.set(key, text);
    const gap = this.#active('sequenceGap', (f) => f.nativeId === nativeId || f.nativeId === key);
    if (gap) {
      this.#consume(gap, true);
      return;
    }
    const dup = this.#active('duplicateFrames', (f) => f.nativeId === nativeId || f.nativeId === key);
    if (dup) {
      this.#consume(dup, true);
      if (previous) this.#publish(topic, previous);
      this.#publish(topic, text);
    }
    const crossed = this.#active('crossedBook', (f) => f.nativeId === nativeId || f.nativeId === key);
    if (crossed) {
      this.#consume(crossed, true);
      const ask = this.engine.book(key).top('ask');
      if (ask) frame.data.b.push([ask.price.plus(this.engine.instrument(key).tickSize).toFixed(), '1']);
      return this.#publish(topic, frame);
    }
    this.#publish(topic, text);
  }

  #private(accountId: string, kind: 'order' | 'execution', data: unknown): void {
    const conns = this.conns.filter((c) => !c.closedAt && c.accountId === accountId && c.topics.has(kind));
    const lose = this.#active('loseEvents', (f) => f.events.includes(kind === 'order' ? 'order' : 'fill'));
    if (lose) {
      const left = lose.events.filter((x) => x !== (kind === 'order' ? 'order' : 'fill'));
      this.faults = this.faults.filter((f) => f.fault !== lose);
      if (left.length > 0) this.faults.push({ fault: { kind: 'loseEvents', events: left } });
      return;
    }
    if (conns.length === 0) return;
    const text = JSON.stringify({ topic: kind, data: [data] });
    const reorder = this.#active('reorderFrames', (f) => (f.stream === 'orders' ? 'order' : 'execution') === kind);
    if (reorder) {
      const held = this.#held.get(`${accountId}|${kind}`);
      if (!held) {
        this.#held.set(`${accountId}|${kind}`, text);
        return;
      }
      this.#held.delete(`${accountId}|${kind}`);
      this.#consume(reorder, true);
      for (const c of conns) {
        this.#send(c, text);
        this.#send(c, held);
      }
      return;
    }
    const dup = this.#active('duplicateEvents');
    for (const c of conns) this.#send(c, text);
    if (dup) {
      for (const c of conns) this.#send(c, text);
      const f = this.faults.find((x) => x.fault === dup);
      if (f) f.times = (f.times ?? dup.count) - 1;
    }
  }

  /** Position and wallet snapshots of an account, for its position/wallet subscribers. */
  #accountState(accountId: string): void {
    const conns = (kind: string): Conn[] => this.conns.filter((c) => !c.closedAt && c.accountId === accountId && c.topics.has(kind));
    const a = this.engine.account(accountId);
    const positions = conns('position');
    if (positions.length > 0) {
      const list = [...a.positions.keys()].map((k) => this.#position(a, k));
      for (const c of positions) this.#send(c, { topic: 'position', data: list });
    }
    const wallets = conns('wallet');
    if (wallets.length > 0) {
      const list = Object.entries(this.engine.balances(a)).map(([coin, b]) => ({ coin, walletBalance: b.total, available: b.free, locked: b.used }));
      for (const c of wallets) this.#send(c, { topic: 'wallet', data: list });
    }
  }

  #position(a: Account, k: string): Record<string, string> {
    const e = this.engine;
    const pos = a.positions.get(k)!;
    const mark = e.prices.get(k)?.mark ?? e.prices.get(k)?.last ?? pos.entry;
    return {
      symbol: e.instrument(k).nativeId,
      category: 'linear',
      size: this.contracts(k, pos.size.toFixed()),
      avgPrice: pos.entry.toFixed(),
      markPrice: mark.toFixed(),
      unrealisedPnl: mark.minus(pos.entry).mul(pos.size).toFixed(),
      cumRealisedPnl: pos.realized.toFixed(),
      leverage: e.leverage(a, k).toFixed(),
      updatedTime: this.stamp(e.now()),
    };
  }

  subscriptionCount(topic: VenueTopic): number {
    const PRIVATE: Partial<Record<VenueTopic['stream'], string>> = { orders: 'order', fills: 'execution', positions: 'position', balances: 'wallet' };
    const native =
      topic.nativeId === undefined
        ? (PRIVATE[topic.stream] ?? topic.stream)
        : topic.stream === 'candles'
          ? `kline.${topic.timeframe ?? '1m'}.${this.topicId(this.resolveKey(topic.nativeId))}`
          : `${NATIVE_STREAM[topic.stream] ?? topic.stream}.${this.topicId(this.resolveKey(topic.nativeId))}`;
    return this.conns.filter((c) => !c.closedAt && c.topics.has(native)).length;
  }

  /** A control reference (`BTCUSDT` or `swap:ETHUSDT`) to the engine key. */
  resolveKey(ref: string): string {
    if (this.engine.instruments.has(ref)) return ref;
    const swap = `swap:${ref}`;
    if (this.engine.instruments.has(swap)) return swap;
    throw new Error(`unknown instrument ${ref}`);
  }

  connections(): VenueConnection[] {
    return this.conns.map((c) => ({
      id: c.id,
      scope: c.scope,
      openedAt: c.openedAt,
      ...(c.refused && { refused: true }),
      ...(c.closedAt !== undefined && { closedAt: c.closedAt }),
      ...(c.closedBy !== undefined && { closedBy: c.closedBy }),
      heartbeats: [...c.heartbeats],
      authAttempts: [...c.authAttempts],
    }));
  }
}

const NATIVE_STREAM: Partial<Record<VenueTopic['stream'], string>> = { ticker: 'tickers', orderBook: 'orderbook', trades: 'trades' };

class NotModified extends Error {}

function ref(p: Readonly<Record<string, string>>): { id?: string; clientOrderId?: string } {
  return p.orderId ? { id: p.orderId } : { ...(p.orderLinkId !== undefined && { clientOrderId: p.orderLinkId }) };
}

function corrupt(body: { result: unknown }, variant: 'invalidJson' | 'missingField' | 'unknownEnum' | 'html502'): string {
  const text = JSON.stringify(body);
  if (variant === 'invalidJson') return text.slice(0, Math.floor(text.length / 2));
  const copy = JSON.parse(text) as { result: Record<string, unknown> & { list?: Array<Record<string, unknown>> } };
  const target = copy.result.list?.[0] ?? copy.result;
  if (variant === 'missingField') {
    const field = ['symbol', 'orderId', 'coin', 'id'].find((f) => f in target) ?? Object.keys(target)[0];
    if (field) delete target[field];
  } else {
    for (const f of ['side', 'orderStatus', 'timeInForce']) if (f in target) target[f] = 'Sideways';
  }
  return JSON.stringify(copy);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new WireError('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    // A client that gives up (timeout, close) cuts the connection: the server stops waiting too.
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new WireError('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
