// Deterministic client order ids: the same decision (strategy, candle, purpose) always yields the
// same id, so a restarted engine recognises an order it already sent (journal) instead of
// sending it twice. Core's rule: ≤ 36 characters of [A-Za-z0-9_-].
import { createHash } from 'node:crypto';

export const ENGINE_ORDER_PREFIX = 'exk';

export type OrderPurpose = 'sig' | 'sl' | 'cls';

export function engineClientOrderId(strategyId: string, at: number, purpose: OrderPurpose): string {
  const tag = createHash('sha256').update(strategyId).digest('hex').slice(0, 10);
  return `${ENGINE_ORDER_PREFIX}${tag}-${at.toString(36)}-${purpose}`;
}

export function isEngineOrder(clientOrderId: string | undefined): boolean {
  return clientOrderId !== undefined && clientOrderId.startsWith(ENGINE_ORDER_PREFIX);
}
