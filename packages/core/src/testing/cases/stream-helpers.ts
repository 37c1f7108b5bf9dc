/** Opening neutral streams by name and making the simulator produce items on them. */
import type { Credentials } from '../../credentials/credentials.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { CaseContext } from '../context.js';
import { TargetConfigError } from '../errors.js';
import type { KitSubscription } from '../instrument.js';
import type { VenueTopic } from '../venue-control.js';
import { D, place, plain, PUBLIC_STREAMS, smallestTimeframe, type Grid, type StreamName } from './helpers.js';

export function openStream(ctx: CaseContext, ex: Exchange, name: StreamName, symbol: string): KitSubscription<unknown> {
  const s = ctx.streams(ex);
  switch (name) {
    case 'ticker':
      return s.ticker(symbol);
    case 'orderBook':
      return s.orderBook(symbol, { depth: 20 });
    case 'trades':
      return s.trades(symbol);
    case 'candles':
      return s.candles(symbol, smallestTimeframe(ex) ?? '1m');
    case 'orders':
      return s.orders();
    case 'fills':
      return s.fills();
    case 'positions':
      return s.positions();
    case 'balances':
      return s.balances();
  }
}

export function venueTopic(ctx: CaseContext, ex: Exchange, name: StreamName, symbol: string): VenueTopic {
  if (!PUBLIC_STREAMS.includes(name)) return { stream: name };
  return name === 'candles' ? { stream: name, nativeId: ctx.nativeId(symbol), timeframe: smallestTimeframe(ex) ?? '1m' } : { stream: name, nativeId: ctx.nativeId(symbol) };
}

/**
 * Simulator: waits until the venue itself holds the subscription. `ready` may resolve once the
 * subscribe frame is written (venues that ack nothing); scripted activity before the venue has
 * read that frame reaches nobody — on a real venue too — so the kit scripts only after this.
 */
export async function venueHolds(ctx: CaseContext, topic: VenueTopic): Promise<void> {
  await ctx.waitFor(`the venue holds the ${topic.stream} subscription`, async () =>
    (await ctx.control.subscriptionCount(topic)) > 0 ? true : 'not subscribed at the venue yet',
  );
}

/**
 * Simulator: one round of activity that yields at least one item on `name` for `symbol` (the book
 * is expected seeded by `seed`: bids 95..91, asks 105..109). Round numbers keep each change distinct.
 */
export async function stimulate(ctx: CaseContext, ex: Exchange, name: StreamName, symbol: string, g: Grid, round: number): Promise<void> {
  const native = ctx.nativeId(symbol);
  switch (name) {
    case 'ticker':
    case 'orderBook':
      await ctx.control.changeBook(native, [
        { side: 'bid', price: plain(g.px(96)), size: plain(g.qty(1 + (round % 7))) },
        { side: 'ask', price: plain(g.px(104)), size: plain(g.qty(1 + (round % 5))) },
      ]);
      return;
    case 'trades':
    case 'candles':
      await ctx.control.printTrades(native, [{ price: plain(g.px(100)), size: plain(g.qty(1 + (round % 3))), side: round % 2 ? 'buy' : 'sell' }]);
      return;
    case 'orders':
      await place(ctx, ex, { symbol, side: 'buy', amount: g.unit, price: g.px(D(90).minus(round % 5)) });
      return;
    case 'fills':
    case 'positions':
    case 'balances': {
      // A small taker fill: one unit offered at 104 and bought.
      await ctx.control.changeBook(native, [{ side: 'ask', price: plain(g.px(104)), size: plain(g.unit) }]);
      await place(ctx, ex, { symbol, side: 'buy', amount: g.unit, price: g.px(104) });
      return;
    }
  }
}

/** Credentials with a valid key and a wrong secret (from a fresh simulator key, or the target's own). */
export async function wrongSecret(ctx: CaseContext): Promise<Credentials> {
  const base: Credentials | undefined = ctx.target.credentials ?? (ctx.sim ? await ctx.control.createApiKey({ permissions: ['read', 'trade'] }) : undefined);
  if (!base) throw new TargetConfigError('target.credentials is needed to build a wrong secret');
  ctx.session.secrets.add(base.apiSecret);
  const last = base.apiSecret.slice(-1);
  const apiSecret = `${base.apiSecret.slice(0, -1)}${last === 'a' ? 'b' : 'a'}`;
  return { ...base, apiSecret };
}

/** Process handles by type (sockets, timers…), for "nothing left behind" checks. */
export function activeHandles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of process.getActiveResourcesInfo()) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Types whose count rose above `baseline`, or true. */
export function handlesBackTo(baseline: Map<string, number>): true | string {
  const now = activeHandles();
  const extra = [...now].filter(([t, n]) => n > (baseline.get(t) ?? 0)).map(([t, n]) => `${t} ${baseline.get(t) ?? 0}→${n}`);
  return extra.length === 0 ? true : `still active: ${extra.join(', ')}`;
}
