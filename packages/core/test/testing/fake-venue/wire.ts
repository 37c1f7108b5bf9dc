/** The fake venue's wire schemas (zod) and their mapping to core's neutral models. */
import { z } from 'zod';
import { Decimal } from '../../../src/decimal.js';
import type { Balance } from '../../../src/models/balance.js';
import type { Candle } from '../../../src/models/candle.js';
import { TIMEFRAME_MS, type OrderStatus, type TimeInForce, type Timeframe } from '../../../src/models/enums.js';
import type { Fill } from '../../../src/models/fill.js';
import type { Market } from '../../../src/models/market.js';
import type { Order } from '../../../src/models/order.js';
import type { OrderBook } from '../../../src/models/order-book.js';
import type { Position } from '../../../src/models/position.js';
import type { Ticker } from '../../../src/models/ticker.js';
import type { Trade } from '../../../src/models/trade.js';
import { wireDecimal, wireOptionalDecimal } from '../../../src/schemas/decimal-schemas.js';
import { wireTimestamp } from '../../../src/schemas/time-schemas.js';

export const envelope = z.object({ code: z.union([z.number(), z.string()]), msg: z.string(), result: z.unknown().optional(), retryAfterMs: z.number().optional() });

const side = z.enum(['Buy', 'Sell']).transform((s) => (s === 'Buy' ? ('buy' as const) : ('sell' as const)));
const category = z.enum(['linear', 'spot']);

export const instrumentW = z.object({
  symbol: z.string(),
  category,
  baseCoin: z.string(),
  quoteCoin: z.string(),
  settleCoin: z.string().optional(),
  status: z.enum(['Trading', 'Halted']),
  tickSize: wireDecimal,
  qtyStep: wireDecimal,
  minQty: wireDecimal,
  minNotional: wireOptionalDecimal,
  contractSize: wireDecimal,
  maxLeverage: wireOptionalDecimal,
  makerFee: wireDecimal,
  takerFee: wireDecimal,
});
export const instrumentsW = z.object({ list: z.array(instrumentW) });

export function toMarket(i: z.infer<typeof instrumentW>): Market {
  const spot = i.category === 'spot';
  return {
    symbol: spot ? `${i.baseCoin}/${i.quoteCoin}` : `${i.baseCoin}/${i.quoteCoin}:${i.settleCoin ?? i.quoteCoin}`,
    id: i.symbol,
    type: spot ? 'spot' : 'swap',
    base: i.baseCoin,
    quote: i.quoteCoin,
    ...(!spot && { settle: i.settleCoin ?? i.quoteCoin }),
    active: i.status === 'Trading',
    contractSize: i.contractSize,
    tickSize: i.tickSize,
    stepSize: i.qtyStep.mul(i.contractSize),
    minAmount: i.minQty.mul(i.contractSize),
    ...(i.minNotional && { minNotional: i.minNotional }),
    ...(i.maxLeverage && { maxLeverage: i.maxLeverage }),
    makerFee: i.makerFee,
    takerFee: i.takerFee,
  };
}

export const timeW = z.object({ timeMs: wireTimestamp });

export const tickerW = z.object({
  symbol: z.string(),
  category: category.optional(),
  bid1Price: wireOptionalDecimal,
  bid1Size: wireOptionalDecimal,
  ask1Price: wireOptionalDecimal,
  ask1Size: wireOptionalDecimal,
  lastPrice: wireOptionalDecimal,
  markPrice: wireOptionalDecimal,
  highPrice24h: wireOptionalDecimal,
  lowPrice24h: wireOptionalDecimal,
  volume24h: wireOptionalDecimal,
  turnover24h: wireOptionalDecimal,
  ts: wireTimestamp,
});
export const tickersW = z.object({ list: z.array(tickerW) });

