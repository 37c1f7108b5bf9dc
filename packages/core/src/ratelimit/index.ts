export { LOCAL_QUEUE_FULL, RateLimiter, type AcquireOptions, type RateLimiterOptions } from './rate-limiter.js';
export { parseRetryAfter } from './retry-after.js';
export type { BucketConfig, BucketSnapshot, RateLimitCost, RateLimitPermit, RateLimitUpdate } from './types.js';
