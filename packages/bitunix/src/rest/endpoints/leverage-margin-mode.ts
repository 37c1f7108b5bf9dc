import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { leverageMarginModeSchema } from '../schemas/account.js';

/** GET account/get_leverage_margin_mode (private): `symbol`, `marginCoin` → `{symbol, marginCoin, leverage, marginMode}`. */
export const LEVERAGE_MARGIN_MODE = endpoint({ method: 'GET', path: '/api/v1/futures/account/get_leverage_margin_mode', signed: true, bucket: 'account:leverage_margin_mode', schema: leverageMarginModeSchema });

export function getLeverageMarginMode(rest: BitunixRest, params: { readonly symbol: string; readonly marginCoin: string }, options?: CallOptions): Promise<z.output<typeof leverageMarginModeSchema>> {
  return rest.request(LEVERAGE_MARGIN_MODE, params, options);
}
