import type { ApiKeyInfo } from '@exkit/core';
import type { WireApiKeyInfo } from '../rest/schemas/user.js';

/** Permission groups whose grants allow placing orders (Bybit docs, "Get API Key Information"). */
const TRADE_GROUPS = ['ContractTrade', 'Spot', 'Options', 'Derivatives'] as const;
const TRANSFER_GRANTS = ['AccountTransfer', 'SubMemberTransfer', 'SubMemberTransferList'] as const;

/** `/v5/user/query-api` → neutral key info. A read-only key trades nothing whatever its groups say. */
export function mapApiKeyInfo(wire: WireApiKeyInfo): ApiKeyInfo {
  const groups = wire.permissions;
  const readOnly = wire.readOnly === 1;
  const wallet = groups['Wallet'] ?? [];
  const ips = wire.ips.filter((ip) => ip !== '*' && ip !== '');
  const expires = wire.expiredAt === undefined || wire.expiredAt === '' ? Number.NaN : Date.parse(wire.expiredAt);
  return {
    readOnly,
    permissions: {
      read: true,
      trade: !readOnly && TRADE_GROUPS.some((g) => (groups[g]?.length ?? 0) > 0),
      withdraw: wallet.includes('Withdraw'),
      transfer: TRANSFER_GRANTS.some((t) => wallet.includes(t)),
    },
    ...(ips.length > 0 && { ipWhitelist: ips }),
    ...(Number.isFinite(expires) && { expiresAt: expires }),
    venuePermissions: Object.fromEntries(Object.entries(groups).filter(([, v]) => v.length > 0)),
  };
}
