// Sends the engine's orders and keeps the trade journal: a `submitted` line before the venue call,
// the outcome after it, so a restart can tell what was sent (deterministic client ids) and ask the
// venue what became of it.
import { randomUUID } from 'node:crypto';
import { ExchangeError, TERMINAL_ORDER_STATUSES, type Clock, type Decimal, type Order, type OrderSide } from '@exkit/core';
import type { EngineStore, JournalEntry } from '../contracts/engine.js';
import type { EventBus } from '../contracts/events.js';
import type { Venue } from '../contracts/venues.js';
import { busMessage } from '../events/message.js';

export interface OrderTicket {
  readonly venue: Venue;
  readonly strategyId: string | null;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly amount: Decimal;
  readonly type: 'market' | 'limit';
  readonly price?: Decimal;
  readonly reduceOnly: boolean;
  /** Why: `signal`, `stop_loss`, `close_positions`. */
  readonly reason: string;
}

export interface TrackedOrder {
  readonly venue: string;
  readonly strategyId: string | null;
  readonly symbol: string;
  readonly id: string;
  readonly clientOrderId: string;
}

const TERMINAL: ReadonlySet<string> = TERMINAL_ORDER_STATUSES;

export class OrderExecutor {
  /** Client ids with a journal line: never sent twice. */
  readonly journaled = new Set<string>();
  /** Engine orders resting on a venue. */
  readonly open = new Map<string, TrackedOrder>();
  totalTrades = 0;
  lastTradeTime: string | null = null;

  constructor(
    private readonly store: EngineStore,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Loads the journal's memory (ids sent, trade count) and returns ids whose outcome is unknown. */
  async load(): Promise<Map<string, JournalEntry>> {
    const entries = await this.store.listJournal({ limit: 100_000 });
    const last = new Map<string, JournalEntry>();
    let trades = 0;
    let lastTrade: string | null = null;
    for (const e of [...entries].sort((a, b) => a.at.localeCompare(b.at))) {
      this.journaled.add(e.clientOrderId);
      last.set(e.clientOrderId, e);
      const filled = e.detail['filled'];
      if (TERMINAL.has(e.status) && typeof filled === 'string' && filled !== '0') {
        trades++;
        lastTrade = e.at;
      }
    }
    this.totalTrades = trades;
    this.lastTradeTime = lastTrade;
    return new Map([...last].filter(([, e]) => e.status === 'submitted' || e.status === 'open'));
  }

  async journal(t: Omit<OrderTicket, 'venue' | 'type' | 'reduceOnly' | 'reason'> & { venue: string }, status: string, price: Decimal | undefined, detail: Record<string, unknown>): Promise<void> {
    this.journaled.add(t.clientOrderId);
    const entry: JournalEntry = {
      id: randomUUID(),
      at: new Date(this.clock.now()).toISOString(),
      venue: t.venue,
      strategyId: t.strategyId,
      clientOrderId: t.clientOrderId,
      symbol: t.symbol,
      side: t.side,
      amount: t.amount.toFixed(),
      price: price?.toFixed() ?? null,
      status,
      detail,
    };
    await this.store.appendJournal(entry);
  }

  /** Places the order once per client id; returns the order, or null when skipped or failed. */
  async place(t: OrderTicket): Promise<Order | null> {
    if (this.journaled.has(t.clientOrderId)) return null;
    const base = { venue: t.venue.id, strategyId: t.strategyId, clientOrderId: t.clientOrderId, symbol: t.symbol, side: t.side, amount: t.amount };
    await this.journal(base, 'submitted', t.price, { type: t.type, reduce_only: t.reduceOnly, reason: t.reason });
    let order: Order;
    try {
      order = await t.venue.client.placeOrder({
        symbol: t.symbol,
        side: t.side,
        type: t.type,
        amount: t.amount,
        ...(t.type === 'limit' && t.price !== undefined && { price: t.price }),
        ...(t.reduceOnly && { reduceOnly: true }),
        clientOrderId: t.clientOrderId,
      });
    } catch (error) {
      const detail = errorDetail(error);
      await this.journal(base, 'failed', t.price, { ...detail, reason: t.reason });
      this.#update('order_failed', { exchange: t.venue.id, symbol: t.symbol, side: t.side, size: t.amount.toFixed(), client_order_id: t.clientOrderId, ...detail });
      return null;
    }
    await this.record(t.venue.id, t.strategyId, order, t.reason);
    return order;
  }

  /** Journals an order's state (placed, or found by reconciliation) and announces fills. */
  async record(venue: string, strategyId: string | null, order: Order, reason: string): Promise<void> {
    const clientOrderId = order.clientOrderId ?? order.id;
    const price = order.average ?? order.price;
    await this.journal({ venue, strategyId, clientOrderId, symbol: order.symbol, side: order.side, amount: order.amount }, order.status, price, {
      order_id: order.id,
      filled: order.filled.toFixed(),
      type: order.type,
      reduce_only: order.reduceOnly,
      reason,
    });
    if (TERMINAL.has(order.status)) this.open.delete(clientOrderId);
    else this.open.set(clientOrderId, { venue, strategyId, symbol: order.symbol, id: order.id, clientOrderId });
    if (order.filled.gt(0) && TERMINAL.has(order.status)) {
      this.totalTrades++;
      this.lastTradeTime = new Date(this.clock.now()).toISOString();
      const data = {
        event: 'order_filled',
        exchange: venue,
        symbol: order.symbol,
        side: order.side,
        size: order.filled.toFixed(),
        price: (order.average ?? order.price)?.toFixed() ?? null,
        order_id: order.id,
        client_order_id: clientOrderId,
        strategy_id: strategyId,
      };
      this.bus.publish(busMessage('order_filled', 'order_filled', data, { at: this.clock.now() }));
      this.bus.publish(busMessage('trading_updates', 'trading_update', data, { at: this.clock.now() }));
    }
  }

  #update(event: string, data: Record<string, unknown>): void {
    this.bus.publish(busMessage('trading_updates', 'trading_update', { event, ...data }, { at: this.clock.now() }));
  }

  announceRejection(data: Record<string, unknown>): void {
    this.#update('order_rejected', data);
  }
}

export function errorDetail(error: unknown): Record<string, unknown> {
  if (error instanceof ExchangeError) return { error: error.name, message: error.message, ...(error.code !== undefined && { code: String(error.code) }) };
  return { error: 'Error', message: error instanceof Error ? error.message : String(error) };
}
