// Remembers, for a few seconds, which principal a credential resolved to, so a request does not re-verify
// the JWT and re-read the user or key row every time. A revocation, a disabled user or a role change
// drops the affected entries at once: locally through `invalidate`, on every other instance through the
// event bus (app.ts relays it). Expiry is still checked on every hit.
import type { Principal } from '../contracts/auth.js';

interface Entry {
  readonly principal: Principal;
  readonly until: number;
}

const MAX_ENTRIES = 10_000;

export class PrincipalCache {
  readonly #byCredential = new Map<string, Entry>();
  #generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  get(credential: string): Principal | undefined {
    const e = this.#byCredential.get(credential);
    if (e === undefined) return undefined;
    const now = this.clock();
    if (e.until <= now || (e.principal.expiresAt !== undefined && e.principal.expiresAt <= now)) {
      this.#byCredential.delete(credential);
      return undefined;
    }
    return e.principal;
  }

  /** Changes on every invalidation; `set` ignores an answer looked up under an older generation. */
  get generation(): number {
    return this.#generation;
  }

  set(credential: string, principal: Principal, generation: number): void {
    if (generation !== this.#generation) return;
    // A flood of distinct credentials must not grow memory without bound: start over.
    if (this.#byCredential.size >= MAX_ENTRIES) this.#byCredential.clear();
    this.#byCredential.set(credential, { principal, until: this.clock() + this.ttlMs });
  }

  /** Drops every entry of the user or API key `id`. */
  invalidate(kind: Principal['kind'], id: string): void {
    this.#generation += 1;
    for (const [k, e] of this.#byCredential) if (e.principal.id === id && e.principal.kind === kind) this.#byCredential.delete(k);
  }

  clear(): void {
    this.#generation += 1;
    this.#byCredential.clear();
  }

  get size(): number {
    return this.#byCredential.size;
  }
}