export function toTicker(t: z.infer<typeof tickerW>, m: Market): Ticker {
  const base = (v: Decimal | undefined): Decimal | undefined => v?.mul(m.contractSize);
  const opt = <K extends string>(k: K, v: Decimal | undefined): Partial<Record<K, Decimal>> => (v === undefined ? {} : ({ [k]: v } as Record<K, Decimal>));
  return {
    symbol: m.symbol,
    timestamp: t.ts,
    ...opt('bid', t.bid1Price),
    ...opt('bidSize', base(t.bid1Size)),
    ...opt('ask', t.ask1Price),
    ...opt('askSize', base(t.ask1Size)),
    ...opt('last', t.lastPrice),
    ...opt('markPrice', t.markPrice),
    ...opt('high24h', t.highPrice24h),
    ...opt('low24h', t.lowPrice24h),
    ...opt('baseVolume24h', t.volume24h),
    ...opt('quoteVolume24h', t.turnover24h),
  };
}

const levelW = z.tuple([wireDecimal, wireDecimal]);
export const depthW = z.object({ s: z.string().optional(), b: z.array(levelW), a: z.array(levelW), seq: z.number().int(), ts: wireTimestamp });

export function toBook(d: { b: Array<[Decimal, Decimal]>; a: Array<[Decimal, Decimal]>; seq: number; ts: number }, m: Market, depth: number): OrderBook {
  const lv = (l: Array<[Decimal, Decimal]>): OrderBook['bids'] => l.slice(0, depth).map(([price, size]) => ({ price, size: size.mul(m.contractSize) }));
  return { symbol: m.symbol, timestamp: d.ts, sequence: d.seq, bids: lv(d.b), asks: lv(d.a) };
}

export const klinesW = z.object({ list: z.array(z.tuple([wireTimestamp, wireDecimal, wireDecimal, wireDecimal, wireDecimal, wireDecimal])) });

export function toCandle(k: z.infer<typeof klinesW>['list'][number], m: Market, tf: Timeframe, now: number): Candle {
  const [openTime, open, high, low, close, volume] = k;
  return { symbol: m.symbol, timeframe: tf, openTime, open, high, low, close, volume, closed: openTime + TIMEFRAME_MS[tf] <= now };
}

export const tradeW = z.object({ id: z.string().min(1), price: wireDecimal, size: wireDecimal, side, ts: wireTimestamp });
export const tradesW = z.object({ list: z.array(tradeW) });

export function toTrade(t: z.infer<typeof tradeW>, m: Market): Trade {
  return { id: t.id, symbol: m.symbol, timestamp: t.ts, price: t.price, size: t.size, side: t.side };
}

export const balancesW = z.object({ list: z.array(z.object({ coin: z.string(), walletBalance: wireDecimal, available: wireDecimal, locked: wireDecimal })) });

export function toBalance(b: z.infer<typeof balancesW>['list'][number]): Balance {
  return { currency: b.coin, total: b.walletBalance, free: b.available, used: b.locked };
}

export const positionW = z.object({
  symbol: z.string(),
  category,
  size: wireDecimal,
  avgPrice: wireDecimal,
  markPrice: wireDecimal,
  unrealisedPnl: wireDecimal,
  cumRealisedPnl: wireDecimal,
  leverage: wireDecimal,
  updatedTime: wireTimestamp,
});
export const positionsW = z.object({ list: z.array(positionW) });

export function toPosition(p: z.infer<typeof positionW>, m: Market): Position {
  const size = p.size.mul(m.contractSize);
  return {
    symbol: m.symbol,
    side: size.isZero() ? 'flat' : size.isPositive() ? 'long' : 'short',
    size,
    entryPrice: p.avgPrice,
    markPrice: p.markPrice,
    unrealizedPnl: p.unrealisedPnl,
    realizedPnl: p.cumRealisedPnl,
    leverage: p.leverage,
    timestamp: p.updatedTime,
  };
}

