import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Credentials } from '@exkit/core';
import { z } from 'zod';
import type { VenueId } from './args.js';
import { UsageError } from './errors.js';
import { registerSecret } from './output/redact.js';

/** Environment variable names per venue (seed 002). */
export const ENV_NAMES: Readonly<Record<VenueId, { readonly apiKey: string; readonly apiSecret: string }>> = {
  bybit: { apiKey: 'BYBIT_API_KEY', apiSecret: 'BYBIT_API_SECRET' },
  bitunix: { apiKey: 'BITUNIX_API_KEY', apiSecret: 'BITUNIX_SECRET_KEY' },
};

export interface CredentialFlags {
  readonly apiKey?: string;
  readonly apiSecret?: string;
  readonly profile?: string;
  readonly profileFile?: string;
}

/** Where the credentials came from, for `--verbose` (never the values). */
export interface FoundCredentials {
  readonly credentials: Credentials;
  readonly source: string;
}

const profileSchema = z
  .object({ apiKey: z.string().trim().min(1, 'apiKey is empty'), apiSecret: z.string().trim().min(1, 'apiSecret is empty'), venue: z.enum(['bybit', 'bitunix']).optional() })
  .strict();
const profileFileSchema = z.record(z.string(), profileSchema);

export function defaultProfileFile(env: NodeJS.ProcessEnv = process.env): string {
  return env['EXKIT_PROFILE_FILE'] ?? join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'exkit', 'credentials.json');
}

/**
 * Flags first, then a named profile, then the venue's environment variables; undefined when none
 * is set (public commands run without). Every value found is registered for redaction at once.
 */
export async function findCredentials(venue: VenueId, flags: CredentialFlags, env: NodeJS.ProcessEnv = process.env): Promise<FoundCredentials | undefined> {
  const found = await locate(venue, flags, env);
  if (found !== undefined) registerSecret(found.credentials.apiKey, found.credentials.apiSecret);
  return found;
}

async function locate(venue: VenueId, flags: CredentialFlags, env: NodeJS.ProcessEnv): Promise<FoundCredentials | undefined> {
  if (flags.apiKey !== undefined || flags.apiSecret !== undefined) {
    registerSecret(flags.apiKey, flags.apiSecret);
    if (flags.apiKey === undefined || flags.apiSecret === undefined) throw new UsageError('give both --api-key and --api-secret (or neither)');
    return { credentials: { apiKey: flags.apiKey, apiSecret: flags.apiSecret }, source: 'flags --api-key/--api-secret' };
  }
  if (flags.profile !== undefined) return readProfile(venue, flags.profile, flags.profileFile ?? defaultProfileFile(env));
  const names = ENV_NAMES[venue];
  const apiKey = env[names.apiKey];
  const apiSecret = env[names.apiSecret];
  registerSecret(apiKey, apiSecret);
  if ((apiKey ?? '') === '' && (apiSecret ?? '') === '') return undefined;
  if ((apiKey ?? '') === '' || (apiSecret ?? '') === '') {
    throw new UsageError(`set both ${names.apiKey} and ${names.apiSecret} (only ${(apiKey ?? '') === '' ? names.apiSecret : names.apiKey} is set)`);
  }
  return { credentials: { apiKey: apiKey as string, apiSecret: apiSecret as string }, source: `environment ${names.apiKey}/${names.apiSecret}` };
}

/** A profile file holds secrets: refuse it when anyone but the owner may read it (like ssh does with keys). */
async function readProfile(venue: VenueId, name: string, file: string): Promise<FoundCredentials> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch {
    throw new UsageError(`profile file ${file} not found (set --profile-file or EXKIT_PROFILE_FILE)`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new UsageError(`refusing profile file ${file}: readable by group or others (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new UsageError(`profile file ${file} is not valid JSON`);
  }
  // Register every value before validating, so not even a schema message could show one.
  if (json !== null && typeof json === 'object') {
    for (const p of Object.values(json)) {
      if (p !== null && typeof p === 'object') {
        const { apiKey, apiSecret } = p as Record<string, unknown>;
        registerSecret(...[apiKey, apiSecret].filter((v): v is string => typeof v === 'string'));
      }
    }
  }
  const parsed = profileFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`profile file ${file}: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'bad shape'} (expected { "<name>": { "apiKey", "apiSecret", "venue"? } })`);
  }
  const profile = parsed.data[name];
  if (profile === undefined) throw new UsageError(`profile ${name} not found in ${file}`);
  if (profile.venue !== undefined && profile.venue !== venue) throw new UsageError(`profile ${name} is for ${profile.venue}, not ${venue}`);
  return { credentials: { apiKey: profile.apiKey, apiSecret: profile.apiSecret }, source: `profile ${name} in ${file}` };
}
