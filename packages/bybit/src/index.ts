/**
 * @exkit/bybit — Bybit V5 (linear perpetuals and spot) behind exkit's exchange-neutral interface.
 */
import { BybitExchange } from './exchange.js';
import { resolveOptions, type BybitOptions } from './options.js';

/**
 * Creates a Bybit exchange. Options are checked at once: a bad one throws InvalidArgumentError
 * naming the field. Nothing connects until the first call or stream.
 */
export function createBybit(options: BybitOptions = {}): BybitExchange {
  return new BybitExchange(resolveOptions(options));
}

export type { BybitExchange, FundingRateHistoryQuery } from './exchange.js';
export type { BybitCustomUrls, BybitOptions } from './options.js';
export type { BybitCategory, BybitEnvironment, BybitRegion, BybitUrls } from './environments.js';
