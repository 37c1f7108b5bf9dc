// The gateway's configuration: one zod schema for the file and the environment together.
import { z } from 'zod';

const credentialsSchema = z
  .object({ apiKey: z.string().min(1), apiSecret: z.string().min(1), passphrase: z.string().optional() })
  .strict();

const urlOf = (protocols: readonly string[], what: string) =>
  z.string().refine((s) => URL.canParse(s) && protocols.includes(new URL(s).protocol), { message: `expected ${what} URL` });

/**
 * Where a venue the gateway does not run itself answers: a simulator in another process (`exkit sim`), a proxy.
 * Venue A's `wsPublic` may name its linear or spot socket (the sibling is derived) or their common base.
 */
const venueUrlsSchema = z
  .object({
    rest: urlOf(['http:', 'https:'], 'an http(s)'),
    wsPublic: urlOf(['ws:', 'wss:'], 'a ws(s)'),
    wsPrivate: urlOf(['ws:', 'wss:'], 'a ws(s)'),
    wsTrade: urlOf(['ws:', 'wss:'], 'a ws(s)').optional(),
  })
  .strict();
export type VenueUrls = z.infer<typeof venueUrlsSchema>;

export const venueConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'venue id: lowercase letters, digits, "-" and "_" (max 32)'),
    exchange: z.enum(['bybit', 'bitunix']),
    env: z.enum(['sim', 'testnet', 'demo', 'mainnet']),
    /**
     * The venue's own addresses instead of the environment's: the gateway then starts no simulator for a
     * `sim` venue and talks to the one at these URLs (with `credentials`, e.g. the key `exkit sim` prints).
     */
    urls: venueUrlsSchema.optional(),
    /** Not for an in-process `sim` venue (the simulator's own key is used). */
    credentials: credentialsSchema.optional(),
    /** A required venue being down makes /health answer 503. */
    required: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.exchange === 'bitunix' && (v.env === 'testnet' || v.env === 'demo')) {
      ctx.addIssue({ code: 'custom', path: ['env'], message: 'bitunix has no testnet or demo environment (sim or mainnet)' });
    }
    if (v.exchange === 'bitunix' && v.urls?.wsTrade !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['urls', 'wsTrade'], message: 'bitunix has no trade WebSocket' });
    }
  });
export type VenueConfig = z.infer<typeof venueConfigSchema>;

const portSchema = z.coerce.number().int().min(0).max(65_535);

export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: portSchema.default(8000),
    dataDir: z.string().min(1).default('./.exkit'),
    databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
    /** PostgreSQL schema to use (tests give every run its own); default `public`. */
    databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('public'),
    redisUrl: z.string().regex(/^rediss?:\/\//, 'expected a redis:// URL').optional(),
    /** Prefix of every Redis key and channel: instances of one deployment share it, others must not. */
    redisPrefix: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default('exkit:'),
    adminPassword: z.string().min(8, 'EXKIT_ADMIN_PASSWORD must have at least 8 characters').optional(),
    jwtSecret: z.string().min(32, 'EXKIT_JWT_SECRET must have at least 32 characters').optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    environment: z.string().min(1).default('development'),
    auth: z
      .object({
        accessTokenSeconds: z.number().int().positive().default(3600),
        refreshTokenSeconds: z.number().int().positive().default(86_400),
        /** Failed logins allowed per username and per IP in `loginWindowSeconds`. */
        maxFailedLogins: z.number().int().positive().default(10),
        loginWindowSeconds: z.number().int().positive().default(900),
      })
      .strict()
      .default({ accessTokenSeconds: 3600, refreshTokenSeconds: 86_400, maxFailedLogins: 10, loginWindowSeconds: 900 }),
    /** Multiplies every rate limit (tests and benches raise it; 1 = the contract). */
    rateLimitScale: z.number().positive().default(1),
    /** Seconds between recorded metric samples and between venue health checks. */
    sampleIntervalSeconds: z.number().positive().default(60),
    healthCheckIntervalSeconds: z.number().positive().default(10),
    /** A venue unreachable for longer than this raises an alert. */
    venueDownAlertSeconds: z.number().positive().default(30),
    /** Check every answer against its route's response schema (tests; ~6 % of a request's CPU). */
    validateResponses: z.boolean().default(false),
    /** Bearer token that may read /metrics/prometheus without a user (a scraper). */
    metricsScrapeToken: z.string().min(16).optional(),
    venues: z.array(venueConfigSchema).min(1).default([
      { id: 'bybit-sim', exchange: 'bybit', env: 'sim', required: false },
      { id: 'bitunix-sim', exchange: 'bitunix', env: 'sim', required: false },
    ]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.venues.forEach((v, i) => {
      if (seen.has(v.id)) ctx.addIssue({ code: 'custom', path: ['venues', i, 'id'], message: `duplicate venue id ${v.id}` });
      seen.add(v.id);
      // Only a simulator the gateway starts itself comes with its key.
      if ((v.env !== 'sim' || v.urls !== undefined) && v.credentials === undefined) {
        // (Not the URL itself: it may carry user info.)
        const where = v.urls !== undefined ? `${v.env} at configured urls` : v.env;
        ctx.addIssue({ code: 'custom', path: ['venues', i, 'credentials'], message: `venue ${v.id} (${where}) needs credentials` });
      }
    });
  });

export type GatewayConfig = z.infer<typeof configSchema>;
export type GatewayConfigInput = z.input<typeof configSchema>;
