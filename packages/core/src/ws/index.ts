export { backoffDelay, budgetExhausted, DEFAULT_BACKOFF, type BackoffOptions, type ReconnectBudget } from './backoff.js';
export { decodeFrame, encodeFrame, scrubbedPreview, type DecodedFrame, type OutboundFrame } from './frames.js';
export { DEFAULT_HEARTBEAT, type HeartbeatOptions } from './heartbeat.js';
export { SlidingWindow, type OutboundRateLimit } from './rate-window.js';
export { ReconnectingSocket } from './reconnecting-socket.js';
export type {
  ConnectionContext,
  ReconnectingSocketEvents,
  ReconnectingSocketOptions,
  SocketErrorEvent,
  SocketOpenEvent,
  SocketState,
} from './socket-types.js';
export { batchTopics } from './topic-batches.js';
export { TopicManager, type TopicLease, type TopicListener, type TopicManagerEvents, type TopicManagerOptions } from './topic-manager.js';
export type { SubscriptionAck, TopicProtocol } from './topic-protocol.js';
export { forwardLifecycle } from './forward-lifecycle.js';
