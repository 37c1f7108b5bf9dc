export { CAPABILITY_KEYS, NO_CAPABILITIES, capabilitiesExcept, type Capabilities, type CapabilityKey } from './capabilities.js';
export type {
  ConnectionEvent,
  DroppedFrameEvent,
  ExchangeEvents,
  ReconciledEvent,
  ReconnectingEvent,
  ResubscribedEvent,
  ResyncEvent,
  StreamErrorEvent,
} from './lifecycle.js';
export type { DeliveryMode, Subscription } from './subscription.js';
export type { CandleQuery, Exchange, ExchangeStreams, OrderBookStreamOptions } from './exchange.js';
export { ExchangeBase, type ExchangeBaseOptions, type ResolvedOrder } from './exchange-base.js';
export { OperationsExchange, type ExchangeOperations, type OperationsBinding } from './operations.js';
