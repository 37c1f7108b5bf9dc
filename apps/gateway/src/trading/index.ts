export { createTradingEngine, type EngineLogger, type TradingEngine, type TradingEngineOptions } from './engine.js';
export { createLeaderLease, createLocalLease, createRedisLease, DEFAULT_LEASE_KEY, type LeaderLease, type RedisLeaseOptions } from './lease.js';
export { DEFAULT_RISK, riskSettingsSchema } from './risk.js';
export { maCrossoverParamsSchema, type MaCrossoverParams } from './strategies/ma-crossover.js';
export { engineClientOrderId, isEngineOrder, ENGINE_ORDER_PREFIX } from './client-order-id.js';
