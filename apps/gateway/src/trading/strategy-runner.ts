// Feeds one strategy with closed candles: history from fetchCandles, then the venue's candle stream.
// Each newly closed candle is handed to `onCandle` with the closes so far (oldest first).
import type { Candle, Decimal, Subscription, Timeframe } from '@exkit/core';
import type { StrategyRecord } from '../contracts/engine.js';
import type { Venue } from '../contracts/venues.js';

export interface RunnerCallbacks {
  onCandle(candle: Candle, closes: readonly Decimal[]): Promise<void>;
  onError(error: unknown): void;
}

export class StrategyRunner {
  readonly #closes: Decimal[] = [];
  #lastOpen = -1;
  #sub: Subscription<Candle> | undefined;
  #chain: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(
    readonly strategy: StrategyRecord,
    readonly venue: Venue,
    /** Closes kept (the slow average needs `slow_ma + 1`). */
    private readonly keep: number,
    private readonly callbacks: RunnerCallbacks,
  ) {}

  get timeframe(): Timeframe {
    return this.strategy.timeframe as Timeframe;
  }

  async start(): Promise<void> {
    const client = this.venue.client;
    // Subscribe first so no candle closes unseen between the history read and the stream.
    const sub = client.streams.candles(this.strategy.symbol, this.timeframe);
    this.#sub = sub;
    const pending: Candle[] = [];
    let seeded = false;
    sub.onItem((c) => {
      if (!seeded) pending.push(c);
      else this.#enqueue(c);
    });
    const history = await client.fetchCandles(this.strategy.symbol, this.timeframe, { limit: this.keep + 1 });
    for (const c of history) if (c.closed) this.#take(c);
    seeded = true;
    for (const c of pending) this.#enqueue(c);
    await sub.ready;
  }

  /** Queued candles are dropped, not awaited: the engine may be stopping from inside one of them. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#sub?.close();
  }

  /** Candles are handled one at a time, in arrival order. */
  #enqueue(c: Candle): void {
    if (!c.closed || c.openTime <= this.#lastOpen || this.#stopped) return;
    this.#take(c);
    const closes = [...this.#closes];
    this.#chain = this.#chain.then(() => (this.#stopped ? undefined : this.callbacks.onCandle(c, closes))).catch((e: unknown) => this.callbacks.onError(e));
  }

  #take(c: Candle): void {
    if (c.openTime <= this.#lastOpen) return;
    this.#lastOpen = c.openTime;
    this.#closes.push(c.close);
    if (this.#closes.length > this.keep) this.#closes.splice(0, this.#closes.length - this.keep);
  }
}
