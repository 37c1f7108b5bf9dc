import { ZERO, type Balance, type Decimal } from '@exkit/core';
import type { WireWalletCoin } from '../rest/schemas/account.js';

const orZero = (d: Decimal | undefined): Decimal => d ?? ZERO;

/**
 * One coin of the unified wallet → Balance, keeping core's total = free + used exactly:
 * - total = `walletBalance`;
 * - used = `totalPositionIM + totalOrderIM + locked + bonus`, the amounts DOCS subtract from the
 *   wallet balance to get what is available (`docs/v5/account/wallet-balance.mdx`, reference §5:
 *   isolated available = walletBalance − totalPositionIM − totalOrderIM − locked − bonus),
 *   clamped into [0, total];
 * - free = total − used.
 * Deprecated `""` fields count as 0. Cross-margin availability is account-wide in USD
 * (`totalAvailableBalance`) and has no per-coin form; this per-coin split is the closest exact one.
 */
export function mapWalletCoin(c: WireWalletCoin, timestamp: number): Balance {
  const total = c.walletBalance;
  const reserved = orZero(c.totalPositionIM).plus(orZero(c.totalOrderIM)).plus(orZero(c.locked)).plus(orZero(c.bonus));
  const ceiling = total.gt(0) ? total : ZERO;
  const used = reserved.lt(0) ? ZERO : reserved.gt(ceiling) ? ceiling : reserved;
  return { currency: c.coin, free: total.minus(used), used, total, timestamp };
}
