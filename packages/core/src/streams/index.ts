export { createSubscription, type CreateSubscriptionOptions, type SubscriptionSink } from './create-subscription.js';
export { Deque } from './deque.js';
export { openStream, type OpenStreamOptions } from './open-stream.js';
export { StreamQueue, type StreamQueueOptions } from './stream-queue.js';
