import type {
  VenueAccount,
  VenueBook,
  VenueCandle,
  VenueControl,
  VenueCredentials,
  VenueFaultKind,
  VenueFill,
  VenueInstrument,
  VenueOrder,
  VenueTrade,
} from '@exkit/core/testing';
import { reject } from '../errors.js';
import type { InstrumentDefinition } from '../instruments/definition.js';
import type { SimInstrument } from '../instruments/instrument.js';
import type { SimTrade } from '../market-data/types.js';
import type { SimFill, SimOrder } from '../matching/types.js';
import { Decimal } from '../util/decimal.js';
import type { SimVenue } from '../venue.js';

/**
 * The part of core's `VenueControl` the engine answers by itself. A front adds what only it knows
 * — `limits()`, `receivedRequests()`, `subscriptionCount()`, `connections()` — and, for the
 * wire-level faults it implements, the list of `faults` it offers.
 */
export type EngineVenueControl = Omit<VenueControl, 'limits' | 'receivedRequests' | 'subscriptionCount' | 'connections'>;

/** Fault kinds the engine implements without a front (book-stream and private-event faults, clock skew). */
export const ENGINE_FAULT_KINDS: readonly VenueFaultKind[] = ['sequenceGap', 'duplicateFrames', 'crossedBook', 'reorderFrames', 'clockSkew', 'loseEvents', 'duplicateEvents'];

const text = (d: Decimal): string => d.toFixed();

export function toVenueInstrument(i: SimInstrument): VenueInstrument {
  return {
    nativeId: i.nativeId,
    type: i.type,
    base: i.base,
    quote: i.quote,
    ...(i.settle === undefined ? {} : { settle: i.settle }),
    tickSize: text(i.tickSize),
    stepSize: text(i.stepSize),
    minQty: text(i.minSize),
    ...(i.minNotional === undefined ? {} : { minNotional: text(i.minNotional) }),
    contractSize: text(i.contractSize),
    ...(i.maxLeverage === undefined ? {} : { maxLeverage: text(i.maxLeverage) }),
    makerFee: text(i.makerFee),
    takerFee: text(i.takerFee),
    status: i.status,
  };
}

/** A definition from the kit's neutral instrument; the starting price is the tick multiple nearest 100. */
export function fromVenueInstrument(v: VenueInstrument): InstrumentDefinition {
  if (v.type === 'future') reject('INVALID_PARAMETER', 'dated futures are not simulated');
  const tick = new Decimal(v.tickSize);
  const ticks = Decimal.max(1, new Decimal(100).div(tick).toDecimalPlaces(0, Decimal.ROUND_DOWN));
  return {
    nativeId: v.nativeId,
    type: v.type,
    base: v.base,
    quote: v.quote,
    ...(v.settle === undefined ? {} : { settle: v.settle }),
    tickSize: v.tickSize,
    stepSize: v.stepSize,
    minSize: v.minQty,
    ...(v.minNotional === undefined ? {} : { minNotional: v.minNotional }),
    contractSize: v.contractSize,
    ...(v.maxLeverage === undefined ? {} : { maxLeverage: v.maxLeverage }),
    makerFee: v.makerFee,
    takerFee: v.takerFee,
    ...(v.status === undefined ? {} : { status: v.status }),
    initialPrice: ticks.times(tick).toFixed(),
  };
}

/** A trade as the kit sees it; `rawTimestamp` spells the time in the unit the `timestampUnit` fault asks for. */
export function toVenueTrade(t: SimTrade, unit: 's' | 'ms' | 'us' | 'ns' = 'ms'): VenueTrade {
  const raw = unit === 's' ? String(Math.trunc(t.timestamp / 1000)) : unit === 'us' ? `${t.timestamp}000` : unit === 'ns' ? `${t.timestamp}000000` : String(t.timestamp);
  return { id: t.id, price: text(t.price), size: text(t.size), side: t.side, timestamp: t.timestamp, rawTimestamp: raw };
}

export function toVenueOrder(o: SimOrder): VenueOrder {
  return {
    id: o.id,
    ...(o.clientOrderId === undefined ? {} : { clientOrderId: o.clientOrderId }),
    nativeId: o.nativeId,
    side: o.side,
    type: o.type,
    status: o.status,
    ...(o.price === undefined ? {} : { price: text(o.price) }),
    amount: text(o.size),
    filled: text(o.filled),
    ...(o.triggerPrice === undefined ? {} : { triggerPrice: text(o.triggerPrice) }),
    reduceOnly: o.reduceOnly,
    postOnly: o.postOnly,
  };
}

export function toVenueFill(f: SimFill): VenueFill {
  return {
    id: f.id,
    orderId: f.orderId,
    nativeId: f.nativeId,
    side: f.side,
    price: text(f.price),
    size: text(f.size),
    fee: text(f.fee),
    feeCurrency: f.feeCurrency,
    liquidity: f.liquidity,
    timestamp: f.timestamp,
  };
}