const TIF: Record<string, TimeInForce> = { GTC: 'gtc', IOC: 'ioc', FOK: 'fok', PostOnly: 'post_only' };
const STATUS: Record<string, OrderStatus> = { New: 'open', PartiallyFilled: 'open', Untriggered: 'untriggered', Filled: 'filled', Cancelled: 'canceled', Rejected: 'rejected', Expired: 'expired' };

export const orderW = z.object({
  orderId: z.string().min(1),
  orderLinkId: z.string().optional(),
  symbol: z.string(),
  side,
  orderType: z.enum(['Limit', 'Market']),
  timeInForce: z.enum(['GTC', 'IOC', 'FOK', 'PostOnly']),
  orderStatus: z.enum(['New', 'PartiallyFilled', 'Untriggered', 'Filled', 'Cancelled', 'Rejected', 'Expired']),
  price: wireOptionalDecimal,
  qty: wireDecimal,
  cumExecQty: wireDecimal,
  cumExecValue: wireDecimal,
  cumExecFee: wireDecimal,
  feeCurrency: z.string(),
  reduceOnly: z.boolean(),
  triggerPrice: wireOptionalDecimal,
  triggerBy: z.enum(['LastPrice', 'MarkPrice']).optional(),
  createdTime: wireTimestamp,
  updatedTime: wireTimestamp,
});
export const ordersW = z.object({ list: z.array(orderW) });
export type OrderWire = z.infer<typeof orderW>;

export function toOrder(o: z.infer<typeof orderW>, m: Market): Order {
  const amount = o.qty.mul(m.contractSize);
  const filled = o.cumExecQty.mul(m.contractSize);
  const status = STATUS[o.orderStatus]!;
  const open = status === 'open' || status === 'untriggered';
  return {
    id: o.orderId,
    ...(o.orderLinkId !== undefined && { clientOrderId: o.orderLinkId }),
    symbol: m.symbol,
    type: o.orderType === 'Limit' ? 'limit' : 'market',
    side: o.side,
    timeInForce: TIF[o.timeInForce]!,
    status,
    ...(o.price && { price: o.price }),
    amount,
    filled,
    remaining: open ? amount.minus(filled) : new Decimal(0),
    ...(filled.gt(0) && { average: o.cumExecValue.div(filled) }),
    cost: o.cumExecValue,
    ...(filled.gt(0) && { fee: { amount: o.cumExecFee, currency: o.feeCurrency } }),
    ...(o.triggerPrice && { triggerPrice: o.triggerPrice }),
    ...(o.triggerBy && { triggerReference: o.triggerBy === 'MarkPrice' ? ('mark' as const) : ('last' as const) }),
    reduceOnly: o.reduceOnly,
    postOnly: o.timeInForce === 'PostOnly',
    timestamp: o.createdTime,
    updatedAt: o.updatedTime,
  };
}

export const fillW = z.object({
  execId: z.string().min(1),
  orderId: z.string().min(1),
  orderLinkId: z.string().optional(),
  symbol: z.string(),
  side,
  execPrice: wireDecimal,
  execQty: wireDecimal,
  execValue: wireDecimal,
  execFee: wireDecimal,
  feeCurrency: z.string(),
  isMaker: z.boolean(),
  execTime: wireTimestamp,
});
export const fillsW = z.object({ list: z.array(fillW) });

export function toFill(f: z.infer<typeof fillW>, m: Market): Fill {
  const size = f.execQty.mul(m.contractSize);
  return {
    id: f.execId,
    orderId: f.orderId,
    ...(f.orderLinkId !== undefined && { clientOrderId: f.orderLinkId }),
    symbol: m.symbol,
    side: f.side,
    price: f.execPrice,
    size,
    cost: f.execPrice.mul(size),
    fee: { amount: f.execFee, currency: f.feeCurrency },
    liquidity: f.isMaker ? 'maker' : 'taker',
    timestamp: f.execTime,
  };
}

export const cancelAllW = z.object({ list: z.array(z.object({ orderId: z.string() })) });
export const emptyW = z.object({}).passthrough();
