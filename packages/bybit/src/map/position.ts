import { ZERO, type Market, type Position } from '@exkit/core';
import type { WirePosition } from '../rest/schemas/account.js';
import { positiveOrUndefined, realTimestamp } from './util.js';

/**
 * A position row → core Position (one-way, signed size: Buy long +, Sell short −; side `""` or
 * size 0 is flat). REST says `avgPrice`, WS `entryPrice` (reference §5). `curRealisedPnl` is the
 * realised PnL of the position held now; `positionIM` its initial margin. Unified accounts set the
 * margin mode account-wide (`tradeMode` is deprecated, always 0), so it is not reported per row.
 */
export function mapPosition(w: WirePosition, market: Market, fallbackTimestamp: number): Position {
  const flat = w.side === '' || w.size.isZero();
  const side = flat ? 'flat' : w.side === 'Buy' ? 'long' : 'short';
  const size = flat ? ZERO : w.side === 'Sell' ? w.size.negated() : w.size;
  const entry = flat ? undefined : positiveOrUndefined(w.avgPrice ?? w.entryPrice);
  const mark = positiveOrUndefined(w.markPrice);
  const liq = positiveOrUndefined(w.liqPrice);
  const leverage = positiveOrUndefined(w.leverage);
  return {
    symbol: market.symbol,
    side,
    size,
    ...(entry !== undefined && { entryPrice: entry }),
    ...(mark !== undefined && { markPrice: mark }),
    ...(liq !== undefined && { liquidationPrice: liq }),
    unrealizedPnl: w.unrealisedPnl ?? ZERO,
    ...(w.curRealisedPnl !== undefined && { realizedPnl: w.curRealisedPnl }),
    ...(leverage !== undefined && { leverage }),
    ...(w.positionIM !== undefined && { margin: w.positionIM }),
    timestamp: realTimestamp(w.updatedTime) ?? realTimestamp(w.createdTime) ?? fallbackTimestamp,
  };
}
