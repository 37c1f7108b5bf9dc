// A client's bounded outgoing queue. Frames go straight to the socket while its own buffer is below
// the high-water mark; past it they wait here. A full queue drops its oldest droppable (market)
// frame and counts it; a client that cannot take even the frames that may not be dropped, or stays
// behind longer than `slowCloseMs`, is closed with 1013 so memory stays bounded.
import type { Clock } from '@exkit/core';

/** The part of a `ws` socket the buffer drives (so the policy is testable on its own). */
export interface FrameSink {
  readonly bufferedAmount: number;
  send(data: string, callback: (error?: Error | null) => void): void;
}

export interface SendBufferLimits {
  /** Frames held here at most (default 1,000). */
  readonly maxQueued: number;
  /** Bytes the socket may hold before frames queue here instead (default 1 MiB). */
  readonly highWaterBytes: number;
  /** How long a client may stay behind before it is closed (default 30 s). */
  readonly slowCloseMs: number;
}

export const DEFAULT_SEND_BUFFER_LIMITS: SendBufferLimits = { maxQueued: 1_000, highWaterBytes: 1024 * 1024, slowCloseMs: 30_000 };

interface Queued {
  readonly data: string;
  readonly droppable: boolean;
}

export class SendBuffer {
  #queue: Queued[] = [];
  #behindSince: number | undefined;
  #closed = false;
  sent = 0;
  dropped = 0;

  constructor(
    private readonly sink: FrameSink,
    private readonly limits: SendBufferLimits,
    private readonly clock: Clock,
    /** Called once when the client must go (1013). */
    private readonly onSlow: (reason: string) => void,
    /** Called for every frame that left (for the message counters). */
    private readonly onSent: () => void = () => undefined,
  ) {}

  get queued(): number {
    return this.#queue.length;
  }

  push(data: string, droppable: boolean): void {
    if (this.#closed) return;
    if (this.#queue.length === 0 && this.sink.bufferedAmount < this.limits.highWaterBytes) {
      this.#write(data);
      return;
    }
    this.#queue.push({ data, droppable });
    this.#behindSince ??= this.clock.now();
    if (this.#queue.length > this.limits.maxQueued) {
      const oldest = this.#queue.findIndex((q) => q.droppable);
      if (oldest < 0) {
        this.#slow(`send buffer full (${this.limits.maxQueued} frames that may not be dropped)`);
        return;
      }
      this.#queue.splice(oldest, 1);
      this.dropped++;
    }
    this.check();
  }

  /** Writes what the socket can take now; closes a client behind for too long. */
  check(): void {
    if (this.#closed) return;
    while (this.#queue.length > 0 && this.sink.bufferedAmount < this.limits.highWaterBytes) {
      this.#write(this.#queue.shift()!.data);
    }
    if (this.#queue.length === 0) {
      this.#behindSince = undefined;
      return;
    }
    const since = this.#behindSince;
    if (since !== undefined && this.clock.now() - since > this.limits.slowCloseMs) {
      this.#slow(`behind for more than ${this.limits.slowCloseMs} ms (${this.#queue.length} frames waiting, ${this.dropped} dropped)`);
    }
  }

  /** Frees the queue (the socket is gone). */
  close(): void {
    this.#closed = true;
    this.#queue = [];
  }

  #slow(reason: string): void {
    this.close();
    this.onSlow(reason);
  }

  #write(data: string): void {
    this.sent++;
    this.onSent();
    // The callback runs once the socket took the frame (Node passes null on success): a good moment to send what waits.
    this.sink.send(data, (error) => {
      if (error === undefined || error === null) this.check();
    });
  }
}
