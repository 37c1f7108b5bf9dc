/**
 * @exkit/sim — an exchange-neutral simulated venue. Markets, seeded market data (or replayed
 * candles), a price-time-priority matching engine, accounts with positions, fees, funding and
 * liquidation, per-account event sequences, an injectable clock, deterministic faults and JSON
 * snapshots. It knows no wire protocol: each exchange package puts its own in front of it.
 */
export { SimVenue, type HistoryQuery } from './venue.js';
export type { SimVenueOptions } from './options.js';
export { DEFAULT_WALLET, DEFAULT_VIRTUAL_START } from './options.js';

export { SimRejection, REJECT_REASONS, CANCEL_REASONS, type RejectReason, type CancelReason } from './errors.js';

export { SimInstrument } from './instruments/instrument.js';
export { DEFAULT_INSTRUMENTS, CONTRACT_MARKET_EXAMPLE } from './instruments/defaults.js';
export {
  instrumentDefinitionSchema,
  type InstrumentDefinition,
  type MarketDataSpec,
  type ReplayCandle,
} from './instruments/definition.js';

export type { BookLevel, BookSnapshot, SimCandle, SimTicker, SimTrade } from './market-data/types.js';
export { TIMEFRAMES } from './market-data/candles.js';
export { parseReplayCandles, loadReplayCandles } from './market-data/replay.js';

export type {
  AmendOrderRequest,
  CancelAllRequest,
  OrderRef,
  PlaceOrderRequest,
  SimFill,
  SimOrder,
  TriggerDirection,
  TriggerRequest,
} from './matching/types.js';

export type { ApiKeyInfo, Permission, SimBalance, SimFunding, SimPosition } from './accounts/types.js';
export { HOUSE, FEES, INSURANCE, EXTERNAL } from './accounts/ledger.js';

export type { ControlEvent, PrivateEvent, PublicEvent, SimEvent, SimListener, SubscribeFilter } from './events/types.js';

export { FaultController } from './faults/controller.js';
export { RateMeter, type RateVerdict } from './faults/rate-meter.js';
export { FAULT_KINDS, type ActiveFault, type ChaosFault, type SimFault, type SimFaultKind, type VenueOperation } from './faults/types.js';

export { VenueClock } from './clock/venue-clock.js';
export type { OrderLogEntry } from './context.js';
export { SNAPSHOT_VERSION, snapshotSchema, type SimSnapshot } from './snapshot/schema.js';

export {
  engineVenueControl,
  ENGINE_FAULT_KINDS,
  fromVenueInstrument,
  toVenueFill,
  toVenueInstrument,
  toVenueOrder,
  toVenueTrade,
  type EngineVenueControl,
  type EngineVenueControlOptions,
} from './control/venue-control.js';
