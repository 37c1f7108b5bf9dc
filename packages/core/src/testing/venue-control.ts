/**
 * The contract between the conformance kit and a simulated venue (Env `sim` and `F:` cases of
 * conformance-cases.md). Each exchange package's simulator front implements it on top of
 * `@exkit/sim`. It is exchange-neutral: markets are named by the venue's *native* id (or
 * `<type>:<nativeId>`, e.g. `swap:BTCUSDT`, where one id names a spot and a derivative market), numbers are
 * plain decimal strings, sizes are in base units (contracts × contractSize, core's unit) unless a
 * field says "wire", and times are epoch ms on the venue's clock. The kit never assumes a wire
 * format. Live targets have no control; those cases report SKIP-env.
 */
import type { Timeframe } from '../models/enums.js';

/** [price, size] as decimal strings. Published on the venue's streams exactly as written (`100.10` stays `100.10`). */
export type LevelInput = readonly [price: string, size: string];

/** The neutral call a venue request serves: the `Exchange` method it belongs to. */
export type VenueOperation =
  | 'loadMarkets'
  | 'fetchServerTime'
  | 'fetchTicker'
  | 'fetchTickers'
  | 'fetchOrderBook'
  | 'fetchCandles'
  | 'fetchTrades'
  | 'fetchFundingRate'
  | 'fetchBalances'
  | 'fetchPositions'
  | 'setLeverage'
  | 'placeOrder'
  | 'amendOrder'
  | 'cancelOrder'
  | 'cancelAllOrders'
  | 'fetchOrder'
  | 'fetchOpenOrders'
  | 'fetchOrderHistory'
  | 'fetchFills'
  | 'other';

/** Neutral stream names, as in `ExchangeStreams`. */
export type VenueStream = 'ticker' | 'orderBook' | 'trades' | 'candles' | 'orders' | 'fills' | 'positions' | 'balances';

/** One venue-side topic; the front maps it to its native topic name. */
export interface VenueTopic {
  readonly stream: VenueStream;
  /** Absent for account-wide private topics. */
  readonly nativeId?: string;
  readonly timeframe?: Timeframe;
}

/** How the venue refused a request (its own code mapped to a neutral reason by the front). */
export type VenueRejection =
  | 'authentication'
  | 'permission'
  | 'rateLimit'
  | 'timestamp'
  | 'invalidOrder'
  | 'insufficientFunds'
  | 'orderNotFound'
  | 'badSymbol'
  | 'unavailable'
  | 'injected'
  | 'other';

export interface VenueInstrument {
  readonly nativeId: string;
  readonly type: 'spot' | 'swap' | 'future';
  readonly base: string;
  readonly quote: string;
  /** Settlement currency of a derivative. */
  readonly settle?: string;
  readonly tickSize: string;
  /** Base units (contracts × contractSize), like `Market.stepSize`. */
  readonly stepSize: string;
  /** Base units. */
  readonly minQty: string;
  readonly minNotional?: string;
  /** Base units per contract ("1" when the venue counts in base units). */
  readonly contractSize: string;
  readonly maxLeverage?: string;
  /** Fee rates as fractions of notional (negative = rebate). */
  readonly makerFee: string;
  readonly takerFee: string;
  readonly status?: 'trading' | 'halted';
}

export interface VenueBook {
  /** Best first. Sizes in base units; the account's resting orders are part of the book. */
  readonly bids: readonly LevelInput[];
  readonly asks: readonly LevelInput[];
  readonly sequence?: number;
}

export interface VenueTrade {
  readonly id: string;
  readonly price: string;
  readonly size: string;
  /** The taker's side. */
  readonly side: 'buy' | 'sell';
  /** Epoch ms, truncated. */
  readonly timestamp: number;
  /** The timestamp as the venue puts it on the wire under the current `timestampUnit` fault (e.g. µs digits), for CK-PR-05. */
  readonly rawTimestamp?: string;
}

export interface VenueCandle {
  readonly openTime: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Base units. */
  readonly volume: string;
}

/** Order fields exactly as they arrived on the wire (the front extracts them from its native request). */
export interface ReceivedOrderParams {
  readonly nativeId: string;
  readonly side?: 'buy' | 'sell';
  /** Wire strings, untouched: the kit checks they are plain decimals on the grid. */
  readonly price?: string;
  /** Wire quantity in the venue's unit (contracts on a contract market). */
  readonly quantity?: string;
  readonly triggerPrice?: string;
  readonly clientOrderId?: string;
}

