import { InvalidArgumentError, type CandleCache, type Clock, type CredentialsProvider, type GridPolicy, type Logger } from '@exkit/core';
import { z } from 'zod';
import { resolveUrls, type BitunixEnvironment, type BitunixUrls } from './environments.js';

/** Depth windows come every ~310 ms even when unchanged (PROBE: 3.0–3.3 pushes/s): 2 s without one (≈ 6 missed) is a stall. */
export const BOOK_STALE_MS = 2_000;

export const EXCHANGE_ID = 'bitunix';

/** What `createBitunix` takes. Every field is optional; a bad value is an InvalidArgumentError naming the field. */
export interface BitunixOptions {
  /** `'mainnet'` (default) or a custom URL set `{ rest, publicWs, privateWs }` (the simulator). Bitunix has no testnet. */
  readonly environment?: BitunixEnvironment;
  /** API key and secret, or a function returning them (asked again after an authentication failure). */
  readonly credentials?: CredentialsProvider;
  readonly logger?: Logger;
  /** Local clock (tests drive time with a ManualClock). */
  readonly clock?: Clock;
  /** Off-grid prices/amounts: `reject` (default) or `round` passively onto the grid. */
  readonly gridPolicy?: GridPolicy;
  /** Where downloaded candle history is kept (MemoryCandleCache, DiskCandleCache); none by default. */
  readonly candleCache?: CandleCache;
  /** Per-attempt REST timeout, ms (default 10 000). */
  readonly requestTimeoutMs?: number;
  /** JSON ping period on every socket, ms (default 20 000; the venue cuts a silent socket at ~60 s). */
  readonly heartbeatIntervalMs?: number;
  /** A depth window not refreshed for this long is stale: dropped, resynced and resubscribed (default BOOK_STALE_MS = 2 000; the venue pushes every ~310 ms). */
  readonly bookStaleMs?: number;
  /** How long a socket may stay down before its streams end with a NetworkError, ms (default 60 000). */
  readonly reconnectBudgetMs?: number;
  /** Orders per batch_order call (default 5, the 2026 docs; older docs allow 20 — see README §open points). */
  readonly batchOrderMax?: number;
  /** `language` header for `msg` texts (default `en-US`). */
  readonly language?: string;
  /** Sync the signing clock from the HTTP `Date` header (default true). */
  readonly clockSync?: boolean;
}

export interface ResolvedOptions {
  readonly urls: BitunixUrls;
  readonly credentials: CredentialsProvider | undefined;
  readonly logger: Logger | undefined;
  readonly clock: Clock | undefined;
  readonly gridPolicy: GridPolicy;
  readonly candleCache: CandleCache | undefined;
  readonly requestTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly bookStaleMs: number;
  readonly reconnectBudgetMs: number;
  readonly batchOrderMax: number;
  readonly language: string;
  readonly clockSync: boolean;
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { message: 'expected a function' });

const httpUrl = z.string().refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), { message: 'expected an http(s) URL' });
const wsUrl = z.string().refine((v) => /^wss?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), { message: 'expected a ws(s) URL' });

const optionsSchema = z
  .object({
    environment: z.union([z.literal('mainnet'), z.object({ rest: httpUrl, publicWs: wsUrl, privateWs: wsUrl }).strict()]).optional(),
    credentials: z
      .union([z.object({ apiKey: z.string().trim().min(1), apiSecret: z.string().trim().min(1), passphrase: z.string().optional() }).strict(), fn])
      .optional(),
    logger: z.object({ trace: fn, debug: fn, info: fn, warn: fn, error: fn }).loose().optional(),
    clock: z.object({ now: fn }).loose().optional(),
    gridPolicy: z.enum(['reject', 'round']).optional(),
    candleCache: z.object({ covered: fn, read: fn, write: fn }).loose().optional(),
    requestTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    heartbeatIntervalMs: z.number().int().min(1_000).max(50_000).optional(),
    bookStaleMs: z.number().int().min(500).max(600_000).optional(),
    reconnectBudgetMs: z.number().int().min(1_000).max(86_400_000).optional(),
    batchOrderMax: z.number().int().min(1).max(20).optional(),
    language: z.string().regex(/^[A-Za-z]{2}([-_][A-Za-z]{2})?$/, 'expected a locale such as en-US').optional(),
    clockSync: z.boolean().optional(),
  })
  .strict();

/** Validates the options; a bad one is an InvalidArgumentError naming the field (never echoing a credential). */
export function parseOptions(options: BitunixOptions | undefined): ResolvedOptions {
  const result = optionsSchema.safeParse(options ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => {
      const path = i.path.map(String).join('.');
      const field = i.code === 'unrecognized_keys' ? `${path === '' ? '' : `${path}.`}${i.keys.join(', ')}` : path || '(options)';
      return `${field}: ${i.code === 'unrecognized_keys' ? 'unknown option' : i.message}`;
    });
    throw new InvalidArgumentError(`${EXCHANGE_ID}: invalid option ${issues.join('; ')}`, {
      exchange: EXCHANGE_ID,
      details: { fields: result.error.issues.map((i) => i.path.map(String).join('.')) },
    });
  }
  const o = options ?? {};
  return {
    urls: resolveUrls(o.environment),
    credentials: o.credentials,
    logger: o.logger,
    clock: o.clock,
    gridPolicy: o.gridPolicy ?? 'reject',
    candleCache: o.candleCache,
    requestTimeoutMs: o.requestTimeoutMs ?? 10_000,
    heartbeatIntervalMs: o.heartbeatIntervalMs ?? 20_000,
    bookStaleMs: o.bookStaleMs ?? BOOK_STALE_MS,
    reconnectBudgetMs: o.reconnectBudgetMs ?? 60_000,
    batchOrderMax: o.batchOrderMax ?? 5,
    language: o.language ?? 'en-US',
    clockSync: o.clockSync ?? true,
  };
}
