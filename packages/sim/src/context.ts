import type { OrderStatus } from '@exkit/core';
import type { Account } from './accounts/account.js';
import type { Ledger } from './accounts/ledger.js';
import type { ApiKeyInfo, SimFunding } from './accounts/types.js';
import type { Scheduler } from './clock/scheduler.js';
import type { VenueClock } from './clock/venue-clock.js';
import { reject, type RejectReason } from './errors.js';
import type { EventBus } from './events/bus.js';
import type { FaultController } from './faults/controller.js';
import type { Market } from './market-data/market.js';
import type { OrderRecord } from './matching/order-record.js';
import type { SimFill } from './matching/types.js';
import type { ResolvedOptions } from './options.js';
import type { Prng } from './util/prng.js';

/** What changed for one account during the current action (published when it ends). */
export interface AccountPending {
  readonly fills: SimFill[];
  readonly orders: Map<string, OrderRecord>;
  readonly positions: Set<string>;
  readonly balances: Set<string>;
  readonly fundings: SimFunding[];
}

/** One request as the venue's matching engine received it, and what it answered. */
export interface OrderLogEntry {
  readonly seq: number;
  readonly at: number;
  readonly accountId: string;
  readonly action: 'place' | 'amend' | 'cancel' | 'cancelAll';
  /** The request with every value as text (decimals as received). */
  readonly request: Readonly<Record<string, string | boolean | undefined>>;
  readonly orderIds?: readonly string[];
  readonly status?: OrderStatus;
  readonly rejected?: RejectReason;
  readonly message?: string;
}

export interface Counters {
  order: number;
  fill: number;
  account: number;
  log: number;
}

/** The venue's whole state, shared by the engine's modules (the public face is `SimVenue`). */
export interface Ctx {
  readonly options: ResolvedOptions;
  readonly clock: VenueClock;
  readonly scheduler: Scheduler;
  readonly bus: EventBus;
  readonly faults: FaultController;
  readonly markets: Map<string, Market>;
  readonly accounts: Map<string, Account>;
  readonly keys: Map<string, ApiKeyInfo>;
  readonly ledger: Ledger;
  readonly orders: Map<string, OrderRecord>;
  readonly ids: Counters;
  readonly keyRng: Prng;
  funding: boolean;
  frozen: boolean;
  orderLog: OrderLogEntry[];
  /** Nesting of venue actions; events publish when the outermost one ends. */
  depth: number;
  readonly dirtyMarkets: Set<Market>;
  readonly dirtyAccounts: Map<string, AccountPending>;
  /** Markets whose last / mark / index moved: conditional orders to check. */
  readonly triggerCheck: Set<Market>;
  /** Markets whose mark moved or whose positions changed: maintenance margin to check. */
  readonly liquidationCheck: Set<Market>;
  /** "accountId\0symbol" whose position went flat or flipped: reduce-only orders to cancel. */
  readonly reduceOnlySweep: Set<string>;
}

export function market(ctx: Ctx, symbol: string): Market {
  return ctx.markets.get(symbol) ?? reject('UNKNOWN_SYMBOL', `unknown symbol ${symbol}`);
}

export function account(ctx: Ctx, accountId: string): Account {
  return ctx.accounts.get(accountId) ?? reject('UNKNOWN_ACCOUNT', `unknown account ${accountId}`);
}

export function pendingFor(ctx: Ctx, accountId: string): AccountPending {
  let p = ctx.dirtyAccounts.get(accountId);
  if (p === undefined) {
    p = { fills: [], orders: new Map(), positions: new Set(), balances: new Set(), fundings: [] };
    ctx.dirtyAccounts.set(accountId, p);
  }
  return p;
}

export function markOrder(ctx: Ctx, order: OrderRecord): void {
  pendingFor(ctx, order.accountId).orders.set(order.id, order);
}

export function markBalance(ctx: Ctx, accountId: string, coin: string): void {
  pendingFor(ctx, accountId).balances.add(coin);
}

export function markPosition(ctx: Ctx, accountId: string, symbol: string): void {
  pendingFor(ctx, accountId).positions.add(symbol);
}

export function touchMarket(ctx: Ctx, m: Market): void {
  ctx.dirtyMarkets.add(m);
}
