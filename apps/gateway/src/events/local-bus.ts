// The in-process event bus: synchronous fan-out to every listener of this gateway instance.
import type { BusMessage, EventBus } from '../contracts/events.js';

export interface LocalBusOptions {
  /** Called when a listener throws; the other listeners still get the message. */
  readonly onListenerError?: (error: unknown, message: BusMessage) => void;
}

/** The listener set shared by the local and the Redis bus (delivery to this instance). */
export class ListenerSet {
  readonly #listeners = new Set<(message: BusMessage) => void>();
  constructor(private readonly onError?: (error: unknown, message: BusMessage) => void) {}

  add(listener: (message: BusMessage) => void): () => void {
    // Wrapped so one function subscribed twice gets two independent subscriptions.
    const entry = (m: BusMessage): void => listener(m);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  deliver(message: BusMessage): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(message);
      } catch (error) {
        this.onError?.(error, message);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }

  get size(): number {
    return this.#listeners.size;
  }
}

export function createEventBus(options: LocalBusOptions = {}): EventBus {
  const listeners = new ListenerSet(options.onListenerError);
  let closed = false;
  return {
    publish(message) {
      if (!closed) listeners.deliver(message);
    },
    subscribe(listener) {
      return listeners.add(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
    },
  };
}
