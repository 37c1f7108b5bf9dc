/**
 * @exkit/bitunix — Bitunix USDT-M perpetual futures for exkit.
 *
 * ```ts
 * import { createBitunix } from '@exkit/bitunix';
 * await using bitunix = createBitunix({ credentials: { apiKey, apiSecret } });
 * const book = await bitunix.fetchOrderBook('BTC/USDT:USDT', 5);
 * ```
 */
import { BitunixExchange } from './exchange.js';
import { parseOptions, type BitunixOptions } from './options.js';

export type { BitunixOptions } from './options.js';
export type { BitunixEnvironment, BitunixUrls } from './environments.js';
export type { BatchPlacement, BitunixExchange, PositionRecord, TpslLeg, TpslOrder } from './exchange.js';

/** A Bitunix futures exchange. Invalid options throw an InvalidArgumentError naming the field; nothing connects until used. */
export function createBitunix(options: BitunixOptions = {}): BitunixExchange {
  return new BitunixExchange(parseOptions(options));
}
