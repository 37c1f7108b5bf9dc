import type { Clock } from '@exkit/core';
import { RATE_LIMIT_PAUSE_MS } from './error-codes.js';

/** Answers closer together than this belong to one breach (concurrent calls refused by one window). */
const SAME_BREACH_MS = 500;
/** A breach this long after the previous one starts over at the first pause. */
const CALM_AFTER_MS = 30_000;
const MAX_PAUSE_MS = 16_000;

/**
 * How long to back off after a 10005/10006 (bitunix.md §3): the venue sends neither `Retry-After` nor a reset
 * time, PROBE recommends a 1 000 ms pause and the DOC warns that IPs breaching repeatedly may be blocked. So the
 * pause starts at 1 s and quadruples while breaches keep coming (1 s, 4 s, 16 s), rather than knocking every
 * second on a closed window; a success, or 30 s without a breach, starts over.
 */
export class BreachPacer {
  readonly #clock: Clock;
  #level = 0;
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The pause for a breach answered now. */
  breach(): number {
    const now = this.#clock.now();
    const gap = now - this.#lastAt;
    if (gap > CALM_AFTER_MS) this.#level = 1;
    else if (gap > SAME_BREACH_MS) this.#level += 1;
    else this.#level = Math.max(this.#level, 1);
    this.#lastAt = now;
    return Math.min(MAX_PAUSE_MS, RATE_LIMIT_PAUSE_MS * 4 ** (this.#level - 1));
  }

  /** A request went through: the next breach starts at the first pause. */
  success(): void {
    this.#level = 0;
    this.#lastAt = Number.NEGATIVE_INFINITY;
  }
}
