import type { ExchangeError } from '../errors/exchange-error.js';

/** Which socket an event is about: an adapter-chosen key such as `public:linear` or `private`. */
export interface ConnectionEvent {
  readonly connection: string;
  readonly at: number;
}

export interface ReconnectingEvent extends ConnectionEvent {
  /** 1 for the first attempt after a drop. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

export interface ResubscribedEvent extends ConnectionEvent {
  /** Exactly the topics still wanted, each once. */
  readonly topics: readonly string[];
}

export interface StreamErrorEvent {
  readonly connection?: string;
  readonly error: ExchangeError;
  readonly at: number;
}

/** A local order book was dropped and rebuilt from a fresh snapshot. */
export interface ResyncEvent {
  readonly symbol: string;
  readonly reason: string;
  readonly at: number;
}

/** An inbound frame could not be parsed and was dropped; the stream goes on. */
export interface DroppedFrameEvent {
  readonly connection: string;
  readonly reason: string;
  /** The start of the frame, scrubbed. */
  readonly preview: string;
  readonly at: number;
}

/** Private state was re-read over REST after a gap; `emitted` counts the events that filled it. */
export interface ReconciledEvent {
  readonly reason: string;
  readonly emitted: number;
  readonly at: number;
}

/** The typed event map of `exchange.events` (eventemitter3). */
export interface ExchangeEvents {
  open: (e: ConnectionEvent) => void;
  reconnecting: (e: ReconnectingEvent) => void;
  resubscribed: (e: ResubscribedEvent) => void;
  closed: (e: ConnectionEvent) => void;
  error: (e: StreamErrorEvent) => void;
  resync: (e: ResyncEvent) => void;
  dropped: (e: DroppedFrameEvent) => void;
  reconciled: (e: ReconciledEvent) => void;
}