export interface ReceivedRequest {
  /** Increasing per reset. */
  readonly seq: number;
  /** Venue clock, ms. */
  readonly at: number;
  /** HTTP method (or `WS` for requests made over a socket). */
  readonly method: string;
  readonly path: string;
  /** The neutral call this request serves, so the kit can count requests without knowing paths. */
  readonly operation: VenueOperation;
  /** Query and body parameters exactly as received (strings as sent on the wire). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly apiKey?: string;
  /** The signature as received: the kit adds it to the strings that must never leak (G7). */
  readonly signature?: string;
  /** For placeOrder/amendOrder. */
  readonly order?: ReceivedOrderParams;
  /** Undefined when the venue answered success. */
  readonly rejected?: VenueRejection;
  /** The venue's error code when it refused. */
  readonly code?: string | number;
}

export interface VenueOrder {
  readonly id: string;
  readonly clientOrderId?: string;
  readonly nativeId: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'limit' | 'market';
  readonly status: 'untriggered' | 'open' | 'filled' | 'canceled' | 'rejected' | 'expired';
  readonly price?: string;
  /** Base units. */
  readonly amount: string;
  readonly filled: string;
  readonly triggerPrice?: string;
  readonly reduceOnly: boolean;
  readonly postOnly: boolean;
}

export interface VenueFill {
  readonly id: string;
  readonly orderId: string;
  readonly nativeId: string;
  readonly side: 'buy' | 'sell';
  readonly price: string;
  readonly size: string;
  /** The fee the venue charged (what it reports on the wire; negative = rebate). */
  readonly fee: string;
  readonly feeCurrency: string;
  readonly liquidity: 'maker' | 'taker';
  readonly timestamp: number;
}

export interface VenuePosition {
  readonly nativeId: string;
  /** Signed base units. */
  readonly size: string;
  readonly entryPrice: string;
  readonly realizedPnl?: string;
}

export interface VenueBalance {
  readonly total: string;
  readonly free: string;
  readonly used: string;
}

/** One account as the venue sees it. */
export interface VenueAccount {
  /** currency → amounts, as the venue computes them (margin reserved included in `used`). */
  readonly balances: Readonly<Record<string, VenueBalance>>;
  readonly positions: readonly VenuePosition[];
  /** nativeId → leverage currently set. */
  readonly leverage: Readonly<Record<string, string>>;
}

export interface VenueCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly passphrase?: string;
}

/** Every socket the venue accepted or refused since the last reset. */
export interface VenueConnection {
  readonly id: string;
  readonly scope: 'public' | 'private';
  /** When it was accepted, or refused (see `refused`). */
  readonly openedAt: number;
  readonly refused?: boolean;
  readonly closedAt?: number;
  /** Who ended it: the client, the venue for idleness, an injected fault, or the venue otherwise. */
  readonly closedBy?: 'client' | 'idle' | 'fault' | 'venue';
  /** Venue times at which the client's heartbeats arrived. */
  readonly heartbeats: readonly number[];
  /** Login attempts on this socket. */
  readonly authAttempts: readonly { readonly at: number; readonly ok: boolean }[];
}

/** A venue rate-limit bucket: at most `limit` requests in any rolling `windowMs`. */
export interface VenueRateBucket {
  readonly name: string;
  /** `ip`: every request; `account`: requests signed by one key; `endpoint`: each operation counted apart. */
  readonly scope: 'ip' | 'account' | 'endpoint';
  /** Operations counted by this bucket; all when absent. */
  readonly operations?: readonly VenueOperation[];
  readonly limit: number;
  readonly windowMs: number;
}

export interface VenueLimits {
  /** The venue drops a socket that sends nothing for this long (CK-ST-04). */
  readonly idleTimeoutMs?: number;
  /** The heartbeat interval the venue asks clients to keep. */
  readonly heartbeatIntervalMs?: number;
  readonly topicsPerConnection?: number;
  readonly argsPerMessage?: number;
  /** How far a signed request's timestamp may lag the venue clock (CK-ER-11). */
  readonly receiveWindowMs?: number;
  readonly buckets: readonly VenueRateBucket[];
}

/**
 * Faults the kit can inject. Each is deterministic under the simulator's seed. Windows start when
 * the fault is set; `times` (where offered) limits how many answers are affected, otherwise the
 * fault holds until `clearFaults()` or `reset()`.
 */
