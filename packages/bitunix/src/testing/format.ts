/**
 * Engine objects → Bitunix wire objects (bitunix.md §5/§6): prices, quantities and money as strings, leverage and
 * precisions as numbers, REST `ctime`/`mtime` as ms ints, WS private times as ISO-8601 strings.
 */
import type { SimBalance, SimFill, SimInstrument, SimOrder, SimPosition, SimTicker } from '@exkit/sim';

type Dec = { toFixed(): string };
const s = (d: Dec | undefined, fallback = '0'): string => (d === undefined ? fallback : d.toFixed());
const iso = (ms: number): string => new Date(ms).toISOString();

const UNBOUNDED = '1000000000000';

export function tradingPair(i: SimInstrument): Record<string, unknown> {
  const cap = i.fundingRateCap.toFixed();
  return {
    symbol: i.nativeId,
    base: i.base,
    quote: i.quote,
    minTradeVolume: s(i.minSize),
    minBuyPriceOffset: '-0.95',
    maxSellPriceOffset: '100',
    // an engine market without a maximum: a bound far beyond any test order
    maxLimitOrderVolume: s(i.maxSize, UNBOUNDED),
    maxMarketOrderVolume: s(i.maxMarketSize ?? i.maxSize, UNBOUNDED),
    // tick = 10^-quotePrecision, step = 10^-basePrecision (§5): grids that are not powers of ten cannot be expressed
    basePrecision: i.stepSize.decimalPlaces(),
    quotePrecision: i.tickSize.decimalPlaces(),
    minLeverage: 1,
    maxLeverage: Number(s(i.maxLeverage, '100')),
    defaultLeverage: Number(i.defaultLeverage.toFixed()),
    defaultMarginMode: 'Cross',
    priceProtectScope: '0.05',
    symbolStatus: i.status === 'halted' ? 'STOP' : 'OPEN',
    isApiSupported: true,
    // percent on the wire (§5)
    maxFundingRate: percent(cap),
    minFundingRate: percent(cap.startsWith('-') ? cap : `-${cap}`),
  };
}

