import { ZERO, type Balance } from '@exkit/core';
import type { WireAccount } from '../rest/schemas/account.js';
import type { WsBalance } from '../ws/schemas/private.js';

/**
 * GET account → Balance. used = frozen (locked by orders) + margin (locked by positions), total = free + used
 * (CCXT's reading, bitunix.md §5). Unrealized PnL is not part of the balance.
 */
export function fromAccount(a: WireAccount, now: number): Balance {
  const used = a.frozen.add(a.margin);
  return { currency: a.marginCoin.toUpperCase(), free: a.available, used, total: a.available.add(used), timestamp: now };
}

/** WS `balance` → Balance: `frozen` = isolationFrozen + crossFrozen, margin likewise (§6). */
export function fromWsBalance(b: WsBalance, ts: number): Balance {
  const frozen = b.frozen ?? (b.isolationFrozen ?? ZERO).add(b.crossFrozen ?? ZERO);
  const margin = b.margin ?? (b.isolationMargin ?? ZERO).add(b.crossMargin ?? ZERO);
  const used = frozen.add(margin);
  return { currency: b.coin.toUpperCase(), free: b.available, used, total: b.available.add(used), timestamp: ts };
}
