import type { RestRequest } from '@exkit/core';
import type { z } from 'zod';
import type { BybitRest } from '../client.js';
import { privateCost } from '../limits.js';
import { walletBalanceResponseSchema } from '../schemas/account.js';

export type WalletBalanceResponse = z.infer<typeof walletBalanceResponseSchema>;

/** GET /v5/account/wallet-balance?accountType=UNIFIED (reference §5; without `coin`: non-zero coins only). */
export function walletBalanceRequest(): RestRequest<WalletBalanceResponse> {
  return {
    path: '/v5/account/wallet-balance',
    query: { accountType: 'UNIFIED' },
    signed: true,
    schema: walletBalanceResponseSchema,
    cost: privateCost('account/wallet-balance', 'linear'),
    label: 'account/wallet-balance',
  };
}

export function getWalletBalance(rest: BybitRest): Promise<WalletBalanceResponse> {
  return rest.private.request(walletBalanceRequest());
}
