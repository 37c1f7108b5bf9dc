import { timeframeNextOpen } from '@exkit/core';
import { settleFunding } from './accounts/funding.js';
import { run } from './action.js';
import type { TaskId } from './clock/scheduler.js';
import type { Ctx } from './context.js';
import { processTick } from './market-data/process.js';
import { nextReplayTime, replayStep } from './market-data/replay.js';

/**
 * The venue's time-driven work — closing candles at minute boundaries, replay prints, background
 * ticks, funding settlements — behind one scheduler task set for the earliest of them. When it
 * fires, everything due then runs in a fixed order in one action, so the outcome depends only on
 * the venue's state and the time (a restored venue continues exactly as the original would).
 */
export class Driver {
  readonly #ctx: Ctx;
  #task: { id: TaskId; at: number } | undefined;
  #stopped = false;

  constructor(ctx: Ctx) {
    this.#ctx = ctx;
  }

  /** Whole ms between background ticks (venue times stay integers). */
  get interval(): number {
    return Math.max(1, Math.round(1000 / this.#ctx.options.rate));
  }

  /** Re-plans the next wake-up (after freeze, a new market, a restore). */
  schedule(): void {
    if (this.#stopped) return;
    const at = this.#nextDue(this.#ctx.clock.now());
    if (this.#task !== undefined && this.#task.at === at) return;
    if (this.#task !== undefined) this.#ctx.scheduler.cancel(this.#task.id);
    this.#task = { at, id: this.#ctx.scheduler.at(at, () => this.#fire(at)) };
  }

  stop(): void {
    this.#stopped = true;
    if (this.#task !== undefined) this.#ctx.scheduler.cancel(this.#task.id);
    this.#task = undefined;
  }

  #nextBackground(now: number): number {
    const i = this.interval;
    return (Math.floor(now / i) + 1) * i;
  }

  #nextDue(now: number): number {
    const ctx = this.#ctx;
    let at = timeframeNextOpen(now, '1m');
    for (const m of ctx.markets.values()) {
      if (!m.instrument.isSpot && m.nextFundingTime < at) at = m.nextFundingTime;
      if (m.replay !== undefined && !ctx.frozen) {
        const r = nextReplayTime(m.replay);
        if (r !== undefined && r < at) at = Math.max(r, now);
      }
    }
    if (!ctx.frozen) at = Math.min(at, this.#nextBackground(now));
    return at;
  }

  #fire(at: number): void {
    this.#task = undefined;
    const ctx = this.#ctx;
    run(ctx, () => {
      const now = ctx.clock.now();
      if (!ctx.frozen) {
        for (const m of ctx.markets.values()) {
          if (m.replay === undefined || m.instrument.status !== 'trading') continue;
          for (let t = nextReplayTime(m.replay); t !== undefined && t <= now; t = nextReplayTime(m.replay)) replayStep(ctx, m);
        }
        if (at % this.interval === 0) {
          for (const m of ctx.markets.values()) {
            if (m.replay === undefined && m.instrument.status === 'trading') processTick(ctx, m, this.interval);
          }
        }
      }
      for (const m of ctx.markets.values()) if (!m.instrument.isSpot && m.nextFundingTime <= now) settleFunding(ctx, m);
    });
    this.schedule();
  }
}
