// pino options for the gateway. Redaction paths are spelled out per nesting depth: pino's `*` covers one level.
import type { LoggerOptions } from 'pino';

const SECRET_KEYS = ['password', 'new_password', 'apiSecret', 'api_secret', 'apiKey', 'api_key', 'secret', 'token', 'access_token', 'refresh_token', 'jwtSecret', 'adminPassword', 'passphrase', 'credentials'];

export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.query.token',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.*.${k}`),
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' },
    // The URL may carry `?token=` on a WebSocket upgrade: log the path only.
    serializers: {
      req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
        method: req.method,
        url: typeof req.url === 'string' ? req.url.split('?')[0] : undefined,
        id: req.id,
        ip: req.ip,
      }),
    },
  };
}
