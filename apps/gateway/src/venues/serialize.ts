// Neutral models → JSON bodies: money as decimal strings, times as ISO-8601, the unified symbol with the
// venue's native id beside it.
import type { Balance, Candle, Decimal, Exchange, Market, Order, Position, Ticker } from '@exkit/core';

const dec = (v: Decimal | undefined): string | null => (v === undefined ? null : v.toFixed());
const iso = (ms: number | undefined): string | null => (ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

export function nativeOf(client: Exchange, symbol: string): string | null {
  return client.markets.find(symbol)?.id ?? null;
}

export function tickerJson(client: Exchange, t: Ticker) {
  return {
    symbol: t.symbol,
    native_symbol: nativeOf(client, t.symbol),
    timestamp: iso(t.timestamp),
    bid: dec(t.bid),
    ask: dec(t.ask),
    last: dec(t.last),
    open_24h: dec(t.open24h),
    high_24h: dec(t.high24h),
    low_24h: dec(t.low24h),
    base_volume_24h: dec(t.baseVolume24h),
    quote_volume_24h: dec(t.quoteVolume24h),
    mark_price: dec(t.markPrice),
    index_price: dec(t.indexPrice),
    funding_rate: dec(t.fundingRate),
  };
}

export function marketJson(m: Market) {
  return {
    symbol: m.symbol,
    native_symbol: m.id,
    type: m.type,
    base: m.base,
    quote: m.quote,
    settle: m.settle ?? null,
    active: m.active,
    precision: { price: m.tickSize.toFixed(), amount: m.stepSize.toFixed() },
    limits: {
      min_amount: m.minAmount.toFixed(),
      max_amount: dec(m.maxAmount),
      max_market_amount: dec(m.maxMarketAmount),
      min_notional: dec(m.minNotional),
    },
    contract_size: m.contractSize.toFixed(),
    max_leverage: dec(m.maxLeverage),
    maker_fee: dec(m.makerFee),
    taker_fee: dec(m.takerFee),
  };
}

export function balanceJson(b: Balance) {
  return { currency: b.currency, free: b.free.toFixed(), used: b.used.toFixed(), total: b.total.toFixed() };
}

export function positionJson(client: Exchange, p: Position) {
  return {
    symbol: p.symbol,
    native_symbol: nativeOf(client, p.symbol),
    side: p.side,
    size: p.size.toFixed(),
    entry_price: dec(p.entryPrice),
    current_price: dec(p.markPrice),
    liquidation_price: dec(p.liquidationPrice),
    unrealized_pnl: p.unrealizedPnl.toFixed(),
    realized_pnl: dec(p.realizedPnl),
    leverage: dec(p.leverage),
    margin_mode: p.marginMode ?? null,
    timestamp: iso(p.timestamp),
  };
}

export function orderJson(client: Exchange, o: Order) {
  return {
    id: o.id,
    client_order_id: o.clientOrderId ?? null,
    symbol: o.symbol,
    native_symbol: nativeOf(client, o.symbol),
    type: o.type,
    side: o.side,
    status: o.status,
    time_in_force: o.timeInForce,
    price: dec(o.price),
    amount: o.amount.toFixed(),
    filled: o.filled.toFixed(),
    remaining: o.remaining.toFixed(),
    average: dec(o.average),
    cost: o.cost.toFixed(),
    reduce_only: o.reduceOnly,
    created_at: iso(o.timestamp),
    updated_at: iso(o.updatedAt),
  };
}

export function candleJson(c: Candle) {
  return {
    open_time: iso(c.openTime),
    open: c.open.toFixed(),
    high: c.high.toFixed(),
    low: c.low.toFixed(),
    close: c.close.toFixed(),
    volume: c.volume.toFixed(),
    closed: c.closed,
  };
}
