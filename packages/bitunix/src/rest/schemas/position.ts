import { z } from 'zod';
import { MARGIN_MODES, POSITION_MODES, POSITION_SIDES, wireDecimal, wireEnum, wireId, wireMs, wireOptionalDecimal, wireOptionalEnum, wireOptionalMs } from './common.js';

/** GET /api/v1/futures/position/get_pending_positions item — bitunix.md §5 (fixture rest-pending-positions.json). */
export const pendingPositionSchema = z.object({
  positionId: wireId,
  symbol: z.string().min(1),
  qty: wireDecimal,
  entryValue: wireOptionalDecimal,
  side: wireEnum(POSITION_SIDES),
  marginMode: wireOptionalEnum(MARGIN_MODES),
  positionMode: wireOptionalEnum(POSITION_MODES),
  leverage: wireOptionalDecimal,
  fee: wireOptionalDecimal,
  funding: wireOptionalDecimal,
  realizedPNL: wireOptionalDecimal,
  margin: wireOptionalDecimal,
  unrealizedPNL: wireOptionalDecimal,
  liqPrice: wireOptionalDecimal,
  marginRate: wireOptionalDecimal,
  avgOpenPrice: wireOptionalDecimal,
  // CCXT reads `avgOpenPrice` then `entryPrice`
  entryPrice: wireOptionalDecimal,
  ctime: wireMs,
  mtime: wireOptionalMs,
});
export type WirePendingPosition = z.output<typeof pendingPositionSchema>;
export const pendingPositionsSchema = z.array(pendingPositionSchema);

/** GET /api/v1/futures/position/get_history_positions — `{positionList, total}` (fixture rest-history-positions.json). */
export const historyPositionSchema = z.object({
  positionId: wireId,
  symbol: z.string().min(1),
  maxQty: wireOptionalDecimal,
  entryPrice: wireOptionalDecimal,
  closePrice: wireOptionalDecimal,
  liqQty: wireOptionalDecimal,
  side: wireEnum(POSITION_SIDES),
  marginMode: wireOptionalEnum(MARGIN_MODES),
  positionMode: wireOptionalEnum(POSITION_MODES),
  leverage: wireOptionalDecimal,
  fee: wireOptionalDecimal,
  funding: wireOptionalDecimal,
  realizedPNL: wireOptionalDecimal,
  liqPrice: wireOptionalDecimal,
  ctime: wireMs,
  mtime: wireOptionalMs,
});
export type WireHistoryPosition = z.output<typeof historyPositionSchema>;
export const historyPositionsSchema = z.object({ positionList: z.array(historyPositionSchema), total: z.union([z.number(), z.string()]).optional() });
