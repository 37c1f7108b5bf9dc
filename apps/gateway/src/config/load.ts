// Reads the config file (EXKIT_CONFIG) and the environment, environment winning; a bad value stops the start
// with a ConfigError naming it.
import { readFileSync } from 'node:fs';
import { configSchema, type GatewayConfig, type GatewayConfigInput } from './schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const ENV_KEYS = {
  HOST: 'host',
  PORT: 'port',
  EXKIT_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  REDIS_URL: 'redisUrl',
  EXKIT_ADMIN_PASSWORD: 'adminPassword',
  EXKIT_JWT_SECRET: 'jwtSecret',
  LOG_LEVEL: 'logLevel',
} as const satisfies Record<string, keyof GatewayConfigInput>;

/** Names of the environment variables behind each config key, for error messages. */
const ENV_OF: Record<string, string> = Object.fromEntries(Object.entries(ENV_KEYS).map(([env, key]) => [key, env]));

export function parseConfig(input: unknown, origin = 'configuration'): GatewayConfig {
  const parsed = configSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const env = ENV_OF[path];
    // Never echo the value: it may be a secret.
    return `${path || '(root)'}${env ? ` (${env})` : ''}: ${i.message}`;
  });
  throw new ConfigError(`invalid ${origin}: ${issues.join('; ')}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: GatewayConfigInput = {}): GatewayConfig {
  let fileValues: Record<string, unknown> = {};
  const file = env['EXKIT_CONFIG'];
  if (file !== undefined && file !== '') {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`EXKIT_CONFIG: cannot read ${file}: ${(e as Error).message}`);
    }
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
      fileValues = value as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`EXKIT_CONFIG: ${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const v = env[name];
    if (v !== undefined && v !== '') fromEnv[key] = v;
  }
  return parseConfig({ ...fileValues, ...fromEnv, ...overrides }, file ? `configuration (${file} and environment)` : 'configuration');
}
