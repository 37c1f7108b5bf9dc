import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { emptyResponseSchema } from '../schemas/account.js';

export type SetLeverageResponse = z.infer<typeof emptyResponseSchema>;

/**
 * POST /v5/position/set-leverage (reference §5): leverage as strings, buy == sell (one-way mode).
 * Idempotent: a repeat answers 110043 "leverage not modified", which the decoder turns into success.
 */
export function setLeverageRequest(symbol: string, leverage: string): RestRequest<SetLeverageResponse> {
  return {
    method: 'POST',
    path: '/v5/position/set-leverage',
    body: { category: 'linear', symbol, buyLeverage: leverage, sellLeverage: leverage },
    signed: true,
    idempotent: true,
    schema: emptyResponseSchema,
    cost: privateCost('position/set-leverage', 'linear'),
    label: 'position/set-leverage',
  };
}

export async function setLeverage(rest: BybitRest, symbol: string, leverage: string): Promise<void> {
  await rest.private.request(setLeverageRequest(symbol, leverage));
}
