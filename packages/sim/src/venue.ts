import { ManualClock, systemClock, systemTimers, type Clock, type MarginMode, type OrderSide, type Timeframe, type Timers } from '@exkit/core';
import type { Account } from './accounts/account.js';
import { authorize, createAccount, createApiKey, deposit } from './accounts/keys.js';
import { EXTERNAL } from './accounts/ledger.js';
import { settingsOf } from './accounts/margin.js';
import { setLeverage, setMarginMode } from './accounts/settings.js';
import { settleFunding } from './accounts/funding.js';
import type { ApiKeyInfo, Permission, SimBalance, SimFunding, SimPosition } from './accounts/types.js';
import { accountCoins, balanceView, positionView } from './accounts/views.js';
import { run } from './action.js';
import { Scheduler } from './clock/scheduler.js';
import { VenueClock } from './clock/venue-clock.js';
import { account, market, touchMarket, type Ctx, type OrderLogEntry } from './context.js';
import { addMarket, createContext, logged } from './create.js';
import { Driver } from './driver.js';
import { reject } from './errors.js';
import { EventBus } from './events/bus.js';
import { sideLevels } from './events/publish.js';
import type { SimEvent, SimListener, SubscribeFilter } from './events/types.js';
import { type FaultController } from './faults/controller.js';
import type { SimFault } from './faults/types.js';
import type { InstrumentDefinition } from './instruments/definition.js';
import { DEFAULT_INSTRUMENTS } from './instruments/defaults.js';
import type { SimInstrument } from './instruments/instrument.js';
import { changeBookLevel, crossBook, printTrades, seedBook, setPrices, type LevelText } from './market-data/control.js';
import { candleRange, tickerView } from './market-data/ticker.js';
import type { BookSnapshot, SimCandle, SimTicker, SimTrade } from './market-data/types.js';
import { amendOrder } from './matching/amend.js';
import { isLive, orderView, type OrderRecord } from './matching/order-record.js';
import { cancelAll, cancelOrder, lookupOrder, placeOrder } from './matching/orders.js';
import type { AmendOrderRequest, CancelAllRequest, OrderRef, PlaceOrderRequest, SimFill, SimOrder } from './matching/types.js';
import { DEFAULT_VIRTUAL_START, resolveOptions, type SimVenueOptions } from './options.js';
import { parseSnapshot, serialize } from './snapshot/snapshot.js';
import type { SimSnapshot } from './snapshot/schema.js';
import type { Decimal } from './util/decimal.js';

/** Timers that never fire: in virtual mode time moves only by `advanceClock`. */
const noTimers: Timers = Object.freeze({ setTimeout: () => 0, clearTimeout: () => undefined });

export interface HistoryQuery {
  readonly symbol?: string;
  /** Epoch ms, inclusive. */
  readonly since?: number;
  /** Epoch ms, exclusive. */
  readonly until?: number;
  /** The newest `limit` (ascending order kept). */
  readonly limit?: number;
}

/**
 * A simulated exchange venue — markets, seeded market data, a matching engine, accounts — that
 * knows no wire protocol. Exchange fronts put their HTTP/WebSocket dialect in front of it: they
 * authenticate with `authorize`, translate native requests into `placeOrder` & co., map
 * `SimRejection.reason` to their own error codes, and stream what `subscribe` delivers.
 *
 * Every call is synchronous and deterministic under the seed; sizes are base units, prices and
 * money core `Decimal`s (strings accepted on input), times venue ms.
 */
export class SimVenue {
  readonly #options: SimVenueOptions;
  readonly #clock: VenueClock;
  readonly #scheduler: Scheduler;
  readonly #bus: EventBus;
  #ctx!: Ctx;
  #driver: Driver | undefined;
  #defaultAccountId = '';
  #closed = false;

  constructor(options: SimVenueOptions = {}) {
    this.#options = options;
    const virtual = options.virtual;
    const base: Clock = virtual !== undefined && virtual !== false ? new ManualClock(typeof virtual === 'object' ? (virtual.start ?? DEFAULT_VIRTUAL_START) : DEFAULT_VIRTUAL_START) : (options.clock ?? systemClock);
    const timers = virtual !== undefined && virtual !== false ? noTimers : (options.timers ?? systemTimers);
    this.#clock = new VenueClock(base);
    this.#scheduler = new Scheduler(this.#clock, timers);
    const onError = options.onListenerError ?? ((error: unknown) => queueMicrotask(() => {
      throw error;
    }));
    this.#bus = new EventBus(onError);
    this.#build(SimVenue.#restoring);
  }

