// Authenticator (contracts/auth.ts): a bearer JWT or an API key → the caller, checked against the store.
// With a PrincipalCache the answer is reused for a few seconds; every change that could end or narrow a
// credential goes through `credentialChanged`, which drops it here and (via `notify`, the event bus) on
// every other instance before the change is acknowledged, so a revoked key still stops working at once.
import type { Authenticator, Principal, Role } from '../contracts/auth.js';
import { ROLES } from '../contracts/auth.js';
import type { Store } from '../store/store.js';
import { apiKeyMatches, looksLikeApiKey, prefixOf } from './api-key-codec.js';
import type { PrincipalCache } from './principal-cache.js';
import type { TokenService } from './tokens.js';

/** The highest role in a key's permission list. */
export function topRole(permissions: readonly Role[]): Role {
  let best = 0;
  for (const p of permissions) best = Math.max(best, ROLES.indexOf(p));
  return ROLES[best] ?? 'READ_ONLY';
}

export interface ApiKeyPrincipal extends Principal {
  readonly kind: 'api_key';
  /** Requests per hour of this key. */
  readonly rateLimit: number;
}

const TOUCH_EVERY_MS = 60_000;

export interface AuthenticatorCaching {
  readonly cache: PrincipalCache;
  /** Tells the other instances (resolves once the message is on its way to all of them). */
  readonly notify?: (kind: Principal['kind'], id: string) => Promise<void>;
}

export class StoreAuthenticator implements Authenticator {
  readonly #touched = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly tokens: TokenService,
    private readonly pepper: string,
    private readonly clock: () => number,
    private readonly caching?: AuthenticatorCaching,
  ) {}

  async authenticate(token: string): Promise<Principal | null> {
    if (token.length === 0 || token.length > 4096) return null;
    const cache = this.caching?.cache;
    if (cache === undefined) return looksLikeApiKey(token) ? this.#apiKey(token) : this.#jwt(token);
    const hit = cache.get(token);
    if (hit !== undefined) {
      if (hit.kind === 'api_key') await this.#touch(hit.id);
      return hit;
    }
    // A change that lands while the store is read must not be overwritten by what was read before it.
    const generation = cache.generation;
    const principal = looksLikeApiKey(token) ? await this.#apiKey(token) : await this.#jwt(token);
    if (principal !== null) cache.set(token, principal, generation);
    return principal;
  }

  cachedPrincipal(token: string): Principal | undefined {
    const hit = this.caching?.cache.get(token);
    // A key due for its last-used update takes the async path, which records it.
    if (hit === undefined || (hit.kind === 'api_key' && this.clock() - (this.#touched.get(hit.id) ?? 0) >= TOUCH_EVERY_MS)) return undefined;
    return hit;
  }

  /** A user or key was revoked, disabled, demoted or re-keyed: forget it here and on every instance. */
  async credentialChanged(kind: Principal['kind'], id: string): Promise<void> {
    this.caching?.cache.invalidate(kind, id);
    await this.caching?.notify?.(kind, id);
  }

  /** Another instance reported a change (see credentialChanged). */
  forget(kind: Principal['kind'], id: string): void {
    this.caching?.cache.invalidate(kind, id);
  }

  async isStillValid(principal: Principal): Promise<boolean> {
    const now = this.clock();
    if (principal.expiresAt !== undefined && principal.expiresAt <= now) return false;
    if (principal.kind === 'user') {
      const user = await this.store.users.byId(principal.id);
      return user !== null && user.enabled;
    }
    const key = await this.store.apiKeys.byId(principal.id);
    return key !== null && key.enabled && (key.expiresAt === null || Date.parse(key.expiresAt) > now);
  }

  async #jwt(token: string): Promise<Principal | null> {
    const claims = this.tokens.verifyAccess(token);
    if (!claims) return null;
    const user = await this.store.users.byId(claims.sub);
    if (!user || !user.enabled) return null;
    // The role is read from the store: a demotion applies to tokens already issued.
    return { kind: 'user', id: user.id, name: user.username, role: user.role, expiresAt: claims.exp * 1000 };
  }

  async #apiKey(token: string): Promise<ApiKeyPrincipal | null> {
    const prefix = prefixOf(token);
    if (prefix === null) return null;
    const key = await this.store.apiKeys.byPrefix(prefix);
    if (!key || !key.enabled || !apiKeyMatches(this.pepper, token, key.hash)) return null;
    const now = this.clock();
    const expiresAt = key.expiresAt === null ? undefined : Date.parse(key.expiresAt);
    if (expiresAt !== undefined && expiresAt <= now) return null;
    await this.#touch(key.id);
    return {
      kind: 'api_key',
      id: key.id,
      name: key.name,
      role: topRole(key.permissions),
      rateLimit: key.rateLimit,
      ...(expiresAt !== undefined && { expiresAt }),
    };
  }

  /** Records last use at most once a minute per key. */
  #touch(id: string): Promise<void> | undefined {
    const now = this.clock();
    const last = this.#touched.get(id) ?? 0;
    if (now - last < TOUCH_EVERY_MS) return undefined;
    this.#touched.set(id, now);
    return this.store.apiKeys.touch(id, new Date(now).toISOString());
  }
}
