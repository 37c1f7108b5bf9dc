/**
 * The conformance kit's VenueControl: the engine's part (`engineVenueControl`) plus what only the
 * front knows — limits, the request log, subscription counts and sockets.
 */
import type { ReceivedRequest, VenueConnection, VenueControl, VenueFaultKind, VenueLimits, VenueTopic } from '@exkit/core/testing';
import { engineVenueControl, SimRejection, type SimVenue } from '@exkit/sim';
import { intervalOf } from './format.js';
import type { SimKeyPermissions } from './keys.js';
import type { BybitLimits } from './limits.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface ConnectionRecord extends Mutable<Omit<VenueConnection, 'heartbeats' | 'authAttempts'>> {
  readonly heartbeats: number[];
  readonly authAttempts: Array<{ readonly at: number; readonly ok: boolean }>;
}

/** Front-side state shared by the HTTP and WS servers; cleared on `reset()`. */
export class FrontState {
  readonly requests: ReceivedRequest[] = [];
  readonly connections: ConnectionRecord[] = [];
  /** Live subscriptions per native topic name (`orderbook.50.BTCUSDT@linear`), over all sockets. */
  readonly topicCounts = new Map<string, number>();
  /** Wallet grants / IP binding per API key, reported by `/v5/user/query-api`. */
  readonly keyPermissions = new Map<string, SimKeyPermissions>();
  #seq = 0;
  #conn = 0;

  constructor(readonly limits: BybitLimits) {}

  nextSeq(): number {
    return ++this.#seq;
  }

  openConnection(scope: 'public' | 'private', at: number, refused = false): ConnectionRecord {
    const c: ConnectionRecord = { id: `c-${++this.#conn}`, scope, openedAt: at, heartbeats: [], authAttempts: [], ...(refused && { refused }) };
    this.connections.push(c);
    return c;
  }

  addTopic(key: string, delta: 1 | -1): void {
    const n = (this.topicCounts.get(key) ?? 0) + delta;
    if (n <= 0) this.topicCounts.delete(key);
    else this.topicCounts.set(key, n);
  }

  clear(): void {
    this.requests.length = 0;
    this.connections.length = 0;
    this.topicCounts.clear();
    this.limits.clear();
    this.#seq = 0;
  }
}

/** Wire-level faults this front implements on top of the engine's. */
export const FRONT_FAULTS: readonly VenueFaultKind[] = [
  'rateLimitWindow',
  'unavailableWindow',
  'refuseConnections',
  'delayResponses',
  'dropResponse',
  'errorCode',
  'enforceRateLimits',
  'malformedResponse',
  'resetConnections',
  'malformedFrame',
  // REST recent-trade `time` (a string) in the asked unit; WS numbers stay ms (a JSON number cannot carry ns exactly)
  'timestampUnit',
];

/**
 * The kit's market name → the engine's symbol: `BTCUSDT` (the perpetual, else spot) or, where one
 * id names both, `swap:BTCUSDT` / `spot:BTCUSDT`.
 */
export function resolveNative(venue: SimVenue, nativeId: string): string {
  const m = /^(spot|swap):(.+)$/.exec(nativeId);
  const inst = m === null ? (venue.findInstrument(nativeId, 'swap') ?? venue.findInstrument(nativeId, 'spot')) : venue.findInstrument(m[2]!, m[1] as 'spot' | 'swap');
  if (inst === undefined) throw new SimRejection('UNKNOWN_SYMBOL', `unknown native id ${nativeId}`);
  return inst.symbol;
}

/** Native topic names a neutral topic maps to, with the stream (`@linear` / `@spot`) when the id says it. */
export function nativeTopics(topic: VenueTopic): string[] {
  const raw = topic.nativeId ?? '';
  const m = /^(spot|swap):(.+)$/.exec(raw);
  const id = m === null ? raw : m[2]!;
  const suffix = m === null ? '' : `@${m[1] === 'spot' ? 'spot' : 'linear'}`;
  return nativeTopicNames(topic, id).map((t) => `${t}${suffix}`);
}

function nativeTopicNames(topic: VenueTopic, id: string): string[] {
  switch (topic.stream) {
    case 'orderBook':
      return [1, 50, 200, 1000].map((d) => `orderbook.${d}.${id}`);
    case 'ticker':
      return [`tickers.${id}`];
    case 'trades':
      return [`publicTrade.${id}`];
    case 'candles':
      return [`kline.${intervalOf(topic.timeframe ?? '1m')}.${id}`];
    case 'orders':
      return ['order', 'order.linear', 'order.spot'];
    case 'fills':
      return ['execution', 'execution.linear', 'execution.spot'];
    case 'positions':
      return ['position', 'position.linear'];
    case 'balances':
      return ['wallet'];
  }
}

export function venueControl(venue: SimVenue, state: FrontState, limits: () => VenueLimits, onReset: () => void): VenueControl {
  const engine = engineVenueControl(venue, { frontFaults: FRONT_FAULTS, resolve: (id) => resolveNative(venue, id) });
  // Where one id names a spot and a perpetual market the kit says `swap:BTCUSDT`; answer in kind.
  const tag = (id: string, type: 'spot' | 'swap'): string =>
    venue.findInstrument(id, 'spot') !== undefined && venue.findInstrument(id, 'swap') !== undefined ? `${type}:${id}` : id;
  const accountOf = (apiKey?: string): string => (apiKey === undefined ? venue.defaultAccountId : venue.authorize(apiKey, 'read').accountId);
  return {
    ...engine,
    account: async (apiKey) => {
      const a = await engine.account(apiKey);
      return {
        ...a,
        positions: a.positions.map((p) => ({ ...p, nativeId: tag(p.nativeId, 'swap') })),
        leverage: Object.fromEntries(Object.entries(a.leverage).map(([id, l]) => [tag(id, 'swap'), l])),
      };
    },
    orders: async (q) => {
      const types = new Map(venue.orders(accountOf(q?.apiKey)).map((o) => [o.id, o.marketType]));
      return (await engine.orders(q)).map((o) => ({ ...o, nativeId: tag(o.nativeId, types.get(o.id) ?? 'swap') }));
    },
    fills: async (q) => {
      const types = new Map(venue.fills(accountOf(q?.apiKey)).map((f) => [f.id, venue.instrument(f.symbol).type]));
      return (await engine.fills(q)).map((f) => ({ ...f, nativeId: tag(f.nativeId, types.get(f.id) ?? 'swap') }));
    },
    reset: async () => {
      await engine.reset();
      state.clear();
      onReset();
    },
    // The engine keys book streams by its own symbol; the kit names a market by native id.
    fault: async (fault) =>
      engine.fault(
        fault.kind === 'sequenceGap' || fault.kind === 'duplicateFrames' || fault.kind === 'crossedBook' ? { ...fault, nativeId: resolveNative(venue, fault.nativeId) } : fault,
      ),
    limits: async () => limits(),
    receivedRequests: async () => [...state.requests],
    subscriptionCount: async (topic) => {
      let n = 0;
      for (const name of nativeTopics(topic)) for (const [key, count] of state.topicCounts) if (key === name || key.startsWith(`${name}@`)) n += count;
      return n;
    },
    connections: async () => state.connections.map((c) => ({ ...c, heartbeats: [...c.heartbeats], authAttempts: [...c.authAttempts] })),
  };
}
