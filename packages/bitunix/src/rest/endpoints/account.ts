import { endpoint, type BitunixRest, type CallOptions } from '../client.js';
import { accountSchema, type WireAccount } from '../schemas/account.js';

/** GET account (private, 10/s/UID): `marginCoin` required; object live, one-element array in the doc (§9). */
export const ACCOUNT = endpoint({ method: 'GET', path: '/api/v1/futures/account', signed: true, bucket: 'account:account', schema: accountSchema });

export function getAccount(rest: BitunixRest, params: { readonly marginCoin: string }, options?: CallOptions): Promise<WireAccount> {
  return rest.request(ACCOUNT, params, options);
}
