import { ZERO, type Market, type Position } from '@exkit/core';
import type { WirePendingPosition } from '../rest/schemas/position.js';
import type { WsPosition } from '../ws/schemas/private.js';
import { toMarginMode, toPositionSide } from './enums.js';

/**
 * get_pending_positions row → Position. `qty` is positive in base units; size is signed by side. `liqPrice ≤ 0`
 * means none (§5). Entry price: `avgOpenPrice`, else `entryPrice`, else entryValue / qty.
 */
export function fromPendingPosition(p: WirePendingPosition, market: Market): Position {
  const size = p.qty.mul(market.contractSize);
  const side = toPositionSide(p.side);
  const entry = p.avgOpenPrice ?? p.entryPrice ?? (p.entryValue !== undefined && p.qty.gt(0) ? p.entryValue.div(p.qty) : undefined);
  return {
    symbol: market.symbol,
    side: size.isZero() ? 'flat' : side,
    size: side === 'short' && !size.isZero() ? size.neg() : size,
    ...(entry !== undefined && entry.gt(0) && { entryPrice: entry }),
    ...(p.liqPrice !== undefined && p.liqPrice.gt(0) && { liquidationPrice: p.liqPrice }),
    unrealizedPnl: p.unrealizedPNL ?? ZERO,
    ...(p.realizedPNL !== undefined && { realizedPnl: p.realizedPNL }),
    ...(p.leverage !== undefined && { leverage: p.leverage }),
    ...(p.marginMode !== undefined && { marginMode: toMarginMode(p.marginMode) }),
    ...(p.margin !== undefined && { margin: p.margin }),
    timestamp: p.mtime ?? p.ctime,
  };
}

/**
 * WS `position` → Position. `event: CLOSE` (or qty 0) is a flat position. The frame has no liquidation price, no
 * average open price and no mark (§6): entry = entryValue / qty; `ts` (gateway send time) stamps it.
 */
export function fromWsPosition(p: WsPosition, market: Market, ts: number): Position {
  const closed = p.event === 'CLOSE' || p.qty.isZero();
  const size = closed ? ZERO : p.qty.mul(market.contractSize);
  const side = toPositionSide(p.side);
  const entry = !closed && p.entryValue !== undefined && p.qty.gt(0) ? p.entryValue.div(p.qty) : undefined;
  return {
    symbol: market.symbol,
    side: closed ? 'flat' : side,
    size: side === 'short' && !size.isZero() ? size.neg() : size,
    ...(entry !== undefined && entry.gt(0) && { entryPrice: entry }),
    unrealizedPnl: closed ? ZERO : (p.unrealizedPNL ?? ZERO),
    ...(p.realizedPNL !== undefined && { realizedPnl: p.realizedPNL }),
    ...(p.leverage !== undefined && { leverage: p.leverage }),
    ...(p.marginMode !== undefined && { marginMode: toMarginMode(p.marginMode) }),
    ...(p.margin !== undefined && { margin: p.margin }),
    timestamp: ts,
  };
}
