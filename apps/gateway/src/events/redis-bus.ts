// The bus across gateway instances: local delivery at once, and a Redis pub/sub relay so every other
// instance's listeners (WebSocket fan-out, the engine leader) see the same messages.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { BusMessage, EventBus } from '../contracts/events.js';
import { ListenerSet } from './local-bus.js';
import { busMessageSchema } from './message.js';

export interface RedisBusOptions {
  /** Pub/sub channel shared by the instances of one deployment. */
  readonly channel?: string;
  /** Distinguishes this instance's own messages when they come back from Redis. */
  readonly instanceId?: string;
  readonly onListenerError?: (error: unknown, message: BusMessage) => void;
  /** A relayed frame that is not a bus message (another version, a stray publisher). */
  readonly onInvalidFrame?: (reason: string) => void;
  /** A Redis connection failure (the local bus keeps working meanwhile). */
  readonly onRedisError?: (error: Error) => void;
}

const envelopeSchema = z.object({ origin: z.string().min(1), message: busMessageSchema });

export const DEFAULT_BUS_CHANNEL = 'exkit:gateway:events';

/** Resolves once the subscriber connection listens, so nothing published after it is missed. */
export async function createRedisEventBus(redisUrl: string, options: RedisBusOptions = {}): Promise<EventBus> {
  const channel = options.channel ?? DEFAULT_BUS_CHANNEL;
  const origin = options.instanceId ?? randomUUID();
  const listeners = new ListenerSet(options.onListenerError);
  const redisOptions = { lazyConnect: true, maxRetriesPerRequest: 2 } as const;
  const pub = new Redis(redisUrl, redisOptions);
  const sub = new Redis(redisUrl, redisOptions);
  const onError = (e: Error): void => options.onRedisError?.(e);
  pub.on('error', onError);
  sub.on('error', onError);
  let closed = false;

  sub.on('message', (ch: string, raw: string) => {
    if (ch !== channel || closed) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      options.onInvalidFrame?.('not JSON');
      return;
    }
    const parsed = envelopeSchema.safeParse(json);
    if (!parsed.success) {
      options.onInvalidFrame?.(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    if (parsed.data.origin === origin) return; // delivered locally when published
    listeners.deliver(parsed.data.message as BusMessage);
  });

  try {
    await Promise.all([pub.connect(), sub.connect()]);
    await sub.subscribe(channel);
  } catch (error) {
    pub.disconnect();
    sub.disconnect();
    throw error;
  }

  return {
    publish(message) {
      if (closed) return;
      listeners.deliver(message);
      if (message.local === true) return;
      pub.publish(channel, JSON.stringify({ origin, message })).catch((e: unknown) => onError(e instanceof Error ? e : new Error(String(e))));
    },
    async publishConfirmed(message) {
      if (closed) return;
      listeners.deliver(message);
      if (message.local === true) return;
      await pub.publish(channel, JSON.stringify({ origin, message }));
    },
    subscribe(listener) {
      return listeners.add(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
