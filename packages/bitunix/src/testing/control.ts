/**
 * Core's `VenueControl` for the Bitunix simulator: the engine's part (`engineVenueControl`) plus what only the
 * front knows — limits, the request log with the wire parameters as received, subscriptions per neutral topic,
 * sockets — and the wire-level faults it implements.
 */
import type { VenueControl, VenueFaultKind, VenueTopic } from '@exkit/core/testing';
import { engineVenueControl, type SimVenue } from '@exkit/sim';
import { venueLimits } from './limits.js';
import type { FrontState } from './state.js';
import { topicKey } from './ws/connection.js';
import { WS_INTERVAL } from './ws/public.js';

/** Faults the front implements on the wire. */
export const FRONT_FAULTS: readonly VenueFaultKind[] = [
  'resetConnections',
  'refuseConnections',
  'enforceRateLimits',
  'rateLimitWindow',
  'unavailableWindow',
  'delayResponses',
  'dropResponse',
  'malformedResponse',
  'malformedFrame',
  'errorCode',
];

/** Book faults the front maps onto its snapshot feed (ws/book-faults.ts) instead of the engine's delta stream. */
const BOOK_FAULTS = new Set<VenueFaultKind>(['sequenceGap', 'duplicateFrames', 'crossedBook']);

/** What the control needs of the public feed to inject book faults. */
export interface BookFaultTarget {
  stallDepth(nativeId: string): void;
  readonly bookFaults: { duplicateNext(nativeId: string): void; crossNext(nativeId: string): void; clear(): void };
}

export function nativeChannels(topic: VenueTopic): string[] {
  const id = topic.nativeId;
  switch (topic.stream) {
    case 'ticker':
      return [topicKey('tickers', id), topicKey('ticker', id)];
    case 'orderBook':
      return ['depth_book1', 'depth_book5', 'depth_book15', 'depth_books'].map((ch) => topicKey(ch, id));
    case 'trades':
      return [topicKey('trade', id)];
    case 'candles': {
      const iv = topic.timeframe === undefined ? undefined : WS_INTERVAL[topic.timeframe];
      return iv === undefined ? [] : [topicKey(`market_kline_${iv}`, id)];
    }
    case 'orders':
    case 'fills':
      return [topicKey('order')];
    case 'positions':
      return [topicKey('position')];
    case 'balances':
      return [topicKey('balance')];
    default:
      return [];
  }
}

export function createControl(venue: SimVenue, front: FrontState, hooks: { readonly onReset: () => void; readonly books: BookFaultTarget }): VenueControl {
  const engine = engineVenueControl(venue, { frontFaults: FRONT_FAULTS });
  return {
    ...engine,
    faults: [...new Set([...engine.faults, ...BOOK_FAULTS])],
    fault: async (fault) => {
      if (fault.kind === 'sequenceGap') return hooks.books.stallDepth(fault.nativeId);
      if (fault.kind === 'duplicateFrames') return hooks.books.bookFaults.duplicateNext(fault.nativeId);
      if (fault.kind === 'crossedBook') return hooks.books.bookFaults.crossNext(fault.nativeId);
      return engine.fault(fault);
    },
    clearFaults: async () => {
      hooks.books.bookFaults.clear();
      await engine.clearFaults();
    },
    // Bitunix books carry no sequence number on any channel or endpoint (§5, §6)
    book: async (nativeId, depth) => {
      const b = await engine.book(nativeId, depth);
      return { bids: b.bids, asks: b.asks };
    },
    reset: async () => {
      hooks.books.bookFaults.clear();
      await engine.reset();
      hooks.onReset();
      front.reset();
    },
    limits: async () => venueLimits({ idleTimeoutMs: front.options.idleTimeoutMs, ...(front.options.receiveWindowMs === undefined ? {} : { receiveWindowMs: front.options.receiveWindowMs }) }),
    receivedRequests: async () => [...front.requests],
    subscriptionCount: async (topic) => {
      // let frames already written on loopback land first (a client counts a subscribe as done once written)
      await new Promise((resolve) => setTimeout(resolve, 50));
      const keys = nativeChannels(topic);
      let n = 0;
      for (const c of front.connections) if (c.closedAt === undefined) for (const k of keys) if (c.topics.has(k)) n += 1;
      return n;
    },
    connections: async () => front.connectionViews(),
  };
}
