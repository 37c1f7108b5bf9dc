import type { Scheduler } from './clock/scheduler.js';
import type { VenueClock } from './clock/venue-clock.js';
import { createAccount, createApiKey } from './accounts/keys.js';
import { Ledger } from './accounts/ledger.js';
import { touchMarket, type Ctx, type OrderLogEntry } from './context.js';
import { reject, SimRejection } from './errors.js';
import type { EventBus } from './events/bus.js';
import { FaultController } from './faults/controller.js';
import type { InstrumentDefinition } from './instruments/definition.js';
import { SimInstrument } from './instruments/instrument.js';
import { Market } from './market-data/market.js';
import { maintainBook } from './market-data/process.js';
import { startReplay, validateReplay } from './market-data/replay.js';
import { logText } from './matching/parse.js';
import type { OrderRecord } from './matching/order-record.js';
import type { ResolvedOptions } from './options.js';
import { hydrate } from './snapshot/snapshot.js';
import type { SimSnapshot } from './snapshot/schema.js';
import { Prng } from './util/prng.js';

/**
 * A complete venue state from options (default markets, the default account with its key) or from
 * a snapshot. Returns the state and the default account's id.
 */
export function createContext(
  o: ResolvedOptions,
  parts: { readonly clock: VenueClock; readonly scheduler: Scheduler; readonly bus: EventBus },
  snap: SimSnapshot | undefined,
): { ctx: Ctx; defaultAccountId: string } {
  const { clock, bus } = parts;
  const markets = new Map<string, Market>();
  const faults = new FaultController({
    clock,
    rng: snap === undefined ? Prng.from(o.seed, 'faults') : Prng.restore(snap.faultRng),
    control: (event) => bus.publish(event),
    crossedLevel: (symbol) => {
      const m = markets.get(symbol);
      const ask = m?.book.asks.best();
      if (m === undefined || ask === undefined) return undefined;
      return [m.instrument.formatPrice(ask.ticks + 1n), m.instrument.formatSize(m.instrument.minLots)];
    },
  });
  bus.attachFaults(faults);
  const ctx: Ctx = {
    options: o,
    clock,
    scheduler: parts.scheduler,
    bus,
    faults,
    markets,
    accounts: new Map(),
    keys: new Map(),
    ledger: new Ledger(),
    orders: new Map(),
    ids: { order: 0, fill: 0, account: 0, log: 0 },
    keyRng: snap === undefined ? Prng.from(o.seed, 'keys') : Prng.restore(snap.keyRng),
    funding: o.funding,
    frozen: o.frozen,
    orderLog: [],
    depth: 0,
    dirtyMarkets: new Set(),
    dirtyAccounts: new Map(),
    triggerCheck: new Set(),
    liquidationCheck: new Set(),
    reduceOnlySweep: new Set(),
  };
  if (snap !== undefined) {
    hydrate(ctx, snap);
    return { ctx, defaultAccountId: snap.defaultAccountId };
  }
  for (const def of o.instruments) addMarket(ctx, def);
  const acct = createAccount(ctx, o.wallet);
  createApiKey(ctx, acct.id, ['read', 'trade']);
  // The starting state is not news: nothing of it is published.
  ctx.dirtyAccounts.clear();
  ctx.dirtyMarkets.clear();
  for (const m of ctx.markets.values()) {
    m.book.clearChanges();
    m.pendingCandles.clear();
    m.pendingTrades.length = 0;
    m.pendingTicker = false;
    m.pendingMarket = undefined;
  }
  return { ctx, defaultAccountId: acct.id };
}

/** A new market with its own random stream, its starting book, and (replay mode) its series. */
export function addMarket(ctx: Ctx, def: InstrumentDefinition): Market {
  const inst = new SimInstrument(def);
  if (ctx.markets.has(inst.symbol)) reject('INVALID_PARAMETER', `a market ${inst.symbol} exists already (give the definition a distinct symbol)`);
  const md = inst.definition.marketData;
  if (md?.mode === 'replay') validateReplay(inst, md.timeframe, md.candles);
  const m = new Market(inst, Prng.from(ctx.options.seed, `market:${inst.symbol}`), ctx.clock.now(), ctx.options);
  if (md?.mode === 'replay') m.replay = startReplay(md, ctx.clock.now());
  ctx.markets.set(inst.symbol, m);
  maintainBook(ctx, m);
  m.pendingMarket = { added: true };
  touchMarket(ctx, m);
  return m;
}

/** Runs an order request and records it — accepted or refused — in the venue's order log. */
export function logged(ctx: Ctx, accountId: string, action: OrderLogEntry['action'], request: object, fn: () => OrderRecord[]): OrderRecord[] {
  const at = ctx.clock.now();
  const push = (e: Omit<OrderLogEntry, 'seq' | 'at' | 'accountId' | 'action' | 'request'>): void => {
    ctx.orderLog.push({ seq: ++ctx.ids.log, at, accountId, action, request: logText(request), ...e });
    const limit = ctx.options.orderLogLimit;
    if (ctx.orderLog.length > limit + (limit >> 2)) ctx.orderLog.splice(0, ctx.orderLog.length - limit);
  };
  try {
    const orders = fn();
    push({ orderIds: orders.map((o) => o.id), ...(orders.length === 1 ? { status: orders[0]!.status } : {}) });
    return orders;
  } catch (error) {
    if (error instanceof SimRejection) push({ rejected: error.reason, message: error.message });
    throw error;
  }
}
