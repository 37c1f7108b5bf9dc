// Owned by the HTTP/API side (auth/). Who is calling, as every route and the WebSocket endpoint see it.

/** Ordered: a role has every right of the roles before it (gateway-api.md, Endpoints). */
export const ROLES = ['READ_ONLY', 'CONTROL', 'ADMIN', 'SUPER_ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export interface Principal {
  readonly kind: 'user' | 'api_key';
  /** User id or API key id (never the key itself). */
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** Epoch ms after which the credential is no longer valid (JWT exp, key expiry); undefined = no expiry. */
  readonly expiresAt?: number;
}

/** Resolves a bearer JWT or an API key to a principal; null when invalid, expired or revoked. */
export interface Authenticator {
  authenticate(token: string): Promise<Principal | null>;
  /** Still valid now? (revocation or expiry since `authenticate`; checked by long-lived sockets). */
  isStillValid(principal: Principal): Promise<boolean>;
  /** The principal of a credential answered at once from a cache; undefined when `authenticate` must look. */
  cachedPrincipal?(token: string): Principal | undefined;
}