  /** Set while `restore` constructs: the constructor builds from it instead of from options. */
  static #restoring: SimSnapshot | undefined;

  /**
   * A venue continuing from a snapshot (validated; an unknown version is refused). Clock, timers and
   * listener error handling come from `options`; everything else from the snapshot (a later
   * `reset()` returns to its markets and settings, empty).
   */
  static restore(snapshot: unknown, options: Omit<SimVenueOptions, 'seed' | 'instruments'> = {}): SimVenue {
    const snap = parseSnapshot(snapshot);
    SimVenue.#restoring = snap;
    try {
      return new SimVenue({ ...options, ...snap.options, seed: snap.seed, instruments: snap.markets.map((m) => m.definition) });
    } finally {
      SimVenue.#restoring = undefined;
    }
  }

  #build(snap: SimSnapshot | undefined): void {
    // Whatever a previous state scheduled goes with it.
    this.#driver?.stop();
    this.#scheduler.clear();
    const o = resolveOptions(this.#options, DEFAULT_INSTRUMENTS);
    const clock = this.#clock;
    if (snap !== undefined && (clock.base instanceof ManualClock || clock.now() < snap.savedAt)) clock.jumpTo(snap.savedAt);
    const { ctx, defaultAccountId } = createContext(o, { clock, scheduler: this.#scheduler, bus: this.#bus }, snap);
    this.#ctx = ctx;
    this.#defaultAccountId = defaultAccountId;
    this.#driver = new Driver(ctx);
    this.#driver.schedule();
  }

  #run<T>(fn: (ctx: Ctx) => T): T {
    if (this.#closed) throw new Error('the venue is closed');
    return run(this.#ctx, () => fn(this.#ctx));
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** Stops every timer. Further calls throw. */
  close(): void {
    this.#closed = true;
    this.#driver?.stop();
    this.#scheduler.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * Back to a clean venue from the original options: default markets and wallet, no orders,
   * fills, positions, faults or added markets, background running as configured, funding on,
   * the clock back to its base (no advances, no skew). The default account's id and API key
   * come back identical (same seed). Subscribers stay and receive a `reset` control event.
   */
  reset(): void {
    if (this.#closed) throw new Error('the venue is closed');
    this.#clock.resetOffset();
    this.#build(undefined);
    this.#bus.publish({ channel: 'control', type: 'reset', timestamp: this.#clock.now() });
  }

  // ---- time ----------------------------------------------------------------------------------

  /** Engine time: base clock + advances (monotonic). */
  now(): number {
    return this.#clock.now();
  }

  /** What the venue says the time is: engine time + injected skew (time endpoint, receive-window checks). */
  serverTime(): number {
    return this.#clock.serverTime();
  }

  /** Moves venue time forward, running everything due on the way (candles close, background ticks, funding). */
  advanceClock(ms: number): void {
    if (this.#closed) throw new Error('the venue is closed');
    this.#scheduler.advance(ms);
  }

  get clock(): VenueClock {
    return this.#clock;
  }

  // ---- markets -------------------------------------------------------------------------------

  instruments(): SimInstrument[] {
    return [...this.#ctx.markets.values()].map((m) => m.instrument);
  }

  instrument(symbol: string): SimInstrument {
    return market(this.#ctx, symbol).instrument;
  }

  /** By native id; `type` picks between a spot and a perpetual market sharing it (unique match otherwise). */
  findInstrument(nativeId: string, type?: 'spot' | 'swap'): SimInstrument | undefined {
    const found = this.instruments().filter((i) => i.nativeId === nativeId && (type === undefined || i.type === type));
    return found.length === 1 ? found[0] : undefined;
  }

  addInstrument(definition: InstrumentDefinition): SimInstrument {
    const m = this.#run((ctx) => addMarket(ctx, definition));
    this.#driver?.schedule();
    return m.instrument;
  }

  /** Halted: orders and amends are refused (cancels work), background activity stops there. */
  setMarketStatus(symbol: string, status: 'trading' | 'halted'): void {
    this.#run((ctx) => {
      const m = market(ctx, symbol);
      if (status !== 'trading' && status !== 'halted') reject('INVALID_PARAMETER', `status must be trading or halted, got ${String(status)}`);
      m.instrument.status = status;
      m.pendingMarket = { added: false };
      touchMarket(ctx, m);
    });
  }

  // ---- market data ---------------------------------------------------------------------------

  book(symbol: string, depth = Number.POSITIVE_INFINITY): BookSnapshot {
    return this.#run((ctx) => {
      const m = market(ctx, symbol);
      return { symbol, bids: sideLevels(m, m.book.bids, depth), asks: sideLevels(m, m.book.asks, depth), seq: m.book.seq, timestamp: ctx.clock.now() };
    });
  }

  ticker(symbol: string): SimTicker {
    return this.#run((ctx) => tickerView(ctx, market(ctx, symbol)));
  }

  tickers(): SimTicker[] {
    return this.#run((ctx) => [...ctx.markets.values()].map((m) => tickerView(ctx, m)));
  }

  /** The newest `limit` trades, ascending. */
  trades(symbol: string, limit = 1000): SimTrade[] {
    return this.#run((ctx) => market(ctx, symbol).tape.tail(limit));
  }

  /** Candles with openTime in [since, until) (the running one included, `closed: false`), ascending; the newest `limit`. */
  candles(symbol: string, timeframe: Timeframe, query: { since?: number; until?: number; limit?: number } = {}): SimCandle[] {
    return this.#run((ctx) => candleRange(ctx, market(ctx, symbol), timeframe, query.since ?? Number.NEGATIVE_INFINITY, query.until ?? Number.POSITIVE_INFINITY, query.limit));
  }

  /** Current rate (what the next settlement pays), next settlement time, and settled history. */
  funding(symbol: string): { rate: Decimal; nextFundingTime: number; markPrice: Decimal; indexPrice: Decimal; history: ReadonlyArray<{ rate: Decimal; markPrice: Decimal; timestamp: number }> } {
    return this.#run((ctx) => {
      const m = market(ctx, symbol);
      return { rate: m.fundingRate, nextFundingTime: m.nextFundingTime, markPrice: m.mark, indexPrice: m.index, history: [...m.fundingHistory] };
    });
  }

  // ---- control -------------------------------------------------------------------------------

  get frozen(): boolean {
    return this.#ctx.frozen;
  }

  /** Pauses (true) or resumes background activity (price process, replay); only explicit calls change state while frozen. */
  freeze(frozen: boolean): void {
    this.#ctx.frozen = frozen;
    this.#driver?.schedule();
  }

  seedBook(symbol: string, book: { readonly bids: readonly LevelText[]; readonly asks: readonly LevelText[] }): void {
    this.#run((ctx) => seedBook(ctx, market(ctx, symbol), book));
  }

  /** Scripted changes of venue liquidity, each published as its own delta (`size "0"` removes). */
  changeBook(symbol: string, changes: ReadonlyArray<{ readonly side: 'bid' | 'ask'; readonly price: string; readonly size: string }>): void {
    market(this.#ctx, symbol);
    for (const change of changes) this.#run((ctx) => changeBookLevel(ctx, market(ctx, symbol), change));
  }

  printTrades(symbol: string, trades: ReadonlyArray<{ readonly price: string; readonly size: string; readonly side: OrderSide }>): SimTrade[] {
    return this.#run((ctx) => printTrades(ctx, market(ctx, symbol), trades));
  }

  crossBook(symbol: string, order: { readonly side: OrderSide; readonly size: string; readonly limitPrice?: string }): Array<{ price: Decimal; size: Decimal }> {
    return this.#run((ctx) => crossBook(ctx, market(ctx, symbol), order));
  }

  setPrices(symbol: string, prices: { readonly last?: string; readonly mark?: string; readonly index?: string; readonly fundingRate?: string }): void {
    this.#run((ctx) => setPrices(ctx, market(ctx, symbol), prices));
  }

  get fundingEnabled(): boolean {
    return this.#ctx.funding;
  }

  setFunding(enabled: boolean): void {
    this.#ctx.funding = enabled;
  }

  /** Settles funding now (one market, or every perpetual), outside the 8-hour schedule. */
  settleFunding(symbol?: string): void {
    this.#run((ctx) => {
      const markets = symbol === undefined ? [...ctx.markets.values()] : [market(ctx, symbol)];
      for (const m of markets) if (!m.instrument.isSpot) settleFunding(ctx, m);
    });
    this.#driver?.schedule();
  }

  // ---- accounts ------------------------------------------------------------------------------

  get defaultAccountId(): string {
    return this.#defaultAccountId;
  }

  /** The default account's first key (read + trade). */
  get defaultApiKey(): ApiKeyInfo {
    for (const k of this.#ctx.keys.values()) if (k.accountId === this.#defaultAccountId) return k;
    return reject('UNKNOWN_API_KEY', 'the default account has no key');
  }

  /** A fresh account with this wallet (default: the venue's default wallet). */
  createAccount(wallet?: Readonly<Record<string, string>>): string {
    return this.#run((ctx) => createAccount(ctx, wallet ?? ctx.options.wallet).id);
  }

  /** A key on an account (default account unless `accountId`, or a fresh account when `freshAccount`). */
  createApiKey(options: {
    readonly permissions: readonly Permission[];
    readonly accountId?: string;
    readonly freshAccount?: boolean;
    readonly wallet?: Readonly<Record<string, string>>;
  }): ApiKeyInfo {
    return this.#run((ctx) => {
      const accountId = options.freshAccount === true ? createAccount(ctx, options.wallet ?? ctx.options.wallet).id : (options.accountId ?? this.#defaultAccountId);
      return createApiKey(ctx, accountId, options.permissions);
    });
  }

  apiKey(apiKey: string): ApiKeyInfo | undefined {
    return this.#ctx.keys.get(apiKey);
  }

  /** The key when it holds the permission; `UNKNOWN_API_KEY` / `PERMISSION_DENIED` otherwise. Signatures are the front's job. */
  authorize(apiKey: string, need: Permission): ApiKeyInfo {
    return authorize(this.#ctx, apiKey, need);
  }

  accountIds(): string[] {
    return [...this.#ctx.accounts.keys()];
  }

  deposit(accountId: string, coin: string, amount: string): void {
    this.#run((ctx) => deposit(ctx, accountId, coin, amount));
  }

  balances(accountId: string): SimBalance[] {
    return this.#run((ctx) => {
      const acct = account(ctx, accountId);
      return accountCoins(ctx, acct).map((coin) => balanceView(ctx, acct, coin));
    });
  }

  balance(accountId: string, coin: string): SimBalance {
    return this.#run((ctx) => balanceView(ctx, account(ctx, accountId), coin));
  }

  /** Open positions, or the position on `symbol` (flat included). */
  positions(accountId: string, symbol?: string): SimPosition[] {
    return this.#run((ctx) => {
      const acct = account(ctx, accountId);
      if (symbol !== undefined) {
        const m = market(ctx, symbol);
        if (m.instrument.isSpot) reject('INVALID_PARAMETER', `${symbol} is a spot market: no positions`);
        return [positionView(ctx, acct, symbol)];
      }
      return [...acct.positions.entries()].filter(([, p]) => p.lots !== 0n).map(([s]) => positionView(ctx, acct, s));
    });
  }

