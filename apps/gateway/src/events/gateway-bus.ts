// The bus a gateway instance uses: relayed through Redis when `REDIS_URL` is set, in-process otherwise.
import type { EventBus } from '../contracts/events.js';
import { createEventBus } from './local-bus.js';
import { createRedisEventBus, type RedisBusOptions } from './redis-bus.js';

export async function createGatewayEventBus(options: RedisBusOptions & { readonly redisUrl?: string | undefined } = {}): Promise<EventBus> {
  const { redisUrl, ...rest } = options;
  if (redisUrl === undefined || redisUrl === '') return createEventBus(rest.onListenerError === undefined ? {} : { onListenerError: rest.onListenerError });
  return createRedisEventBus(redisUrl, rest);
}
