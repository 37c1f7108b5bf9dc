// Owned by the engine/WebSocket side (events/). The in-process event bus every producer publishes to
// (engine, venue streams, alerts, metrics) and the WebSocket fan-out consumes; with Redis configured the
// implementation also relays across gateway instances.

/** Topics of gateway-api.md § WebSocket. Market topics carry a symbol suffix: `price_update:BTC/USDT:USDT`. */
export type TopicName =
  | 'system_status' | 'trading_updates' | 'alerts' | 'metrics'
  | 'trade' | 'candle' | 'price_update'
  | 'position_opened' | 'position_closed' | 'position_updated' | 'order_filled';

/**
 * What the engine/WebSocket side publishes (the API side adds `system_status` figures and `metrics`):
 * - `trading_updates` (type `trading_update`, data.event = `engine_state` | `order_filled` |
 *   `order_rejected` | `order_failed` | `position_opened` | `position_updated` | `position_closed`);
 * - `order_filled`, `position_opened|updated|closed` (type = topic; same data as the trading update);
 * - `alerts` (type `alert`: engine alerts, e.g. the daily loss breaker's "Trading Stopped");
 * - `system_status` (type `system_status`: `{trading_active, engine_state, open_positions}` on every
 *   engine state change);
 * - `price_update:<symbol>`, `trade:<symbol>`, `candle:<symbol>[@<timeframe>]` (droppable, local), fed
 *   from the default venue while a client of this instance subscribes.
 */
export interface BusMessage {
  /** Full topic, with the symbol suffix where it has one. */
  readonly topic: string;
  /** Message type as sent to clients (`{type, timestamp, data}`). */
  readonly type: string;
  /** Market data may be dropped for a slow client; the rest may not. */
  readonly droppable: boolean;
  readonly timestamp: string;
  readonly data: unknown;
  /**
   * Not relayed to other gateway instances. Market data is local: every instance feeds its own
   * clients from the venue (relaying it would deliver it twice where both instances subscribe).
   */
  readonly local?: boolean;
}

/**
 * Topics only gateway instances talk on (never offered to WebSocket clients): a command, or "the
 * strategies changed", for the engine leader, sent by an instance that does not hold the lease.
 */
export const INTERNAL_TOPICS = ['engine_command', 'engine_reload', 'auth_changed'] as const;

export interface EventBus {
  publish(message: BusMessage): void;
  /**
   * Publishes and resolves once the message is on its way to every other instance (Redis answered the
   * PUBLISH). Absent on a bus without other instances, where `publish` delivers synchronously.
   */
  publishConfirmed?(message: BusMessage): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}
