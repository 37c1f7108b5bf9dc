// First start with an empty store: an `admin` SUPER_ADMIN with EXKIT_ADMIN_PASSWORD or a random password,
// returned once so server.ts can print it; only the hash is stored.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { hashPassword, randomPassword } from './passwords.js';

export interface BootstrapResult {
  readonly created: boolean;
  /** Set only when a random password was generated (to be shown once). */
  readonly generatedPassword?: string;
}

export async function ensureFirstAdmin(store: Store, configuredPassword: string | undefined, now: string): Promise<BootstrapResult> {
  if ((await store.users.count()) > 0) return { created: false };
  const password = configuredPassword ?? randomPassword();
  const created = await store.users.insert({
    id: randomUUID(),
    username: 'admin',
    passwordHash: await hashPassword(password),
    role: 'SUPER_ADMIN',
    enabled: true,
    createdAt: now,
    updatedAt: now,
  });
  // Another instance may have created it first: then it printed its own password.
  if (!created) return { created: false };
  return configuredPassword === undefined ? { created: true, generatedPassword: password } : { created: true };
}
