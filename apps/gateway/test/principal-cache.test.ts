// The principal cache: reused within its lifetime, never past a credential's expiry, dropped at once by an
// invalidation, and never refilled by a lookup that started before the invalidation.
import { describe, expect, it } from 'vitest';
import { PrincipalCache } from '../src/auth/principal-cache.js';
import type { Principal } from '../src/contracts/auth.js';

const key: Principal = { kind: 'api_key', id: 'k1', name: 'bot', role: 'READ_ONLY', expiresAt: 10_000 };
const user: Principal = { kind: 'user', id: 'u1', name: 'ann', role: 'ADMIN' };

describe('PrincipalCache', () => {
  it('answers within its lifetime and before the credential expires, not after', () => {
    let now = 0;
    const c = new PrincipalCache(2_000, () => now);
    c.set('tok-u', user, c.generation);
    c.set('tok-k', key, c.generation);
    now = 1_999;
    expect(c.get('tok-u')).toBe(user);
    now = 2_000;
    expect(c.get('tok-u')).toBeUndefined();
    c.set('tok-k', key, c.generation);
    now = 3_000;
    expect(c.get('tok-k')).toBe(key);
    now = 9_000;
    c.set('tok-k', key, c.generation);
    now = 10_000;
    expect(c.get('tok-k')).toBeUndefined();
  });

  it('drops every credential of an invalidated user or key, and only those', () => {
    const c = new PrincipalCache(60_000, () => 0);
    c.set('tok-1', user, c.generation);
    c.set('tok-2', user, c.generation);
    c.set('tok-k', key, c.generation);
    c.invalidate('user', 'u1');
    expect(c.get('tok-1')).toBeUndefined();
    expect(c.get('tok-2')).toBeUndefined();
    expect(c.get('tok-k')).toBe(key);
    c.invalidate('user', 'k1'); // same id, other kind: kept
    expect(c.get('tok-k')).toBe(key);
  });

  it('ignores an answer looked up before an invalidation (a revocation racing a store read)', () => {
    const c = new PrincipalCache(60_000, () => 0);
    const before = c.generation;
    c.invalidate('api_key', 'k1');
    c.set('tok-k', key, before);
    expect(c.get('tok-k')).toBeUndefined();
    expect(c.size).toBe(0);
  });
});
