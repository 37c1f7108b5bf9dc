/**
 * The contract between the conformance kit and a simulated venue (Env `sim` and `F:` cases of
 * conformance-cases.md). Each exchange package's simulator front implements it on top of
 * `@exkit/sim`, using the venue's *native* ids and plain decimal strings — the kit never assumes a
 * wire format. Live targets have no control, and those cases report SKIP-env.
 */

/** [price, size] as plain decimal strings. */
export type LevelInput = readonly [price: string, size: string];

export interface VenueInstrument {
  readonly nativeId: string;
  readonly type: 'spot' | 'swap';
  readonly tickSize: string;
  readonly stepSize: string;
  readonly minQty: string;
  readonly minNotional?: string;
  readonly contractSize: string;
  readonly maxLeverage?: string;
}

export interface VenueBook {
  readonly bids: readonly LevelInput[];
  readonly asks: readonly LevelInput[];
  readonly sequence?: number;
}

export interface VenueTrade {
  readonly id: string;
  readonly price: string;
  readonly size: string;
  readonly side: 'buy' | 'sell';
  readonly timestamp: number;
}

export interface VenueCandle {
  readonly openTime: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
}

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  /** Query and body parameters exactly as received (strings as sent on the wire). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly at: number;
}

/** Faults the kit can inject. Each is deterministic under the simulator's seed. */
export type VenueFault =
  | { readonly kind: 'sequenceGap'; readonly nativeId: string }
  | { readonly kind: 'duplicateFrames'; readonly nativeId: string }
  | { readonly kind: 'crossedBook'; readonly nativeId: string }
  | { readonly kind: 'reorderFrames'; readonly stream: 'orders' }
  | { readonly kind: 'resetConnections'; readonly scope: 'public' | 'private' | 'all'; readonly beforeAck?: boolean }
  | { readonly kind: 'refuseConnections'; readonly durationMs: number }
  | { readonly kind: 'clockSkew'; readonly offsetMs: number }
  | { readonly kind: 'rateLimitWindow'; readonly durationMs: number }
  | { readonly kind: 'unavailableWindow'; readonly durationMs: number }
  | { readonly kind: 'delayResponses'; readonly delayMs: number; readonly durationMs: number }
  | { readonly kind: 'dropNextResponse'; readonly path: 'placeOrder' }
  | { readonly kind: 'malformedResponse'; readonly variant: 'invalidJson' | 'missingField' | 'unknownEnum' | 'html502' }
  | { readonly kind: 'malformedFrame' }
  | { readonly kind: 'loseEvents'; readonly count: number; readonly types: readonly ('order' | 'fill')[] }
  | { readonly kind: 'duplicateEvents'; readonly count: number }
  | { readonly kind: 'errorCode'; readonly code: string | number; readonly times?: number }
  | { readonly kind: 'timestampUnit'; readonly unit: 's' | 'ms' | 'us' | 'ns' };

export interface VenueControl {
  /** Back to a clean venue: default instruments and wallet, no orders, positions or faults. */
  reset(): Promise<void>;
  /** Pause (true) or resume the background market-data process; only kit actions change state while frozen. */
  freeze(frozen: boolean): Promise<void>;
  instruments(): Promise<readonly VenueInstrument[]>;
  /** Adds an instrument (e.g. contractSize ≠ 1, or an exotic grid for precision cases). */
  addInstrument(instrument: VenueInstrument): Promise<void>;
  setMarketStatus(nativeId: string, status: 'trading' | 'halted'): Promise<void>;
  /** Replaces the venue's resting liquidity with exactly these levels. */
  seedBook(nativeId: string, book: { readonly bids: readonly LevelInput[]; readonly asks: readonly LevelInput[] }): Promise<void>;
  /** Scripted deltas on venue liquidity; size "0" removes a level. */
  changeBook(nativeId: string, changes: ReadonlyArray<{ readonly side: 'bid' | 'ask'; readonly price: string; readonly size: string }>): Promise<void>;
  book(nativeId: string, depth: number): Promise<VenueBook>;
  /** Prints trades on the tape (and streams) without touching any account. */
  printTrades(nativeId: string, trades: ReadonlyArray<{ readonly price: string; readonly size: string; readonly side: 'buy' | 'sell' }>): Promise<readonly VenueTrade[]>;
  tape(nativeId: string, limit: number): Promise<readonly VenueTrade[]>;
  candles(nativeId: string, interval: string, since: number, until: number): Promise<readonly VenueCandle[]>;
  /** Moves last and/or mark price (trigger references, unrealized PnL). */
  setPrices(nativeId: string, prices: { readonly last?: string; readonly mark?: string }): Promise<void>;
  /** A new key on the default account (or a fresh account), e.g. read-only. */
  createApiKey(options: { readonly permissions: readonly ('read' | 'trade')[]; readonly freshAccount?: boolean }): Promise<{ readonly apiKey: string; readonly apiSecret: string }>;
  /** The seeded wallet of the default account: currency → total. */
  wallet(): Promise<Readonly<Record<string, string>>>;
  setFunding(enabled: boolean): Promise<void>;
  /** Every request the venue received since the last reset (for "nothing was sent" checks). */
  receivedRequests(): Promise<readonly ReceivedRequest[]>;
  /** Active venue-side subscriptions per topic (for "one venue subscription" checks). */
  subscriptionCount(topic: string): Promise<number>;
  /** Native topic name for a neutral stream, for subscriptionCount (e.g. `tickers.BTCUSDT`). */
  topicName(stream: 'ticker' | 'orderBook' | 'trades' | 'candles', nativeId: string): string;
  fault(fault: VenueFault): Promise<void>;
  clearFaults(): Promise<void>;
  /** The venue's clock (skew included). */
  now(): Promise<number>;
}
