// Collects bus messages and waits for one (bounded by count of checks and a deadline, never asserted on).
import type { BusMessage, EventBus } from '../../../src/contracts/events.js';

export class BusRecorder {
  readonly messages: BusMessage[] = [];
  readonly #waiters: Array<{ match: (m: BusMessage) => boolean; resolve: (m: BusMessage) => void }> = [];
  readonly #off: () => void;

  constructor(bus: EventBus) {
    this.#off = bus.subscribe((m) => {
      this.messages.push(m);
      for (const w of [...this.#waiters]) {
        if (w.match(m)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    });
  }

  of(topic: string): BusMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  /** The first message (already seen or coming) that matches; rejects after `ms`. */
  next(match: (m: BusMessage) => boolean, ms = 10_000, since = 0): Promise<BusMessage> {
    const seen = this.messages.slice(since).find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching bus message within ${ms} ms (${this.messages.length} seen: ${[...new Set(this.messages.map((m) => m.topic))].join(', ')})`)), ms);
      this.#waiters.push({ match, resolve: (m) => { clearTimeout(t); resolve(m); } });
    });
  }

  stop(): void {
    this.#off();
  }
}

/** Polls `check` until it holds: at most `tries` times, `everyMs` apart. */
export async function until(check: () => boolean | Promise<boolean>, what: string, tries = 400, everyMs = 25): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}
