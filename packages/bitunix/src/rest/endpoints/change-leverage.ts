import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { changeLeverageSchema } from '../schemas/account.js';

/** POST account/change_leverage: `{symbol, leverage (JSON int), marginCoin}`; 20006 with open orders. Setting a value twice is harmless: idempotent. */
export const CHANGE_LEVERAGE = endpoint({ method: 'POST', path: '/api/v1/futures/account/change_leverage', signed: true, bucket: 'account:change_leverage', schema: changeLeverageSchema, idempotent: true });

export function changeLeverage(rest: BitunixRest, body: { readonly symbol: string; readonly leverage: number; readonly marginCoin: string }, options?: CallOptions): Promise<z.output<typeof changeLeverageSchema>> {
  return rest.request(CHANGE_LEVERAGE, body, options);
}