export type VenueFault =
  /** Drop the next book delta for the market; the sequence still advances (a gap). */
  | { readonly kind: 'sequenceGap'; readonly nativeId: string }
  /** Re-send an old book delta, then send the next one twice. */
  | { readonly kind: 'duplicateFrames'; readonly nativeId: string }
  /** Corrupt the next book delta so that it leaves the book crossed. */
  | { readonly kind: 'crossedBook'; readonly nativeId: string }
  /** Swap the next two frames of a private stream. */
  | { readonly kind: 'reorderFrames'; readonly stream: 'orders' | 'fills' }
  /** Reset the sockets of a scope now, or (`beforeAck`) when the next subscribe arrives, before acking it. */
  | { readonly kind: 'resetConnections'; readonly scope: 'public' | 'private' | 'all'; readonly beforeAck?: boolean }
  /** Refuse new connections (`ws`: sockets, `rest`: HTTP) for the window. */
  | { readonly kind: 'refuseConnections'; readonly scope: 'ws' | 'rest' | 'all'; readonly durationMs: number }
  /** Set the venue clock to real time + offsetMs (absolute, not cumulative); 0 removes the skew. */
  | { readonly kind: 'clockSkew'; readonly offsetMs: number }
  /** Answer every request beyond a bucket of `limits()` with the venue's rate-limit error. */
  | { readonly kind: 'enforceRateLimits' }
  /** Answer every request with the venue's rate-limit error for the window (with retry-after / reset time when `retryAfter`). */
  | { readonly kind: 'rateLimitWindow'; readonly durationMs: number; readonly retryAfter?: boolean }
  /** Answer every request with 503 (or the venue's maintenance code when `maintenance`) for the window. */
  | { readonly kind: 'unavailableWindow'; readonly durationMs: number; readonly maintenance?: boolean }
  /** Hold every answer `delayMs` for the window. */
  | { readonly kind: 'delayResponses'; readonly delayMs: number; readonly durationMs: number }
  /** Process the next request of the operation, then drop its response (the connection is cut). */
  | { readonly kind: 'dropResponse'; readonly operation: VenueOperation }
  /** Answer requests of the operation (all when absent) with a malformed body. */
  | {
      readonly kind: 'malformedResponse';
      readonly variant: 'invalidJson' | 'missingField' | 'unknownEnum' | 'html502';
      readonly operation?: VenueOperation;
      readonly times?: number;
    }
  /** Send one unparseable frame on the public stream (or the named one). */
  | { readonly kind: 'malformedFrame'; readonly stream?: VenueStream }
  /** Silently drop the next private event of each listed type; the connection stays up. */
  | { readonly kind: 'loseEvents'; readonly events: readonly ('order' | 'fill')[] }
  /** Send each of the next `count` private events twice. */
  | { readonly kind: 'duplicateEvents'; readonly count: number }
  /** Answer requests of the operation (all when absent) with this venue error code and message. */
  | {
      readonly kind: 'errorCode';
      readonly code: string | number;
      readonly operation?: VenueOperation;
      readonly message?: string;
      readonly times?: number;
    }
  /** Stamp every timestamp on the wire in this unit (CK-PR-05). */
  | { readonly kind: 'timestampUnit'; readonly unit: 's' | 'ms' | 'us' | 'ns' };

export type VenueFaultKind = VenueFault['kind'];

export interface VenueControl {
  /** Fault kinds this simulator can inject; a case needing another reports SKIP-env. */
  readonly faults: readonly VenueFaultKind[];

  /**
   * Back to a clean venue: default instruments and wallet, no orders, fills, positions, faults,
   * kit-added instruments or received requests; background activity running; funding on; the
   * clock back to real time.
   */
  reset(): Promise<void>;
  /** Pause (true) or resume the background market-data process; only kit actions change state while frozen. */
  freeze(frozen: boolean): Promise<void>;
  /** The venue clock (skew and advances included). */
  now(): Promise<number>;
  /**
   * Moves the venue clock forward by `ms` (closes candle intervals without waiting). The kit widens
   * its timestamp bound (G3) by the total advance; `reset()` returns to real time.
   */
  advanceClock(ms: number): Promise<void>;
  /** Rate limits, idle timeout and receive window as the venue enforces them. */
  limits(): Promise<VenueLimits>;

