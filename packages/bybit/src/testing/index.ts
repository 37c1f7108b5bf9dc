/**
 * @exkit/bybit/testing — a Bybit V5 simulator: loopback REST + WebSocket servers speaking the
 * venue's wire protocol (reference bybit-v5.md) in front of an `@exkit/sim` venue.
 */
export { startBybitSimulator, type BybitSimulator, type BybitSimulatorOptions } from './server.js';
export { retCodeOf } from './codes.js';
export type { SimKeyPermissions } from './keys.js';
