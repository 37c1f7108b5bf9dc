import { z } from 'zod';
import { AuthenticationError } from '../errors/error-classes.js';
import { Secret } from './secret.js';

/** What a caller hands over. */
export interface Credentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly passphrase?: string;
}

/** What core keeps: the secret parts wrapped so they never print. */
export interface ResolvedCredentials {
  readonly apiKey: Secret;
  readonly apiSecret: Secret;
  readonly passphrase?: Secret;
}

/**
 * Credentials given directly, or a function producing them (a secrets manager; called again after
 * an authentication failure so rotated keys are picked up). Library code never reads the
 * environment by itself: use `credentialsFromEnv` to opt in explicitly.
 */
export type CredentialsProvider = Credentials | (() => Credentials | Promise<Credentials>);

const credentialsSchema = z.object({
  apiKey: z.string().trim().min(1, 'apiKey is empty'),
  apiSecret: z.string().trim().min(1, 'apiSecret is empty'),
  passphrase: z.string().min(1).optional(),
});

export async function resolveCredentials(provider: CredentialsProvider, exchange: string): Promise<ResolvedCredentials> {
  const raw = typeof provider === 'function' ? await provider() : provider;
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) {
    // Name the missing field, never echo a value.
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AuthenticationError(`invalid credentials (${fields})`, { exchange });
  }
  const c = parsed.data;
  return {
    apiKey: new Secret(c.apiKey),
    apiSecret: new Secret(c.apiSecret),
    ...(c.passphrase !== undefined && { passphrase: new Secret(c.passphrase) }),
  };
}

export interface EnvNames {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly passphrase?: string;
}

/**
 * A provider reading the named environment variables when first needed (not at import).
 * `env` defaults to `process.env`; pass another record to read from elsewhere.
 */
export function credentialsFromEnv(names: EnvNames, env: Readonly<Record<string, string | undefined>> = process.env): () => Credentials {
  return () => {
    const apiKey = env[names.apiKey];
    const apiSecret = env[names.apiSecret];
    const missing = [apiKey ? undefined : names.apiKey, apiSecret ? undefined : names.apiSecret].filter(Boolean);
    if (missing.length > 0) throw new AuthenticationError(`environment variable(s) not set: ${missing.join(', ')}`, { exchange: 'exkit' });
    const passphrase = names.passphrase === undefined ? undefined : env[names.passphrase];
    return { apiKey: apiKey as string, apiSecret: apiSecret as string, ...(passphrase !== undefined && { passphrase }) };
  };
}