  /** Leverage and margin mode the account has on a perpetual. */
  marginSettings(accountId: string, symbol: string): { leverage: Decimal; marginMode: MarginMode } {
    return this.#run((ctx) => ({ ...settingsOf(ctx, account(ctx, accountId), market(ctx, symbol).instrument) }));
  }

  setLeverage(accountId: string, symbol: string, leverage: string | Decimal): { changed: boolean } {
    return this.#run((ctx) => setLeverage(ctx, accountId, symbol, leverage));
  }

  setMarginMode(accountId: string, symbol: string, mode: MarginMode): { changed: boolean } {
    return this.#run((ctx) => setMarginMode(ctx, accountId, symbol, mode));
  }

  // ---- trading -------------------------------------------------------------------------------

  placeOrder(accountId: string, request: PlaceOrderRequest): SimOrder {
    return this.#logged(accountId, 'place', request, (ctx) => [placeOrder(ctx, accountId, request)])[0]!;
  }

  amendOrder(accountId: string, request: AmendOrderRequest): SimOrder {
    return this.#logged(accountId, 'amend', request, (ctx) => [amendOrder(ctx, accountId, request)])[0]!;
  }

  cancelOrder(accountId: string, ref: OrderRef): SimOrder {
    return this.#logged(accountId, 'cancel', ref, (ctx) => [cancelOrder(ctx, accountId, ref)])[0]!;
  }

