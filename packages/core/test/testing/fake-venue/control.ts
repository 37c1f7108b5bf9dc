/** The fake venue as the kit drives it: VenueControl over the engine and server. */
import { randomBytes } from 'node:crypto';
import type { Timeframe } from '../../../src/models/enums.js';
import type {
  LevelInput,
  ReceivedRequest,
  VenueAccount,
  VenueBook,
  VenueCandle,
  VenueConnection,
  VenueControl,
  VenueCredentials,
  VenueFault,
  VenueFaultKind,
  VenueFill,
  VenueInstrument,
  VenueLimits,
  VenueOrder,
  VenueTopic,
  VenueTrade,
} from '../../../src/testing/venue-control.js';
import { D } from './engine.js';
import { DEFAULT_KEY, FakeServer } from './server.js';

export const ALL_FAKE_FAULTS: readonly VenueFaultKind[] = [
  'sequenceGap',
  'duplicateFrames',
  'crossedBook',
  'reorderFrames',
  'resetConnections',
  'refuseConnections',
  'clockSkew',
  'rateLimitWindow',
  'unavailableWindow',
  'delayResponses',
  'dropResponse',
  'malformedResponse',
  'malformedFrame',
  'loseEvents',
  'duplicateEvents',
  'errorCode',
  'timestampUnit',
];

const DEFAULT_INSTRUMENTS: ReadonlyArray<[key: string, VenueInstrument]> = [
  ['BTCUSDT', { nativeId: 'BTCUSDT', type: 'swap', base: 'BTC', quote: 'USDT', settle: 'USDT', tickSize: '0.1', stepSize: '0.001', minQty: '0.001', minNotional: '5', contractSize: '1', maxLeverage: '100', makerFee: '0.0002', takerFee: '0.00055' }],
  ['swap:ETHUSDT', { nativeId: 'ETHUSDT', type: 'swap', base: 'ETH', quote: 'USDT', settle: 'USDT', tickSize: '0.01', stepSize: '0.01', minQty: '0.01', minNotional: '5', contractSize: '1', maxLeverage: '50', makerFee: '0.0002', takerFee: '0.00055' }],
  // Shares its native id with the perpetual: the adapter must treat ETHUSDT as ambiguous.
  ['spot:ETHUSDT', { nativeId: 'ETHUSDT', type: 'spot', base: 'ETH', quote: 'USDT', tickSize: '0.01', stepSize: '0.0001', minQty: '0.0001', minNotional: '1', contractSize: '1', makerFee: '0.001', takerFee: '0.001' }],
];

export interface FakeVenueOptions {
  /** Fault kinds this venue offers (default: all it can do). */
  readonly faults?: readonly VenueFaultKind[];
}

export class FakeVenue implements VenueControl {
  readonly faults: readonly VenueFaultKind[];
  server: FakeServer;
  #background?: NodeJS.Timeout;
  #tick = 0;

  constructor(options: FakeVenueOptions = {}) {
    this.faults = options.faults ?? ALL_FAKE_FAULTS;
    this.server = this.#fresh();
  }