export function percent(fraction: string): string {
  const n = Number(fraction) * 100;
  return trim(n.toFixed(8));
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function restTicker(nativeId: string, t: SimTicker): Record<string, unknown> {
  return {
    symbol: nativeId,
    markPrice: s(t.markPrice ?? t.last),
    lastPrice: s(t.last),
    open: s(t.open24h),
    last: s(t.last),
    quoteVol: s(t.turnover24h),
    baseVol: s(t.volume24h),
    high: s(t.high24h),
    low: s(t.low24h),
  };
}

export function orderStatus(o: SimOrder): string {
  const filled = !o.filled.isZero();
  switch (o.status) {
    case 'open':
    case 'untriggered':
      return filled ? 'PART_FILLED' : 'NEW';
    case 'filled':
      return 'FILLED';
    case 'expired':
      return 'EXPIRED';
    default:
      return filled ? 'PART_FILLED_CANCELED' : 'CANCELED';
  }
}

export function effect(o: SimOrder): string {
  if (o.postOnly || o.timeInForce === 'post_only') return 'POST_ONLY';
  return o.timeInForce === 'ioc' ? 'IOC' : o.timeInForce === 'fok' ? 'FOK' : 'GTC';
}

export interface AccountView {
  readonly leverage: (symbol: string) => number;
  readonly marginMode: (symbol: string) => 'ISOLATION' | 'CROSS';
}

export function restOrder(o: SimOrder, view: AccountView, marginCoin: string): Record<string, unknown> {
  return {
    orderId: o.id,
    symbol: o.nativeId,
    clientId: o.clientOrderId ?? '',
    qty: s(o.size),
    tradeQty: s(o.filled),
    price: o.price === undefined ? null : s(o.price),
    avgPrice: o.average === undefined ? null : s(o.average),
    marginCoin,
    positionMode: 'ONE_WAY',
    marginMode: view.marginMode(o.symbol),
    leverage: view.leverage(o.symbol),
    side: o.side === 'buy' ? 'BUY' : 'SELL',
    orderType: o.type === 'market' ? 'MARKET' : 'LIMIT',
    effect: effect(o),
    reduceOnly: o.reduceOnly,
    status: orderStatus(o),
    fee: s(o.fee),
    realizedPNL: s(o.realizedPnl),
    source: 'api',
    ctime: o.createdAt,
    mtime: o.updatedAt,
  };
}

export function restFill(f: SimFill, o: SimOrder | undefined, view: AccountView): Record<string, unknown> {
  return {
    tradeId: f.id,
    orderId: f.orderId,
    symbol: f.nativeId,
    qty: s(f.size),
    price: s(f.price),
    positionMode: 'ONE_WAY',
    marginMode: view.marginMode(f.symbol),
    leverage: view.leverage(f.symbol),
    side: f.side === 'buy' ? 'BUY' : 'SELL',
    orderType: f.orderType === 'market' ? 'MARKET' : 'LIMIT',
    effect: o === undefined ? 'GTC' : effect(o),
    clientId: f.clientOrderId ?? '',
    reduceOnly: o?.reduceOnly ?? false,
    fee: s(f.fee),
    realizedPNL: s(f.realizedPnl),
    ctime: f.timestamp,
    roleType: f.liquidity === 'maker' ? 'MAKER' : 'TAKER',
  };
}

/** A stable id per account, market and opening (one-way positions). */
export function positionId(p: SimPosition): string {
  let h = 0;
  for (const ch of `${p.accountId}:${p.nativeId}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `${p.createdAt}${String(h % 100_000).padStart(5, '0')}`;
}

export function restPosition(p: SimPosition): Record<string, unknown> {
  return {
    positionId: positionId(p),
    symbol: p.nativeId,
    qty: s(p.size.abs()),
    entryValue: s(p.entryValue),
    side: p.side === 'short' ? 'SHORT' : 'LONG',
    marginMode: p.marginMode === 'isolated' ? 'ISOLATION' : 'CROSS',
    positionMode: 'ONE_WAY',
    leverage: Number(p.leverage.toFixed()),
    fee: s(p.fees),
    funding: s(p.funding),
    realizedPNL: s(p.realizedPnl),
    margin: s(p.margin),
    unrealizedPNL: s(p.unrealizedPnl),
    liqPrice: s(p.liquidationPrice),
    marginRate: '0',
    avgOpenPrice: s(p.entryPrice),
    ctime: p.createdAt,
    mtime: p.updatedAt,
  };
}

export function restAccount(b: SimBalance): Record<string, unknown> {
  return {
    marginCoin: b.coin,
    available: s(b.free),
    frozen: s(b.used.minus(b.positionMargin).isNegative() ? b.orderMargin : b.used.minus(b.positionMargin)),
    margin: s(b.positionMargin),
    transfer: s(b.free),
    positionMode: 'ONE_WAY',
    crossUnrealizedPNL: s(b.unrealizedPnl),
    isolationUnrealizedPNL: '0',
    bonus: '0',
  };
}

export function wsOrder(o: SimOrder, event: 'CREATE' | 'UPDATE' | 'CLOSE', view: AccountView): Record<string, unknown> {
  return {
    event,
    orderId: o.id,
    symbol: o.nativeId,
    positionType: view.marginMode(o.symbol),
    positionMode: 'ONE_WAY',
    side: o.side === 'buy' ? 'BUY' : 'SELL',
    effect: effect(o),
    type: o.type === 'market' ? 'MARKET' : 'LIMIT',
    qty: s(o.size),
    reductionOnly: o.reduceOnly,
    price: s(o.price),
    ctime: iso(o.createdAt),
    mtime: iso(o.updatedAt),
    leverage: String(view.leverage(o.symbol)),
    orderStatus: orderStatus(o),
    fee: s(o.fee),
    averagePrice: s(o.average),
    // base quantity (the simulator's reading of the open point, README)
    dealAmount: s(o.filled),
    clientId: o.clientOrderId ?? '',
  };
}

export function wsPosition(p: SimPosition, event: 'OPEN' | 'UPDATE' | 'CLOSE'): Record<string, unknown> {
  return {
    event,
    positionId: positionId(p),
    marginMode: p.marginMode === 'isolated' ? 'ISOLATION' : 'CROSS',
    positionMode: 'ONE_WAY',
    side: p.side === 'short' ? 'SHORT' : 'LONG',
    leverage: p.leverage.toFixed(),
    margin: s(p.margin),
    ctime: iso(p.createdAt),
    qty: s(p.size.abs()),
    entryValue: s(p.entryValue),
    symbol: p.nativeId,
    realizedPNL: s(p.realizedPnl),
    unrealizedPNL: s(p.unrealizedPnl),
    funding: s(p.funding),
    fee: s(p.fees),
  };
}

export function wsBalance(b: SimBalance): Record<string, unknown> {
  const frozen = b.used.minus(b.positionMargin);
  return {
    coin: b.coin,
    available: s(b.free),
    frozen: s(frozen.isNegative() ? b.orderMargin : frozen),
    isolationFrozen: '0',
    crossFrozen: s(frozen.isNegative() ? b.orderMargin : frozen),
    margin: s(b.positionMargin),
    isolationMargin: '0',
    crossMargin: s(b.positionMargin),
    expMoney: '0',
  };
}
