import type { Clock } from '@exkit/core';

/**
 * The venue's clock as its latest answers show it: every REST envelope carries `time` and every
 * public frame `ts` (reference §3, §6). The time sync probes the server only now and then; this
 * follows the venue between probes, so "now" for venue-time ranges (the newest closed candle) is
 * the venue's and not a stale estimate (CK-MD-10: the venue clock moved ahead).
 */
export class ObservedVenueTime {
  readonly #clock: Clock;
  /** venue − local, ms, from the latest observation; undefined before any. */
  #offset: number | undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Records a venue timestamp seen on the wire (ignored unless a plausible epoch ms). */
  observe(venueTime: number): void {
    if (!Number.isSafeInteger(venueTime) || venueTime < Date.UTC(2015, 0, 1)) return;
    this.#offset = venueTime - this.#clock.now();
  }

  /** The venue time now by the latest observation, or `fallback` before any. */
  now(fallback: number): number {
    return this.#offset === undefined ? fallback : this.#clock.now() + this.#offset;
  }
}
