// The venue key's permissions for VenueHealth, when the adapter can ask the venue (optional
// `fetchApiKeyInfo`): `read`, `trade`, `transfer`, `withdraw` as granted. `withdraw` listed means the
// gateway's key can move funds out — operators should see it on /status-like views and revoke it.
import type { ApiKeyInfo, Exchange } from '@exkit/core';

export function grantedPermissions(info: ApiKeyInfo): readonly string[] {
  const p = info.permissions;
  return ['read', ...(p.trade ? ['trade'] : []), ...(p.transfer === true ? ['transfer'] : []), ...(p.withdraw ? ['withdraw'] : [])];
}

/** undefined when the adapter cannot tell or the venue did not answer (health must not fail on it). */
export async function keyPermissions(client: Exchange): Promise<readonly string[] | undefined> {
  if (client.fetchApiKeyInfo === undefined) return undefined;
  try {
    return grantedPermissions(await client.fetchApiKeyInfo());
  } catch {
    return undefined;
  }
}