  /** Cancels the account's live orders (one market, or all); conditional ones too unless `conditional: 'exclude'`. */
  cancelAllOrders(accountId: string, request: CancelAllRequest = {}): SimOrder[] {
    return this.#logged(accountId, 'cancelAll', request, (ctx) => cancelAll(ctx, accountId, request.symbol, request.conditional ?? 'include'));
  }

  #logged(accountId: string, action: OrderLogEntry['action'], request: object, fn: (ctx: Ctx) => OrderRecord[]): SimOrder[] {
    return this.#run((ctx) => logged(ctx, accountId, action, request, () => fn(ctx))).map(orderView);
  }

  /** One order of the account by id or client order id (the newest with that client id), live or not. */
  order(accountId: string, ref: OrderRef): SimOrder | undefined {
    return this.#run((ctx) => {
      const o = lookupOrder(ctx, account(ctx, accountId), ref);
      return o === undefined ? undefined : orderView(o);
    });
  }

  /** Live orders (open and untriggered), oldest first. */
  openOrders(accountId: string, symbol?: string): SimOrder[] {
    return this.#run((ctx) => {
      const acct = account(ctx, accountId);
      return acct.orders.filter((o) => isLive(o) && (symbol === undefined || o.instrument.symbol === symbol)).map(orderView);
    });
  }

  /** Orders by creation time (terminal ones only with `closedOnly`), ascending. */
  orders(accountId: string, query: HistoryQuery & { readonly closedOnly?: boolean } = {}): SimOrder[] {
    return this.#run((ctx) => {
      const acct = account(ctx, accountId);
      const out = acct.orders.filter(
        (o) =>
          (query.symbol === undefined || o.instrument.symbol === query.symbol) &&
          (query.since === undefined || o.createdAt >= query.since) &&
          (query.until === undefined || o.createdAt < query.until) &&
          (query.closedOnly !== true || !isLive(o)),
      );
      return limitTail(out, query.limit).map(orderView);
    });
  }

  fills(accountId: string, query: HistoryQuery & { readonly orderId?: string } = {}): SimFill[] {
    return this.#run((ctx) => {
      const acct = account(ctx, accountId);
      return limitTail(
        acct.fills.filter(
          (f) =>
            (query.symbol === undefined || f.symbol === query.symbol) &&
            (query.orderId === undefined || f.orderId === query.orderId) &&
            (query.since === undefined || f.timestamp >= query.since) &&
            (query.until === undefined || f.timestamp < query.until),
        ),
        query.limit,
      );
    });
  }

  fundingPayments(accountId: string, query: HistoryQuery = {}): SimFunding[] {
    return this.#run((ctx) =>
      limitTail(
        account(ctx, accountId).fundings.filter(
          (f) => (query.symbol === undefined || f.symbol === query.symbol) && (query.since === undefined || f.timestamp >= query.since) && (query.until === undefined || f.timestamp < query.until),
        ),
        query.limit,
      ),
    );
  }

  /** Every order request the matching engine received (accepted or refused), oldest first. */
  orderLog(): readonly OrderLogEntry[] {
    return [...this.#ctx.orderLog];
  }

  // ---- events & faults -----------------------------------------------------------------------

  subscribe(listener: SimListener, filter?: SubscribeFilter): () => void {
    return this.#bus.subscribe(listener, filter);
  }

  get faults(): FaultController {
    return this.#ctx.faults;
  }

  fault(fault: SimFault): void {
    this.#run((ctx) => ctx.faults.set(fault));
  }

  clearFaults(): void {
    const held = this.#ctx.faults.clear();
    if (held !== undefined) this.#bus.dispatch(held as SimEvent);
  }

  // ---- accounting & snapshots ----------------------------------------------------------------

  /**
   * Every holder's cash per coin (accounts `acct:<id>`, `venue:house`, `venue:fees`,
   * `venue:insurance`, `external`). Each coin sums to exactly zero: money is conserved.
   */
  ledger(): Record<string, Record<string, string>> {
    return this.#ctx.ledger.toJSON();
  }

  /** Σ deposits per coin (= − the `external` holder). */
  deposits(): Record<string, Decimal> {
    const out: Record<string, Decimal> = {};
    for (const coin of this.#ctx.ledger.coins()) out[coin] = this.#ctx.ledger.get(coin, EXTERNAL).negated();
    return out;
  }

  snapshot(): SimSnapshot {
    return serialize(this.#ctx, this.#defaultAccountId);
  }

  /** @internal for tests and fronts' diagnostics: the account record. */
  accountState(accountId: string): Account {
    return account(this.#ctx, accountId);
  }
}

function limitTail<T>(items: T[], limit: number | undefined): T[] {
  return limit !== undefined && items.length > limit ? items.slice(items.length - limit) : items;
}
