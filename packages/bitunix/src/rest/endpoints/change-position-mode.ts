import type { z } from 'zod';
import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { changePositionModeSchema } from '../schemas/account.js';

/** POST account/change_position_mode: `{positionMode: ONE_WAY|HEDGE}`, account-wide; 20009 / 200014 with positions or orders. */
export const CHANGE_POSITION_MODE = endpoint({ method: 'POST', path: '/api/v1/futures/account/change_position_mode', signed: true, bucket: 'account:change_position_mode', schema: changePositionModeSchema, idempotent: true });

export function changePositionMode(rest: BitunixRest, body: { readonly positionMode: 'ONE_WAY' | 'HEDGE' }, options?: CallOptions): Promise<z.output<typeof changePositionModeSchema>> {
  return rest.request(CHANGE_POSITION_MODE, body, options);
}
