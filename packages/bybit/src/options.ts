import { InvalidArgumentError, type CandleCache, type Clock, type CredentialsProvider, type GridPolicy, type Logger } from '@exkit/core';
import { z } from 'zod';
import { BYBIT_REGIONS, demoUrls, mainnetUrls, testnetUrls, type BybitCategory, type BybitEnvironment, type BybitRegion, type BybitUrls } from './environments.js';

export const EXCHANGE_ID = 'bybit';

/** The URL set of `environment: 'custom'` (a simulator, a proxy). */
export interface BybitCustomUrls {
  /** REST base for signed calls. */
  readonly rest: string;
  /** REST base for market data; default `rest`. */
  readonly publicRest?: string;
  readonly publicWs: Readonly<Record<BybitCategory, string>>;
  readonly privateWs: string;
  readonly tradeWs?: string;
}

export interface BybitOptions {
  /** `mainnet` (default), `testnet`, `demo` (demo-trading account), or `custom` with `urls`. */
  readonly environment?: BybitEnvironment;
  /** Regional mainnet host (mainnet only), e.g. `nl`, `tr`, `eu`. Default `global`. */
  readonly region?: BybitRegion;
  /** Required with `environment: 'custom'`, refused otherwise. */
  readonly urls?: BybitCustomUrls;
  /** Needed for private calls and streams only. Never read from the environment implicitly. */
  readonly credentials?: CredentialsProvider;
  /** `X-BAPI-RECV-WINDOW`, ms (default 5000, the venue's default). */
  readonly recvWindow?: number;
  /** Categories to load and trade: `linear` (default), `spot`, or both. */
  readonly category?: BybitCategory | readonly BybitCategory[];
  readonly logger?: Logger;
  /** Local clock (tests drive it); signatures use it corrected by the server-time offset. */
  readonly clock?: Clock;
  /** Off-grid prices/amounts: `reject` (default) or `round` passively onto the grid. */
  readonly gridPolicy?: GridPolicy;
  /** Where downloaded candles are kept (e.g. core's `MemoryCandleCache`/`DiskCandleCache`). */
  readonly candleCache?: CandleCache;
  /** Per-request timeout, ms (default 10 000). */
  readonly timeoutMs?: number;
  /** Estimate the venue clock from `/v5/market/time` before signing (default true). */
  readonly timeSync?: boolean;
  /**
   * How create/amend/cancel go out: `rest` (default) or `websocket` (`/v5/trade`, reference §7).
   * Where the environment has no WS order entry (demo) orders go over REST either way.
   */
  readonly orderEntry?: 'rest' | 'websocket';
  /**
   * While private streams are connected, re-read open orders, fills, positions and balances over
   * REST this often and deliver what the stream missed, ms (default 60 000; 0 = only after a
   * reconnect). The private topics carry no sequence a lost event could be detected by.
   */
  readonly reconcileIntervalMs?: number;
  /**
   * How long a dropped WebSocket keeps reconnecting before its streams end with a NetworkError
   * (lifecycle `error`), ms (default 60 000; 0 = never give up).
   */
  readonly reconnectBudgetMs?: number;
}

export interface ResolvedBybitOptions {
  readonly environment: BybitEnvironment;
  readonly urls: BybitUrls;
  readonly credentials?: CredentialsProvider;
  readonly recvWindow: number;
  readonly categories: readonly BybitCategory[];
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly gridPolicy: GridPolicy;
  readonly candleCache?: CandleCache;
  readonly timeoutMs: number;
  readonly timeSync: boolean;
  readonly orderEntry: 'rest' | 'websocket';
  readonly reconcileIntervalMs: number;
  readonly reconnectBudgetMs: number;
}

const hasFunctions = (v: unknown, names: readonly string[]): boolean =>
  typeof v === 'object' && v !== null && names.every((n) => typeof (v as Record<string, unknown>)[n] === 'function');

