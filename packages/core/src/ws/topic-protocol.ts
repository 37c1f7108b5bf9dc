import type { ExchangeError } from '../errors/exchange-error.js';
import type { OutboundFrame } from './frames.js';

/**
 * How one venue subscribes. Topic keys are strings the adapter chooses: venue A's own topic names
 * (`tickers.BTCUSDT`), or a key it maps to args (venue B `ticker:BTCUSDT` → `{ch:'ticker',symbol:'BTCUSDT'}`).
 */
export interface TopicProtocol {
  /** Topics one connection may carry; more open another connection (venue B 300, venue A option 2_000; default unlimited). */
  readonly maxTopicsPerConnection?: number;
  /** Topics per subscribe/unsubscribe frame (venue A spot 10, venue B 300 fits one frame; default unlimited). */
  readonly maxTopicsPerFrame?: number;
  /** Characters of topic keys per frame, counted as a JSON array (venue A public: 21_000). */
  readonly maxFrameChars?: number;
  /** Builds a subscribe frame. `reqId` is unique per connection: put it where the venue echoes it (venue A `req_id`). */
  subscribe(topics: readonly string[], reqId: string): OutboundFrame;
  /** Builds an unsubscribe frame; without one a released topic is simply not resubscribed on the next connection. */
  unsubscribe?(topics: readonly string[], reqId: string): OutboundFrame;
  /**
   * How a subscribe is confirmed: `'ack'` waits for a reply recognised by `parseAck` (venue A);
   * `'write'` counts it confirmed once written (venue B acknowledges no valid subscribe). Default `'ack'`.
   */
  readonly confirm?: 'ack' | 'write';
  /** How long to wait for an ack, ms (default 10_000). */
  readonly ackTimeoutMs?: number;
  /** Recognises a subscribe/unsubscribe reply or refusal; undefined for every other frame. Must not throw. */
  parseAck?(message: unknown): SubscriptionAck | undefined;
  /** The topic key(s) a data frame belongs to; undefined for frames that are not topic data. */
  topicOf(message: unknown): string | readonly string[] | undefined;
}

/** A venue's reply to a subscribe or unsubscribe frame, as the adapter reads it. */
export interface SubscriptionAck {
  readonly op: 'subscribe' | 'unsubscribe';
  /** The echoed request id; without one the reply goes to the oldest outstanding request of `op` on that connection. */
  readonly reqId?: string;
  /** Set when refused: the typed error callers get (BadSymbolError for an unknown symbol, …). */
  readonly error?: ExchangeError;
  /**
   * The refused topics when the venue names them: only those fail, the rest of the frame is confirmed.
   * Without it a refusal fails every topic of the request. A refusal naming topics but matching no
   * request (a late venue-B-style refusal) fails those topics wherever they are.
   */
  readonly refused?: readonly string[];
}
