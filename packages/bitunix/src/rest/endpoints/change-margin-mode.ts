import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { changeMarginModeSchema } from '../schemas/account.js';

/** POST account/change_margin_mode: `{marginMode: ISOLATION|CROSS, symbol, marginCoin}`; refused with an open position/orders (20006). */
export const CHANGE_MARGIN_MODE = endpoint({ method: 'POST', path: '/api/v1/futures/account/change_margin_mode', signed: true, bucket: 'account:change_margin_mode', schema: changeMarginModeSchema, idempotent: true });

export function changeMarginMode(
  rest: BitunixRest,
  body: { readonly symbol: string; readonly marginMode: 'ISOLATION' | 'CROSS'; readonly marginCoin: string },
  options?: CallOptions,
): Promise<z.output<typeof changeMarginModeSchema>> {
  return rest.request(CHANGE_MARGIN_MODE, body, options);
}
