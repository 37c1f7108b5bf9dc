import type { FaultController } from '../faults/controller.js';
import type { SimEvent, SimListener, SubscribeFilter } from './types.js';

interface Subscription {
  readonly listener: SimListener;
  readonly filter: SubscribeFilter | undefined;
}

/**
 * Synchronous fan-out of venue events to fronts, through the fault layer. A listener that throws
 * never breaks the venue: the error goes to `onListenerError` and the next listener still runs.
 */
export class EventBus {
  #subs: Subscription[] = [];
  #faults: FaultController | undefined;
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  attachFaults(faults: FaultController): void {
    this.#faults = faults;
  }

  /** Anyone listening? (The venue skips building event payloads when nobody is.) */
  get active(): boolean {
    return this.#subs.length > 0;
  }

  subscribe(listener: SimListener, filter?: SubscribeFilter): () => void {
    const sub: Subscription = { listener, filter };
    this.#subs = [...this.#subs, sub];
    return () => {
      this.#subs = this.#subs.filter((s) => s !== sub);
    };
  }

  publish(event: SimEvent): void {
    if (this.#subs.length === 0) return;
    const delivered = this.#faults === undefined ? [event] : this.#faults.deliver(event);
    for (const e of delivered) this.dispatch(e);
  }

  /** Delivers without the fault layer (an event the fault layer held back). */
  dispatch(event: SimEvent): void {
    for (const sub of this.#subs) {
      const f = sub.filter;
      if (f !== undefined) {
        if (f.channel !== undefined && f.channel !== event.channel) continue;
        if (f.symbol !== undefined && (event.channel !== 'public' || event.symbol !== f.symbol)) continue;
        if (f.accountId !== undefined && (event.channel !== 'private' || event.accountId !== f.accountId)) continue;
      }
      try {
        sub.listener(event);
      } catch (error) {
        this.#onError(error);
      }
    }
  }
}
