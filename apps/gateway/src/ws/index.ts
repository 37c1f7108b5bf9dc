export { createWebSocketGateway, type WebSocketGateway } from './plugin.js';
export { WebSocketHub, type HubLogger, type WebSocketHubOptions, type WebSocketStats } from './hub.js';
export { DEFAULT_SEND_BUFFER_LIMITS, type SendBufferLimits } from './send-buffer.js';
export { CLOSE } from './protocol.js';
