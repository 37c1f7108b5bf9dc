import type { ApiKeyInfo } from '@exkit/core';
import type { CheckStatus } from './types.js';

/**
 * The permissions line from the venue's own answer about the key. Withdraw enabled is the warning
 * that matters: a trading key that can move funds out is the worst thing to leak. A key that may
 * not trade warns too (reading works, orders would be refused).
 */
export function describeKeyInfo(info: ApiKeyInfo): { readonly status: CheckStatus; readonly detail: string } {
  const p = info.permissions;
  const parts = [`read ✓ trade ${p.trade ? '✓' : info.readOnly ? '✗ (read-only key)' : '✗'}`];
  parts.push(p.withdraw ? 'withdraw ⚠ ENABLED — disable withdrawals on this key' : 'withdraw ✗ (disabled)');
  if (p.transfer !== undefined) parts.push(`transfer ${p.transfer ? '✓' : '✗'}`);
  const ips = info.ipWhitelist ?? [];
  parts.push(ips.length > 0 ? `IP-bound (${ips.length})` : 'not IP-bound');
  if (info.expiresAt !== undefined) parts.push(`expires ${new Date(info.expiresAt).toISOString().slice(0, 10)}`);
  return { status: p.withdraw || !p.trade ? 'warn' : 'pass', detail: parts.join('; ') };
}
