import type { BybitCustomUrls } from '@exkit/bybit';
import { type CandleCache, type Credentials, type Exchange } from '@exkit/core';
import { z } from 'zod';
import { envSchema, httpUrl, parseArgs, timeoutMs, venueSchema, wsUrl, type EnvName, type VenueId } from './args.js';
import { findCredentials, type CredentialFlags } from './credentials.js';
import { UsageError } from './errors.js';
import { verboseLogger } from './logger.js';
import { err } from './output/io.js';
import { registerSecret } from './output/redact.js';

/** The connection flags every venue command takes (see `addConnectionOptions`). */
export interface ConnectionFlags extends CredentialFlags {
  readonly env?: string;
  readonly restUrl?: string;
  readonly wsPublicUrl?: string;
  readonly wsPrivateUrl?: string;
  readonly wsTradeUrl?: string;
  readonly timeout?: string;
  readonly verbose?: boolean;
}

const connectionSchema = z.object({
  venue: venueSchema,
  env: envSchema.optional(),
  restUrl: httpUrl.optional(),
  wsPublicUrl: wsUrl.optional(),
  wsPrivateUrl: wsUrl.optional(),
  wsTradeUrl: wsUrl.optional(),
  timeout: timeoutMs.optional(),
  verbose: z.boolean().optional(),
});

/** Where a command runs: the env names a known deployment; `custom` is a base URL set given by flags. */
export type Target = EnvName | 'custom';

export interface VenueHandle {
  readonly exchange: Exchange;
  readonly venue: VenueId;
  readonly target: Target;
  /** How far a signed request's timestamp may be off the venue clock (venue A documents 5 s; venue B documents none, 5 s is assumed). */
  readonly receiveWindowMs: number;
  readonly hasCredentials: boolean;
  /** Urls of an in-process simulator (`--env sim`). */
  readonly sim?: SimInfo;
  close(): Promise<void>;
}

