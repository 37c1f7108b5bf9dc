export { createEventBus, type LocalBusOptions } from './local-bus.js';
export { createRedisEventBus, DEFAULT_BUS_CHANNEL, type RedisBusOptions } from './redis-bus.js';
export { busMessage, busMessageSchema, type MessageOptions } from './message.js';
export { createGatewayEventBus } from './gateway-bus.js';
