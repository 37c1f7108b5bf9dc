import { UnexpectedResponseError, ZERO, type Fill, type Market, type Order } from '@exkit/core';
import type { WireHistoryTrade } from '../rest/schemas/order.js';
import { toSide } from './enums.js';

/**
 * get_history_trades row → Fill. The example carries no `side` although the table lists it (fixture
 * rest-history-trades.json): without it the side comes from the order (`orderSide`, from get_order_detail); with
 * neither the row cannot be mapped (undefined — the caller looks the order up). CCXT flips `side` when an
 * (undocumented) `tradeSide` says CLOSE, i.e. hedge-mode closes name the position side (§5); that flip is applied too.
 * Liquidity from `roleType` (a row without it is an UnexpectedResponseError).
 */
export function fromHistoryTrade(t: WireHistoryTrade, market: Market, orderSide?: Order['side']): Fill | undefined {
  if (t.roleType === undefined) throw new UnexpectedResponseError(`fill ${t.tradeId} has no roleType (TAKER/MAKER)`, { exchange: 'bitunix', path: 'tradeList.roleType' });
  let side = t.side !== undefined ? toSide(t.side) : orderSide;
  if (side === undefined) return undefined;
  if (t.side !== undefined && t.tradeSide === 'CLOSE' && t.positionMode === 'HEDGE') side = side === 'buy' ? 'sell' : 'buy';
  const size = t.qty.mul(market.contractSize);
  return {
    id: t.tradeId,
    orderId: t.orderId,
    ...(t.clientId !== undefined && { clientOrderId: t.clientId }),
    symbol: market.symbol,
    side,
    price: t.price,
    size,
    cost: t.price.mul(size),
    fee: { amount: t.fee ?? ZERO, currency: market.settle ?? market.quote },
    liquidity: t.roleType === 'MAKER' ? 'maker' : 'taker',
    timestamp: t.ctime,
  };
}