export interface SimInfo {
  readonly restUrl: string;
  readonly wsPublicUrl: string;
  readonly wsPrivateUrl: string;
  readonly wsTradeUrl?: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface OpenOptions {
  /** Credentials are loaded when present; `require` makes their absence a usage error. */
  readonly credentials?: 'optional' | 'require';
  readonly candleCache?: CandleCache;
}

const RECEIVE_WINDOW_MS = 5_000;

/** The validated target of a command line, without connecting (for checks made before any request). */
export function resolveTarget(venueArg: string, flags: ConnectionFlags): { venue: VenueId; target: Target; timeoutMs: number; verbose: boolean; urls: CustomUrls | undefined } {
  const c = parseArgs(connectionSchema, { ...pick(flags), venue: venueArg });
  const custom = c.restUrl !== undefined || c.wsPublicUrl !== undefined || c.wsPrivateUrl !== undefined || c.wsTradeUrl !== undefined;
  if (custom) {
    if (c.env !== undefined) throw new UsageError('--env cannot be combined with --rest-url/--ws-*-url (custom URLs are their own environment)');
    if (c.restUrl === undefined || c.wsPublicUrl === undefined || c.wsPrivateUrl === undefined) {
      throw new UsageError('custom URLs need --rest-url, --ws-public-url and --ws-private-url together');
    }
    if (c.venue === 'bitunix' && c.wsTradeUrl !== undefined) throw new UsageError('bitunix has no trade WebSocket: drop --ws-trade-url');
  }
  const target: Target = custom ? 'custom' : (c.env ?? 'mainnet');
  if (c.venue === 'bitunix' && (target === 'testnet' || target === 'demo')) {
    throw new UsageError(`bitunix has no ${target} environment (use --env sim, mainnet or custom URLs)`);
  }
  const urls = custom ? { rest: c.restUrl as string, publicWs: c.wsPublicUrl as string, privateWs: c.wsPrivateUrl as string, ...(c.wsTradeUrl !== undefined && { tradeWs: c.wsTradeUrl }) } : undefined;
  return { venue: c.venue, target, timeoutMs: c.timeout ?? 10_000, verbose: c.verbose === true, urls };
}

interface CustomUrls {
  readonly rest: string;
  readonly publicWs: string;
  readonly privateWs: string;
  readonly tradeWs?: string;
}

function pick(f: ConnectionFlags): Record<string, unknown> {
  const { env, restUrl, wsPublicUrl, wsPrivateUrl, wsTradeUrl, timeout, verbose } = f;
  return { env, restUrl, wsPublicUrl, wsPrivateUrl, wsTradeUrl, timeout, verbose };
}

/** Creates the venue client for a command line; `--env sim` first starts the venue's simulator in this process. */
export async function openVenue(venueArg: string, flags: ConnectionFlags, options: OpenOptions = {}): Promise<VenueHandle> {
  const t = resolveTarget(venueArg, flags);
  let sim: (SimInfo & { close(): Promise<void> }) | undefined;
  let urls = t.urls;
  if (t.target === 'sim') {
    sim = await startSim(t.venue);
    urls = { rest: sim.restUrl, publicWs: sim.wsPublicUrl, privateWs: sim.wsPrivateUrl, ...(sim.wsTradeUrl !== undefined && { tradeWs: sim.wsTradeUrl }) };
  }
  let credentials: Credentials | undefined;
  const found = await findCredentials(t.venue, flags);
  if (found !== undefined) {
    credentials = found.credentials;
    if (t.verbose) err(`[verbose] credentials from ${found.source} (values redacted)`);
  } else if (sim !== undefined) {
    credentials = { apiKey: sim.apiKey, apiSecret: sim.apiSecret };
    if (t.verbose) err('[verbose] credentials: the simulator default key (values redacted)');
  }
  if (credentials === undefined && options.credentials === 'require') {
    await sim?.close();
    const names = t.venue === 'bybit' ? 'BYBIT_API_KEY/BYBIT_API_SECRET' : 'BITUNIX_API_KEY/BITUNIX_SECRET_KEY';
    throw new UsageError(`this command needs credentials: set ${names}, use --profile, or --api-key/--api-secret`);
  }
  const common = {
    ...(credentials !== undefined && { credentials }),
    ...(t.verbose && { logger: verboseLogger() }),
    ...(options.candleCache !== undefined && { candleCache: options.candleCache }),
  };
  let exchange: Exchange;
  // Venue packages load only when a command connects: help and argument errors stay fast.
  if (t.venue === 'bybit') {
    const { createBybit } = await import('@exkit/bybit');
    const environment = urls !== undefined ? 'custom' : (t.target as 'mainnet' | 'testnet' | 'demo');
    exchange = createBybit({
      environment,
      ...(urls !== undefined && { urls: bybitUrls(urls) }),
      timeoutMs: t.timeoutMs,
      ...common,
    });
  } else {
    const { createBitunix } = await import('@exkit/bitunix');
    exchange = createBitunix({
      environment: urls === undefined ? 'mainnet' : { rest: urls.rest, publicWs: urls.publicWs, privateWs: urls.privateWs },
      requestTimeoutMs: t.timeoutMs,
      ...common,
    });
  }
  const handle: VenueHandle = {
    exchange,
    venue: t.venue,
    target: t.target,
    receiveWindowMs: RECEIVE_WINDOW_MS,
    hasCredentials: credentials !== undefined,
    ...(sim !== undefined && { sim }),
    close: async () => {
      await exchange.close();
      await sim?.close();
    },
  };
  return handle;
}

/**
 * Venue A has one public socket per category. `--ws-public-url` may name either (`…/public/linear`,
 * `…/public/spot`; the sibling is derived) or their common base (`…/v5/public`).
 */
function bybitUrls(u: CustomUrls): BybitCustomUrls {
  const m = /^(.*)\/(linear|spot)\/?$/.exec(u.publicWs);
  const base = m === null ? u.publicWs.replace(/\/$/, '') : (m[1] as string);
  return {
    rest: u.rest,
    publicWs: { linear: `${base}/linear`, spot: `${base}/spot` },
    privateWs: u.privateWs,
    ...(u.tradeWs !== undefined && { tradeWs: u.tradeWs }),
  };
}

export interface RunningSim extends SimInfo {
  close(): Promise<void>;
}

/** Starts the venue's loopback simulator (from the venue package's `/testing` entry, loaded only here). */
export async function startSim(venue: VenueId, options: { readonly port?: number; readonly seed?: string; readonly printKeys?: boolean } = {}): Promise<RunningSim> {
  // `exkit sim` prints the simulator's throwaway key by design; everywhere else it is redacted like any key.
  const register = (...v: string[]): void => {
    if (options.printKeys !== true) registerSecret(...v);
  };
  if (venue === 'bybit') {
    const { startBybitSimulator } = await import('@exkit/bybit/testing');
    const s = await startBybitSimulator({ ...(options.port !== undefined && { port: options.port }), ...(options.seed !== undefined && { seed: options.seed }) });
    register(s.apiKey, s.apiSecret);
    return { restUrl: s.restUrl, wsPublicUrl: s.wsPublicUrl('linear'), wsPrivateUrl: s.wsPrivateUrl, wsTradeUrl: s.wsTradeUrl, apiKey: s.apiKey, apiSecret: s.apiSecret, close: () => s.close() };
  }
  const { startBitunixSimulator } = await import('@exkit/bitunix/testing');
  const s = await startBitunixSimulator({ ...(options.port !== undefined && { port: options.port }), ...(options.seed !== undefined && { seed: options.seed }) });
  register(s.apiKey, s.apiSecret);
  return { restUrl: s.restUrl, wsPublicUrl: s.wsPublicUrl, wsPrivateUrl: s.wsPrivateUrl, apiKey: s.apiKey, apiSecret: s.apiSecret, close: () => s.close() };
}
