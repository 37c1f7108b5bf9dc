// Server secrets kept in the store when not configured: the JWT signing key and the API-key pepper.
// Several instances on one database agree on the first value written.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

export interface ServerSecrets {
  readonly jwtSecret: string;
  readonly apiKeyPepper: string;
}

export async function loadServerSecrets(store: Store, configuredJwtSecret: string | undefined, now: string): Promise<ServerSecrets> {
  const make = () => randomBytes(48).toString('base64url');
  const jwtSecret = configuredJwtSecret ?? String(await store.secrets.getOrInit('jwt_secret', make, now));
  const apiKeyPepper = String(await store.secrets.getOrInit('api_key_pepper', make, now));
  return { jwtSecret, apiKeyPepper };
}