export interface EngineVenueControlOptions {
  /**
   * Native id → the engine's symbol. Default: the perpetual with that id, else the spot market (a
   * front whose venue lists both under one id and needs the spot one passes its own).
   */
  readonly resolve?: (nativeId: string) => string;
  /** Fault kinds the front offers on top of the engine's (wire-level ones it implements). */
  readonly frontFaults?: readonly VenueFaultKind[];
}

/** Implements the engine's part of core's `VenueControl` over a venue, in the kit's neutral terms. */
export function engineVenueControl(venue: SimVenue, options: EngineVenueControlOptions = {}): EngineVenueControl {
  const resolve =
    options.resolve ??
    ((nativeId: string): string => {
      const inst = venue.findInstrument(nativeId, 'swap') ?? venue.findInstrument(nativeId, 'spot');
      return inst?.symbol ?? reject('UNKNOWN_SYMBOL', `unknown native id ${nativeId}`);
    });
  const accountOf = (apiKey?: string): string => (apiKey === undefined ? venue.defaultAccountId : venue.authorize(apiKey, 'read').accountId);
  const faults = [...new Set([...ENGINE_FAULT_KINDS, ...(options.frontFaults ?? [])])];
  return {
    faults,
    reset: async () => venue.reset(),
    freeze: async (frozen) => venue.freeze(frozen),
    now: async () => venue.serverTime(),
    advanceClock: async (ms) => venue.advanceClock(ms),
    instruments: async () => venue.instruments().map(toVenueInstrument),
    addInstrument: async (i) => void venue.addInstrument(fromVenueInstrument(i)),
    setMarketStatus: async (nativeId, status) => venue.setMarketStatus(resolve(nativeId), status),
    seedBook: async (nativeId, book) => venue.seedBook(resolve(nativeId), book),
    changeBook: async (nativeId, changes) => venue.changeBook(resolve(nativeId), changes),
    book: async (nativeId, depth): Promise<VenueBook> => {
      const b = venue.book(resolve(nativeId), depth);
      return { bids: b.bids, asks: b.asks, sequence: b.seq };
    },
    printTrades: async (nativeId, trades) => venue.printTrades(resolve(nativeId), trades).map((t) => toVenueTrade(t, venue.faults.timestampUnit())),
    crossBook: async (nativeId, order) => venue.crossBook(resolve(nativeId), order).map((e) => ({ price: text(e.price), size: text(e.size) })),
    tape: async (nativeId, limit) => venue.trades(resolve(nativeId), limit).map((t) => toVenueTrade(t, venue.faults.timestampUnit())),
    candles: async (nativeId, timeframe, since, until): Promise<VenueCandle[]> =>
      venue.candles(resolve(nativeId), timeframe, { since, until }).map((c) => ({
        openTime: c.openTime,
        open: text(c.open),
        high: text(c.high),
        low: text(c.low),
        close: text(c.close),
        volume: text(c.volume),
      })),
    setPrices: async (nativeId, prices) => venue.setPrices(resolve(nativeId), prices),
    setFunding: async (enabled) => venue.setFunding(enabled),
    createApiKey: async (o): Promise<VenueCredentials> => {
      const key = venue.createApiKey({ permissions: o.permissions, ...(o.freshAccount === undefined ? {} : { freshAccount: o.freshAccount }), ...(o.wallet === undefined ? {} : { wallet: o.wallet }) });
      return { apiKey: key.apiKey, apiSecret: key.apiSecret };
    },
    account: async (apiKey): Promise<VenueAccount> => {
      const id = accountOf(apiKey);
      const balances: Record<string, { total: string; free: string; used: string }> = {};
      for (const b of venue.balances(id)) balances[b.coin] = { total: text(b.total), free: text(b.free), used: text(b.used) };
      const leverage: Record<string, string> = {};
      for (const i of venue.instruments()) if (!i.isSpot) leverage[i.nativeId] = text(venue.marginSettings(id, i.symbol).leverage);
      return {
        balances,
        positions: venue.positions(id).map((p) => ({ nativeId: p.nativeId, size: text(p.size), entryPrice: text(p.entryPrice!), realizedPnl: text(p.realizedPnl) })),
        leverage,
      };
    },
    orders: async (q = {}) => {
      const id = accountOf(q.apiKey);
      const symbol = q.nativeId === undefined ? undefined : resolve(q.nativeId);
      return venue
        .orders(id, symbol === undefined ? {} : { symbol })
        .filter((o) => (q.id === undefined || o.id === q.id) && (q.clientOrderId === undefined || o.clientOrderId === q.clientOrderId))
        .map(toVenueOrder);
    },
    fills: async (q = {}) => {
      const id = accountOf(q.apiKey);
      const symbol = q.nativeId === undefined ? undefined : resolve(q.nativeId);
      return venue.fills(id, { ...(symbol === undefined ? {} : { symbol }), ...(q.orderId === undefined ? {} : { orderId: q.orderId }) }).map(toVenueFill);
    },
    fault: async (fault) => venue.fault(fault),
    clearFaults: async () => venue.clearFaults(),
  };
}
