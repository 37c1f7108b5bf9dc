import { checkLiquidations } from './accounts/liquidation.js';
import { touchMarket, type Ctx } from './context.js';
import { flush } from './events/publish.js';
import { cancelOrderRecord } from './matching/cancel.js';
import { reducibleLots } from './matching/matcher.js';
import { evaluateTriggers } from './matching/triggers.js';

/**
 * Every venue operation runs inside an action: candles roll to the current time first; when the
 * outermost action ends, consequences settle (fired triggers, reduce-only orders left without a
 * position, liquidations — each of which may cause more) and then everything publishes at once.
 */
export function run<T>(ctx: Ctx, fn: () => T): T {
  const outer = ctx.depth === 0;
  if (outer) rollCandles(ctx);
  ctx.depth++;
  try {
    return fn();
  } finally {
    if (outer) {
      try {
        settle(ctx);
      } finally {
        ctx.depth--;
        flush(ctx);
      }
    } else ctx.depth--;
  }
}

export function rollCandles(ctx: Ctx): void {
  const now = ctx.clock.now();
  for (const m of ctx.markets.values()) {
    m.candles.roll(now, (tf, c) => {
      m.pendingClosed.push([tf, c]);
      touchMarket(ctx, m);
    });
  }
}

const MAX_SETTLE_STEPS = 1_000_000;

function settle(ctx: Ctx): void {
  for (let step = 0; step < MAX_SETTLE_STEPS; step++) {
    const sweep = first(ctx.reduceOnlySweep);
    if (sweep !== undefined) {
      ctx.reduceOnlySweep.delete(sweep);
      const [accountId, symbol] = sweep.split('\u0000') as [string, string];
      const acct = ctx.accounts.get(accountId);
      const m = ctx.markets.get(symbol);
      if (acct === undefined || m === undefined) continue;
      for (const order of [...acct.live.values()]) {
        if (order.instrument === m.instrument && order.reduceOnly && order.status === 'open' && reducibleLots(m, order, ctx) === 0n) {
          cancelOrderRecord(ctx, m, order, 'reduceOnly');
        }
      }
      continue;
    }
    const t = first(ctx.triggerCheck);
    if (t !== undefined) {
      ctx.triggerCheck.delete(t);
      evaluateTriggers(ctx, t);
      continue;
    }
    const l = first(ctx.liquidationCheck);
    if (l !== undefined) {
      ctx.liquidationCheck.delete(l);
      checkLiquidations(ctx, l);
      continue;
    }
    return;
  }
  throw new Error('venue consequences did not settle (a trigger loop?)');
}

function first<T>(set: ReadonlySet<T>): T | undefined {
  for (const v of set) return v;
  return undefined;
}
