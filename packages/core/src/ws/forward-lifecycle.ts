import type { EventEmitter } from 'eventemitter3';
import type { ExchangeEvents } from '../exchange/lifecycle.js';
import type { ReconnectingSocketEvents } from './socket-types.js';
import type { TopicManagerEvents } from './topic-manager.js';

/** The untyped view of an emitter: the event names are checked by LIFECYCLE, the payloads share shapes. */
interface Untyped {
  on(event: string, fn: (payload: unknown) => void): unknown;
  off(event: string, fn: (payload: unknown) => void): unknown;
  emit(event: string, payload: unknown): boolean;
}

const LIFECYCLE = ['open', 'reconnecting', 'resubscribed', 'closed', 'error', 'dropped'] as const;

/**
 * Re-emits a socket's or manager's lifecycle events on an exchange's `events` emitter (the payloads
 * already have the `ExchangeEvents` shapes). Returns a function that stops forwarding.
 */
export function forwardLifecycle(
  source: EventEmitter<TopicManagerEvents> | EventEmitter<ReconnectingSocketEvents>,
  target: EventEmitter<ExchangeEvents>,
): () => void {
  const from = source as unknown as Untyped;
  const to = target as unknown as Untyped;
  const handlers = LIFECYCLE.map((event) => {
    const handler = (payload: unknown): void => void to.emit(event, payload);
    from.on(event, handler);
    return [event, handler] as const;
  });
  return () => {
    for (const [event, handler] of handlers) from.off(event, handler);
  };
}
