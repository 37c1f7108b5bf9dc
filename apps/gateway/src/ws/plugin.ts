// The fastify plugin mounting `WS /ws/:session_id` (gateway-api.md § WebSocket) on a WebSocketHub.
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { WebSocketHub, type WebSocketHubOptions, type WebSocketStats } from './hub.js';
import { MAX_CLIENT_FRAME_BYTES } from './protocol.js';

export interface WebSocketGateway {
  /** Register on the root instance: `await app.register(gateway.plugin)`. */
  readonly plugin: FastifyPluginAsync;
  readonly hub: WebSocketHub;
  /** `GET /websocket/stats` answers this. */
  stats(): WebSocketStats;
  /** Closes every socket (1001) and the upstream market streams. */
  close(): Promise<void>;
}

const paramsSchema = z.object({ session_id: z.string() });
const querySchema = z.object({ token: z.string().optional() }).loose();

export function createWebSocketGateway(options: WebSocketHubOptions): WebSocketGateway {
  const hub = new WebSocketHub(options);

  const plugin: FastifyPluginAsync = async (app: FastifyInstance) => {
    // A second registration would attach a second upgrade handler to the same server.
    if (!app.hasDecorator('websocketServer')) await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CLIENT_FRAME_BYTES * 4 } });
    app.addHook('onClose', async () => hub.close());
    app.get(
      '/ws/:session_id',
      {
        websocket: true,
        // Refused before the upgrade, so a flood of sockets costs no per-socket state.
        preValidation: async (request, reply) => {
          if (hub.full) {
            return reply.code(503).send({
              error: 'system_unavailable',
              message: `WebSocket connection limit reached (${hub.maxConnections})`,
              details: { max_connections: hub.maxConnections },
              timestamp: new Date().toISOString(),
              request_id: request.id,
            });
          }
          return undefined;
        },
      },
      (socket, request) => {
        const params = paramsSchema.safeParse(request.params);
        const query = querySchema.safeParse(request.query);
        const sessionId = params.success ? params.data.session_id : '';
        const token = query.success ? query.data.token : undefined;
        hub.accept(socket, sessionId, token, (event, fn) => {
          if (event === 'message') socket.on('message', (data: unknown) => fn(data));
          else if (event === 'pong') socket.on('pong', () => fn());
          else socket.on('close', () => fn());
        });
      },
    );
  };

  return { plugin, hub, stats: () => hub.stats(), close: () => hub.close() };
}
