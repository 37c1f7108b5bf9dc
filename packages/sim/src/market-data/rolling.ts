import { D0, type Decimal } from '../util/decimal.js';
import type { CandleState } from './candles.js';

const MINUTE = 60_000;

/** A queue with O(1) shift (head index, compacted now and then). */
class Queue<T> {
  items: T[] = [];
  head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  front(): T | undefined {
    return this.items[this.head];
  }
  back(): T | undefined {
    return this.items[this.items.length - 1];
  }
  push(x: T): void {
    this.items.push(x);
  }
  shift(): void {
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
  popBack(): void {
    this.items.pop();
  }
}

/**
 * The 24 h aggregate of closed 1m candles, slid one minute at a time: sums add the new candle and
 * subtract the expired one (exact), high and low come from monotonic queues — O(1) per minute
 * instead of rescanning 1 439 candles.
 */
export class Rolling24h {
  /** Open time of the running 1m candle this aggregate is valid for. */
  key = Number.NaN;
  readonly #window = new Queue<CandleState>();
  readonly #max = new Queue<CandleState>();
  readonly #min = new Queue<CandleState>();
  volume: Decimal = D0;
  turnover: Decimal = D0;
  readonly #minutes: number;

  constructor(minutes: number) {
    this.#minutes = minutes;
  }

  get open(): Decimal | undefined {
    return this.#window.front()?.open;
  }
  get high(): Decimal | undefined {
    return this.#max.front()?.high;
  }
  get low(): Decimal | undefined {
    return this.#min.front()?.low;
  }

  /** Starts over from these closed candles (oldest first) for the running minute `key`. */
  rebuild(key: number, candles: readonly CandleState[]): void {
    this.key = key;
    this.#window.items = [];
    this.#window.head = 0;
    this.#max.items = [];
    this.#max.head = 0;
    this.#min.items = [];
    this.#min.head = 0;
    this.volume = D0;
    this.turnover = D0;
    for (const c of candles) this.#push(c);
    this.#expire();
  }

  /** Slides to the running minute `key`, given the candles that closed since (oldest first). */
  slide(key: number, closed: readonly CandleState[]): void {
    this.key = key;
    for (const c of closed) this.#push(c);
    this.#expire();
  }

  #push(c: CandleState): void {
    this.#window.push(c);
    this.volume = this.volume.plus(c.volume);
    this.turnover = this.turnover.plus(c.turnover);
    while (this.#max.size > 0 && this.#max.back()!.high.lte(c.high)) this.#max.popBack();
    this.#max.push(c);
    while (this.#min.size > 0 && this.#min.back()!.low.gte(c.low)) this.#min.popBack();
    this.#min.push(c);
  }

  #expire(): void {
    const from = this.key - this.#minutes * MINUTE;
    for (let c = this.#window.front(); c !== undefined && c.openTime < from; c = this.#window.front()) {
      this.#window.shift();
      this.volume = this.volume.minus(c.volume);
      this.turnover = this.turnover.minus(c.turnover);
      if (this.#max.front() === c) this.#max.shift();
      if (this.#min.front() === c) this.#min.shift();
    }
  }
}