  /** The instrument table, halted ones included (CK-SY-03 compares the markets with it). */
  instruments(): Promise<readonly VenueInstrument[]>;
  /** Adds an instrument (contractSize ≠ 1, an exotic grid, an idle market, more markets for CK-ST-03). */
  addInstrument(instrument: VenueInstrument): Promise<void>;
  /** Halts (or resumes) a market: it lists as not trading and the venue refuses its orders (CK-SY-06). */
  setMarketStatus(nativeId: string, status: 'trading' | 'halted'): Promise<void>;

  /**
   * Replaces the venue's resting liquidity with exactly these levels (the account's orders stay).
   * Streams receive it as one snapshot, not as deltas, so an adapter that merges a mid-stream
   * snapshot into its book is caught (CK-BK-04).
   */
  seedBook(nativeId: string, book: { readonly bids: readonly LevelInput[]; readonly asks: readonly LevelInput[] }): Promise<void>;
  /**
   * Scripted deltas on venue liquidity, each published as one delta with its price spelled as
   * given; size "0" removes a level, and removing an absent level is still published (CK-BK-05).
   */
  changeBook(nativeId: string, changes: ReadonlyArray<{ readonly side: 'bid' | 'ask'; readonly price: string; readonly size: string }>): Promise<void>;
  /** The full venue book (account orders included), best first, top `depth` levels. */
  book(nativeId: string, depth: number): Promise<VenueBook>;
  /** Prints trades on the tape (and streams, candles, last price) without touching any account. */
  printTrades(
    nativeId: string,
    trades: ReadonlyArray<{ readonly price: string; readonly size: string; readonly side: 'buy' | 'sell' }>,
  ): Promise<readonly VenueTrade[]>;
  /**
   * Another participant's immediate-or-cancel order: it matches the book (the account's resting
   * orders included, price-time priority) up to `limitPrice`, rests nothing, and returns its
   * executions. This is how the kit fills the account's resting orders.
   */
  crossBook(
    nativeId: string,
    order: { readonly side: 'buy' | 'sell'; readonly size: string; readonly limitPrice?: string },
  ): Promise<ReadonlyArray<{ readonly price: string; readonly size: string }>>;
  /** The newest `limit` trades, ascending. */
  tape(nativeId: string, limit: number): Promise<readonly VenueTrade[]>;
  /** Candles with openTime in [since, until), ascending. */
  candles(nativeId: string, timeframe: Timeframe, since: number, until: number): Promise<readonly VenueCandle[]>;
  /** Moves last and/or mark price (trigger references, unrealized PnL). */
  setPrices(nativeId: string, prices: { readonly last?: string; readonly mark?: string }): Promise<void>;
  /** Funding payments on or off (off in the AC cases: fees and PnL are then the only balance movements). */
  setFunding(enabled: boolean): Promise<void>;

  /**
   * A new key on the default account, or on a fresh account seeded with `wallet` (currency →
   * amount) when `freshAccount`; `['read']` makes a read-only key (CK-ER-02).
   */
  createApiKey(options: {
    readonly permissions: readonly ('read' | 'trade')[];
    readonly freshAccount?: boolean;
    readonly wallet?: Readonly<Record<string, string>>;
  }): Promise<VenueCredentials>;
  /** The account of `apiKey` (the default account when absent) as the venue computes it. */
  account(apiKey?: string): Promise<VenueAccount>;
  /** Orders of an account (default account when no apiKey), open and terminal, oldest first. */
  orders(query?: {
    readonly apiKey?: string;
    readonly nativeId?: string;
    readonly id?: string;
    readonly clientOrderId?: string;
  }): Promise<readonly VenueOrder[]>;
  /** Executions of an account (default account when no apiKey), oldest first. */
  fills(query?: { readonly apiKey?: string; readonly nativeId?: string; readonly orderId?: string }): Promise<readonly VenueFill[]>;

  /** Every REST request the venue received since the last reset, in arrival order. */
  receivedRequests(): Promise<readonly ReceivedRequest[]>;
  /** Active venue-side subscriptions to one topic, over all sockets (for "one venue subscription" checks). */
  subscriptionCount(topic: VenueTopic): Promise<number>;
  /** Every socket accepted or refused since the last reset. */
  connections(): Promise<readonly VenueConnection[]>;

  /** Injects one fault; its kind must be listed in `faults` (see VenueFault for each kind's effect). */
  fault(fault: VenueFault): Promise<void>;
  /** Removes every fault, clock skew included (clock advances stay until `reset()`). */
  clearFaults(): Promise<void>;
}
