export { equalJitterDelay, type JitterInput } from './backoff.js';
export { isOutcomeUnknown, isRetryableError } from './classify.js';
export { generateClientOrderId, type ClientOrderIdOptions } from './client-order-id.js';
export { placeOrderWithRetry, type PlacementOptions } from './order-placement.js';
export { seededRandom } from './random.js';
export { RetryPolicy, type RetryInfo, type RetryPolicyOptions, type RunOptions } from './retry-policy.js';
export { withTimestampResync } from './timestamp-resync.js';
