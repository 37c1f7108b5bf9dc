/** Wire formatting: Bybit sends numbers as strings (reference §0); prices print with the tick's decimals. */
import { toDecimal, ZERO, type Decimal, type Timeframe } from '@exkit/core';
import type { SimInstrument, SimOrder } from '@exkit/sim';

export type Category = 'linear' | 'spot';

export function categoryOf(i: SimInstrument): Category {
  return i.isSpot ? 'spot' : 'linear';
}

export function num(d: Decimal | undefined): string {
  return d === undefined ? '' : d.toFixed();
}

/**
 * A level written by the kit, as Bybit would put it on the wire: spelled as given (`100.10` stays
 * `100.10`), but never in exponent notation — Bybit sends plain decimal strings only (reference §0).
 */
export function plainText(text: string): string {
  return /[eE]/.test(text) ? toDecimal(text).toFixed() : text;
}

/**
 * A book's wire update id `u`. On Bybit `u = 1` marks a snapshot after a service restart (reference §6
 * processing rules) and the stream's ids are far from 1 otherwise; the engine counts from 0 after
 * each reset, so its sequence is offset — a delta must never read as a restart.
 */
export function updateId(seq: number): number {
  return seq + 1_000;
}

/**
 * A trade time in the unit the `timestampUnit` fault asks for (CK-PR-05), spelled as the engine
 * spells the kit's `rawTimestamp` (`toVenueTrade`: s truncated, µs/ns as ms with zeros); plain
 * epoch ms otherwise, as Bybit sends it.
 */
export function tradeTime(ms: number, unit: 's' | 'ms' | 'us' | 'ns'): string {
  switch (unit) {
    case 's':
      return String(Math.trunc(ms / 1000));
    case 'us':
      return `${ms}000`;
    case 'ns':
      return `${ms}000000`;
    case 'ms':
      return String(ms);
  }
}

export function px(i: SimInstrument, d: Decimal | undefined): string {
  return d === undefined ? '' : d.toFixed(i.priceDp);
}

/** Base units → wire quantity (contracts on a contract market), on the lot grid's decimals. */
export function qty(i: SimInstrument, base: Decimal): string {
  return i.toContracts(base).toFixed(i.sizeDp);
}

export const SIDE = { buy: 'Buy', sell: 'Sell' } as const;

/** Bybit `orderStatus` of an engine order (reference §8). */
export function orderStatus(o: SimOrder): string {
  switch (o.status) {
    case 'untriggered':
      return 'Untriggered';
    case 'open':
      return o.filled.isZero() ? 'New' : 'PartiallyFilled';
    case 'filled':
      return 'Filled';
    case 'rejected':
      return 'Rejected';
    case 'canceled':
    case 'expired':
      if (o.triggerPrice !== undefined && o.triggeredAt === undefined) return 'Deactivated';
      return o.marketType === 'spot' && !o.filled.isZero() ? 'PartiallyFilledCanceled' : 'Cancelled';
  }
}

const TIF = { gtc: 'GTC', ioc: 'IOC', fok: 'FOK', post_only: 'PostOnly' } as const;
const TRIGGER_BY = { last: 'LastPrice', mark: 'MarkPrice', index: 'IndexPrice' } as const;

const CANCEL_TYPE: Readonly<Record<string, string>> = {
  user: 'CancelByUser',
  cancelAll: 'CancelByUser',
  reduceOnly: 'CancelByReduceOnly',
  liquidation: 'CancelAllBeforeLiq',
  halted: 'CancelByAdmin',
};

/** An order row as `/v5/order/realtime` and the `order` topic print it (fixture `order-realtime.json`). */
export function orderRow(i: SimInstrument, o: SimOrder): Record<string, unknown> {
  const status = orderStatus(o);
  const live = o.status === 'open' || o.status === 'untriggered';
  const leaves = live ? o.remaining : ZERO;
  const trig = o.triggerPrice !== undefined;
  return {
    orderId: o.id,
    orderLinkId: o.clientOrderId ?? '',
    blockTradeId: '',
    symbol: i.nativeId,
    price: o.type === 'market' && o.price === undefined ? '0' : px(i, o.price),
    qty: qty(i, o.size),
    side: SIDE[o.side],
    isLeverage: '',
    positionIdx: 0,
    orderStatus: status,
    createType: o.origin === 'liquidation' ? 'CreateByLiq' : trig ? 'CreateByStopOrder' : 'CreateByUser',
    cancelType: o.status === 'canceled' ? (CANCEL_TYPE[o.cancelReason ?? 'user'] ?? 'UNKNOWN') : 'UNKNOWN',
    rejectReason: o.status === 'rejected' ? 'EC_Others' : o.cancelReason === 'postOnly' ? 'EC_PostOnlyWillTakeLiquidity' : o.cancelReason === 'ioc' || o.cancelReason === 'fok' ? 'EC_NoImmediateQtyToFill' : 'EC_NoError',
    avgPrice: o.average === undefined ? '0' : px(i, o.average),
    leavesQty: qty(i, leaves),
    leavesValue: live && o.price !== undefined ? o.remaining.times(o.price).toFixed() : '0',
    cumExecQty: qty(i, o.filled),
    cumExecValue: o.cost.toFixed(),
    cumExecFee: o.fee.toFixed(),
    cumFeeDetail: o.fee.isZero() ? {} : { [o.feeCurrency]: o.fee.toFixed() },
    timeInForce: o.type === 'market' ? 'IOC' : o.postOnly ? 'PostOnly' : TIF[o.timeInForce],
    orderType: o.type === 'market' ? 'Market' : 'Limit',
    stopOrderType: trig ? 'Stop' : 'UNKNOWN',
    orderIv: '',
    marketUnit: '',
    triggerPrice: trig ? px(i, o.triggerPrice) : px(i, ZERO),
    takeProfit: '',
    stopLoss: '',
    tpslMode: '',
    ocoTriggerBy: '',
    tpLimitPrice: '',
    slLimitPrice: '',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: o.triggerDirection === 'rise' ? 1 : o.triggerDirection === 'fall' ? 2 : 0,
    triggerBy: trig ? TRIGGER_BY[o.triggerReference ?? 'last'] : 'UNKNOWN',
    lastPriceOnCreated: '',
    basePrice: '',
    reduceOnly: o.reduceOnly,
    closeOnTrigger: false,
    placeType: '',
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    createdTime: String(o.createdAt),
    updatedTime: String(o.updatedAt),
  };
}

/** Kline interval (reference §8) ↔ engine timeframe. */
export const INTERVALS: Readonly<Record<string, Timeframe>> = {
  '1': '1m',
  '3': '3m',
  '5': '5m',
  '15': '15m',
  '30': '30m',
  '60': '1h',
  '120': '2h',
  '240': '4h',
  '360': '6h',
  '720': '12h',
  D: '1d',
  W: '1w',
  M: '1M',
};

export function intervalOf(tf: Timeframe): string {
  return Object.keys(INTERVALS).find((k) => INTERVALS[k] === tf) ?? '1';
}