  #fresh(): FakeServer {
    const server = new FakeServer();
    const e = server.engine;
    for (const [key, inst] of DEFAULT_INSTRUMENTS) {
      e.addInstrument(inst, key);
      if (inst.type === 'spot') continue;
      const mid = D(100);
      const tick = D(inst.tickSize);
      e.seedHistory(key, 700, mid);
      e.prices.set(key, { last: mid, mark: mid });
      e.seedBook(
        key,
        Array.from({ length: 10 }, (_, i) => [mid.minus(tick.mul(i + 1)).toFixed(), D(inst.stepSize).mul(100 * (i + 1)).toFixed()] as const),
        Array.from({ length: 10 }, (_, i) => [mid.plus(tick.mul(i + 1)).toFixed(), D(inst.stepSize).mul(100 * (i + 1)).toFixed()] as const),
      );
      for (let i = 0; i < 5; i++) e.print(key, mid.plus(tick.mul(i % 2)), D(inst.stepSize).mul(10), i % 2 ? 'buy' : 'sell');
    }
    server.keys.set(DEFAULT_KEY.apiKey, { secret: DEFAULT_KEY.apiSecret, accountId: 'main', permissions: ['read', 'trade'] });
    e.account('main').wallet.set('USDT', D(100_000));
    return server;
  }

  /** Stops every timer (call once the tests are done). */
  dispose(): void {
    this.#stopBackground();
    this.server.dispose();
  }

  #startBackground(): void {
    if (this.#background) return;
    // Background market activity: prints near the last price and nudges deep levels.
    this.#background = setInterval(() => {
      const e = this.server.engine;
      this.#tick++;
      for (const [key, inst] of DEFAULT_INSTRUMENTS) {
        if (inst.type === 'spot') continue;
        const last = e.prices.get(key)?.last ?? D(100);
        e.print(key, last, D(inst.stepSize).mul(1 + (this.#tick % 5)), this.#tick % 2 ? 'buy' : 'sell');
      }
    }, 40);
    this.#background.unref();
  }

  #stopBackground(): void {
    clearInterval(this.#background);
    this.#background = undefined;
  }

  #key(ref: string): string {
    return this.server.resolveKey(ref);
  }

  async reset(): Promise<void> {
    this.#stopBackground();
    this.server.dispose();
    this.server = this.#fresh();
    this.#startBackground();
  }

  async freeze(frozen: boolean): Promise<void> {
    if (frozen) this.#stopBackground();
    else this.#startBackground();
  }

  async now(): Promise<number> {
    return this.server.engine.now();
  }

  async advanceClock(ms: number): Promise<void> {
    this.server.advanced += ms;
    this.server.engine.clockOffset += ms;
  }

  async limits(): Promise<VenueLimits> {
    return this.server.limits;
  }

  async instruments(): Promise<readonly VenueInstrument[]> {
    return [...this.server.engine.instruments.values()].map((i) => ({ ...i }));
  }

  async addInstrument(instrument: VenueInstrument): Promise<void> {
    const e = this.server.engine;
    const clash = [...e.instruments.values()].some((i) => i.nativeId === instrument.nativeId);
    if (clash) throw new Error(`native id ${instrument.nativeId} already listed`);
    e.addInstrument(instrument);
  }

  async setMarketStatus(nativeId: string, status: 'trading' | 'halted'): Promise<void> {
    this.server.engine.instrument(this.#key(nativeId)).status = status;
  }

  async seedBook(nativeId: string, book: { readonly bids: readonly LevelInput[]; readonly asks: readonly LevelInput[] }): Promise<void> {
    this.server.engine.seedBook(this.#key(nativeId), book.bids, book.asks);
  }

  async changeBook(nativeId: string, changes: ReadonlyArray<{ readonly side: 'bid' | 'ask'; readonly price: string; readonly size: string }>): Promise<void> {
    this.server.engine.changeBook(this.#key(nativeId), changes);
  }

  async book(nativeId: string, depth: number): Promise<VenueBook> {
    return this.server.engine.book(this.#key(nativeId)).snapshot(depth);
  }

  async printTrades(nativeId: string, trades: ReadonlyArray<{ readonly price: string; readonly size: string; readonly side: 'buy' | 'sell' }>): Promise<readonly VenueTrade[]> {
    const key = this.#key(nativeId);
    return trades.map((t) => {
      const v = this.server.engine.print(key, D(t.price), D(t.size), t.side);
      return { ...v, rawTimestamp: this.server.stamp(v.timestamp, this.server.subMs.get(v.id) ?? 0) };
    });
  }

  async crossBook(nativeId: string, order: { readonly side: 'buy' | 'sell'; readonly size: string; readonly limitPrice?: string }): Promise<ReadonlyArray<{ readonly price: string; readonly size: string }>> {
    return this.server.engine.crossBook(this.#key(nativeId), order.side, D(order.size), order.limitPrice === undefined ? undefined : D(order.limitPrice));
  }

  async tape(nativeId: string, limit: number): Promise<readonly VenueTrade[]> {
    return (this.server.engine.tapes.get(this.#key(nativeId)) ?? []).slice(-limit);
  }

  async candles(nativeId: string, timeframe: Timeframe, since: number, until: number): Promise<readonly VenueCandle[]> {
    return this.server.engine.candleRange(this.#key(nativeId), timeframe, since, until);
  }

  async setPrices(nativeId: string, prices: { readonly last?: string; readonly mark?: string }): Promise<void> {
    const key = this.#key(nativeId);
    const e = this.server.engine;
    const p = e.prices.get(key) ?? {};
    if (prices.last !== undefined) p.last = D(prices.last);
    if (prices.mark !== undefined) p.mark = D(prices.mark);
    e.prices.set(key, p);
    e.events.ticker(key);
    e.checkTriggers(key);
  }

  async setFunding(_enabled: boolean): Promise<void> {
    // The fake venue has no funding: nothing to switch.
  }

  async createApiKey(options: { readonly permissions: readonly ('read' | 'trade')[]; readonly freshAccount?: boolean; readonly wallet?: Readonly<Record<string, string>> }): Promise<VenueCredentials> {
    const apiKey = `k${randomBytes(6).toString('hex')}`;
    const apiSecret = randomBytes(16).toString('hex');
    const accountId = options.freshAccount ? `acct-${apiKey}` : 'main';
    const account = this.server.engine.account(accountId);
    if (options.freshAccount) for (const [cur, amount] of Object.entries(options.wallet ?? {})) account.wallet.set(cur, D(amount));
    this.server.keys.set(apiKey, { secret: apiSecret, accountId, permissions: options.permissions });
    return { apiKey, apiSecret };
  }

  #account(apiKey?: string): ReturnType<FakeServer['engine']['account']> {
    const id = apiKey === undefined ? 'main' : this.server.keys.get(apiKey)?.accountId;
    if (!id) throw new Error(`unknown key ${apiKey ?? ''}`);
    return this.server.engine.account(id);
  }

  async account(apiKey?: string): Promise<VenueAccount> {
    const e = this.server.engine;
    const a = this.#account(apiKey);
    const leverage: Record<string, string> = {};
    for (const [key, i] of e.instruments) if (i.type !== 'spot') leverage[i.nativeId] = e.leverage(a, key).toFixed();
    return {
      balances: e.balances(a),
      positions: [...a.positions.entries()].filter(([, p]) => !p.size.isZero()).map(([key, p]) => ({ nativeId: e.instrument(key).nativeId, size: p.size.toFixed(), entryPrice: p.entry.toFixed(), realizedPnl: p.realized.toFixed() })),
      leverage,
    };
  }

  async orders(query: { readonly apiKey?: string; readonly nativeId?: string; readonly id?: string; readonly clientOrderId?: string } = {}): Promise<readonly VenueOrder[]> {
    const a = this.#account(query.apiKey);
    const nativeId = query.nativeId?.split(':').pop();
    return [...a.orders.values()]
      .filter((o) => (!nativeId || o.nativeId === nativeId) && (!query.id || o.id === query.id) && (!query.clientOrderId || o.clientOrderId === query.clientOrderId))
      .map((o) => this.server.engine.toVenueOrder(o));
  }

  async fills(query: { readonly apiKey?: string; readonly nativeId?: string; readonly orderId?: string } = {}): Promise<readonly VenueFill[]> {
    const a = this.#account(query.apiKey);
    const nativeId = query.nativeId?.split(':').pop();
    return a.fills.filter((f) => (!nativeId || f.nativeId === nativeId) && (!query.orderId || f.orderId === query.orderId));
  }

  async receivedRequests(): Promise<readonly ReceivedRequest[]> {
    return [...this.server.requests];
  }

  async subscriptionCount(topic: VenueTopic): Promise<number> {
    return this.server.subscriptionCount(topic);
  }

  async connections(): Promise<readonly VenueConnection[]> {
    return this.server.connections();
  }

  async fault(fault: VenueFault): Promise<void> {
    if (!this.faults.includes(fault.kind)) throw new Error(`this venue cannot inject ${fault.kind}`);
    this.server.addFault(fault);
  }

  async clearFaults(): Promise<void> {
    this.server.clearFaults();
  }
}
