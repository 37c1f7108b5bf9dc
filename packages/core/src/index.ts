/**
 * @exkit/core — exchange-neutral models, contracts, errors and machinery.
 * Knows no exchange: adapters live in their own packages.
 */
export * from './decimal.js';
export * from './models/index.js';
export * from './schemas/index.js';
export * from './errors/index.js';
export * from './symbols/index.js';
export * from './exchange/index.js';
export * from './credentials/index.js';
export * from './logging/index.js';
export * from './time/index.js';
export * from './transport/index.js';
export * from './ratelimit/index.js';
export * from './retry/index.js';
export * from './ws/index.js';
export * from './streams/index.js';
export * from './book/index.js';
export * from './candles/index.js';
export * from './reconcile/index.js';