const urlOf = (protocols: readonly string[]) =>
  z.string().refine(
    (s) => {
      try {
        return protocols.includes(new URL(s).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL` },
  );
const restUrl = urlOf(['http:', 'https:']);
const wsUrl = urlOf(['ws:', 'wss:']);

const categorySchema = z.enum(['linear', 'spot'], {
  error: (issue) =>
    issue.input === 'inverse' || issue.input === 'option'
      ? `${String(issue.input)} is not supported: core's Market cannot express its quote-denominated contracts exactly (use linear or spot)`
      : 'expected linear or spot',
});

export const bybitOptionsSchema = z
  .object({
    environment: z.enum(['mainnet', 'testnet', 'demo', 'custom']).default('mainnet'),
    region: z.enum(BYBIT_REGIONS).optional(),
    urls: z
      .object({
        rest: restUrl,
        publicRest: restUrl.optional(),
        publicWs: z.object({ linear: wsUrl, spot: wsUrl }).strict(),
        privateWs: wsUrl,
        tradeWs: wsUrl.optional(),
      })
      .strict()
      .optional(),
    credentials: z
      .custom<CredentialsProvider>((v) => typeof v === 'function' || (typeof v === 'object' && v !== null && 'apiKey' in v && 'apiSecret' in v), {
        message: 'expected { apiKey, apiSecret } or a function returning them',
      })
      .optional(),
    recvWindow: z.number().int().positive().default(5000),
    category: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(categorySchema).min(1, 'name at least one category')).default(['linear']),
    logger: z.custom<Logger>((v) => hasFunctions(v, ['trace', 'debug', 'info', 'warn', 'error']), { message: 'expected a pino-shaped logger' }).optional(),
    clock: z.custom<Clock>((v) => hasFunctions(v, ['now']), { message: 'expected a Clock ({ now(): number })' }).optional(),
    gridPolicy: z.enum(['reject', 'round']).default('reject'),
    candleCache: z.custom<CandleCache>((v) => hasFunctions(v, ['covered', 'read', 'write']), { message: 'expected a CandleCache' }).optional(),
    timeoutMs: z.number().int().positive().default(10_000),
    timeSync: z.boolean().default(true),
    orderEntry: z.enum(['rest', 'websocket']).default('rest'),
    reconcileIntervalMs: z.number().int().nonnegative().default(60_000),
    reconnectBudgetMs: z.number().int().nonnegative().default(60_000),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.environment === 'custom' && o.urls === undefined) ctx.addIssue({ code: 'custom', path: ['urls'], message: "required with environment 'custom'" });
    if (o.environment !== 'custom' && o.urls !== undefined) ctx.addIssue({ code: 'custom', path: ['urls'], message: "only allowed with environment 'custom'" });
    if (o.region !== undefined && o.environment !== 'mainnet') ctx.addIssue({ code: 'custom', path: ['region'], message: 'regional hosts exist for mainnet only' });
  });

/** Validates user options; a bad one is an InvalidArgumentError naming the field (`details.field`). */
export function resolveOptions(input: BybitOptions = {}): ResolvedBybitOptions {
  const parsed = bybitOptionsSchema.safeParse(input);
  if (!parsed.success) {
    // Array indexes are left out of the field name (`category`, not `category.0`).
    const name = (path: readonly PropertyKey[]): string => path.filter((p) => typeof p !== 'number').map(String).join('.') || '(options)';
    const first = parsed.error.issues[0];
    const field = first === undefined ? '(options)' : name(first.path);
    const all = parsed.error.issues.map((i) => `${name(i.path)}: ${i.message}`).join('; ');
    throw new InvalidArgumentError(`${EXCHANGE_ID}: invalid option ${field}: ${all}`, { exchange: EXCHANGE_ID, details: { field } });
  }
  const o = parsed.data;
  let urls: BybitUrls;
  if (o.environment === 'custom' && o.urls !== undefined) {
    urls = {
      rest: o.urls.rest,
      publicRest: o.urls.publicRest ?? o.urls.rest,
      publicWs: o.urls.publicWs,
      privateWs: o.urls.privateWs,
      ...(o.urls.tradeWs !== undefined && { tradeWs: o.urls.tradeWs }),
    };
  } else if (o.environment === 'testnet') urls = testnetUrls();
  else if (o.environment === 'demo') urls = demoUrls();
  else urls = mainnetUrls(o.region ?? 'global');
  const categories = [...new Set(o.category)];
  return {
    environment: o.environment,
    urls,
    ...(o.credentials !== undefined && { credentials: o.credentials }),
    recvWindow: o.recvWindow,
    categories,
    ...(o.logger !== undefined && { logger: o.logger }),
    ...(o.clock !== undefined && { clock: o.clock }),
    gridPolicy: o.gridPolicy,
    ...(o.candleCache !== undefined && { candleCache: o.candleCache }),
    timeoutMs: o.timeoutMs,
    timeSync: o.timeSync,
    orderEntry: o.orderEntry,
    reconcileIntervalMs: o.reconcileIntervalMs,
    reconnectBudgetMs: o.reconnectBudgetMs,
  };
}
