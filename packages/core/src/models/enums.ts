import { z } from 'zod';

export const marketTypeSchema = z.enum(['spot', 'swap', 'future']);
export type MarketType = z.infer<typeof marketTypeSchema>;

export const orderSideSchema = z.enum(['buy', 'sell']);
export type OrderSide = z.infer<typeof orderSideSchema>;

export const orderTypeSchema = z.enum(['limit', 'market']);
export type OrderType = z.infer<typeof orderTypeSchema>;

/** gtc: good till canceled; ioc: immediate or cancel; fok: fill or kill; post_only: maker only. */
export const timeInForceSchema = z.enum(['gtc', 'ioc', 'fok', 'post_only']);
export type TimeInForce = z.infer<typeof timeInForceSchema>;

/**
 * Order lifecycle. `untriggered` is a conditional order waiting for its trigger; `open` includes
 * partially filled orders (see `filled`). Terminal: filled, canceled, rejected, expired.
 */
export const orderStatusSchema = z.enum(['untriggered', 'open', 'filled', 'canceled', 'rejected', 'expired']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set(['filled', 'canceled', 'rejected', 'expired']);
export function isTerminalStatus(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.has(status);
}

export const triggerReferenceSchema = z.enum(['last', 'mark', 'index']);
export type TriggerReference = z.infer<typeof triggerReferenceSchema>;

export const positionSideSchema = z.enum(['long', 'short', 'flat']);
export type PositionSide = z.infer<typeof positionSideSchema>;

export const marginModeSchema = z.enum(['cross', 'isolated']);
export type MarginMode = z.infer<typeof marginModeSchema>;

export const liquiditySchema = z.enum(['maker', 'taker']);
export type Liquidity = z.infer<typeof liquiditySchema>;

export const timeframeSchema = z.enum(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w', '1M']);
export type Timeframe = z.infer<typeof timeframeSchema>;

/** Milliseconds per timeframe; `1M` is calendar-based and aligned by month, see candles/timeframes. */
export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
  '1M': 2_592_000_000,
};
