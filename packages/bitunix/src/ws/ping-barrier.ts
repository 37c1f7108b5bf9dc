import type { Clock, TopicManager } from '@exkit/core';
import { isPong, pingFrame } from './heartbeat.js';

interface Waiter {
  readonly target: number;
  readonly resolve: () => void;
}

/**
 * Proof that the venue has read a subscribe it never acknowledges (bitunix.md §6: "No acknowledgement for a valid
 * subscribe", PROBE; NET). The venue answers each JSON ping in order on its socket, so once the pong of a ping
 * written after the subscribe frame is back, the subscribe before it has been read: that is when `ready` resolves
 * (no sleeps). Every ping of the connection — heartbeat ones included — is counted as written and every pong as
 * read; a barrier waits until all pings up to its own are answered. Barriers asked for while one is still queued
 * share its ping (5 messages/s per socket, pings included). A lost connection releases all waiters: its topics are
 * subscribed again on the next one anyway. With more than one connection (over 300 channels) the count is shared,
 * so a barrier can release early there.
 */
export class PingBarrier {
  readonly #clock: Clock;
  #written = 0;
  #answered = 0;
  #waiters: Waiter[] = [];
  #queued: Promise<void> | undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The heartbeat's ping builder: counts the ping as it goes out. */
  readonly ping = (): { op: 'ping'; ping: number } => {
    this.#written += 1;
    return pingFrame(this.#clock);
  };

  /** The heartbeat's pong test: counts the answer and releases the barriers it completes. */
  readonly isPong = (message: unknown): boolean => {
    if (!isPong(message)) return false;
    this.#answered += 1;
    this.#release((w) => w.target <= this.#answered);
    return true;
  };

  /** The connection dropped: its unanswered pings never will be. */
  reset(): void {
    this.#written = 0;
    this.#answered = 0;
    this.#queued = undefined;
    this.#release(() => true);
  }

  /** Resolves once the venue has answered a ping written after this call, on every open connection of `manager`. */
  after(manager: TopicManager): Promise<void> {
    if (this.#queued !== undefined) return this.#queued;
    const sockets = manager.connections.filter((s) => s.isReady);
    if (sockets.length === 0) return Promise.resolve();
    const writes = sockets.map((s) => s.sendNow(pingFrame(this.#clock)).then(() => void (this.#written += 1)));
    const queued: Promise<void> = Promise.all(writes).then(
      () => {
        if (this.#queued === queued) this.#queued = undefined;
        return this.#wait(this.#written);
      },
      () => {
        // the connection dropped before the ping went out; reset() released the rest
        if (this.#queued === queued) this.#queued = undefined;
      },
    );
    this.#queued = queued;
    return queued;
  }

  #wait(target: number): Promise<void> {
    if (this.#answered >= target) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waiters.push({ target, resolve }));
  }

  #release(done: (w: Waiter) => boolean): void {
    const keep: Waiter[] = [];
    for (const w of this.#waiters) if (done(w)) w.resolve();
    else keep.push(w);
    this.#waiters = keep;
  }
}
