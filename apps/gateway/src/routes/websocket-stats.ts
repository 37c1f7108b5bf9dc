// GET /websocket/stats: from the WebSocket hub.
import { z } from 'zod';
import { access, perMinute } from '../http/access.js';
import type { GatewayApp, GatewayContext } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import { ERROR_RESPONSES } from '../http/schemas.js';

export function websocketStatsRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.get(
    '/websocket/stats',
    {
      config: { access: access('READ_ONLY', perMinute(60)) },
      schema: {
        tags: ['system'],
        summary: 'WebSocket connections and subscriptions',
        response: {
          200: z
            .object({
              total_connections: z.number().int(),
              active_sessions: z.array(z.string()),
              subscription_stats: z.record(z.string(), z.number().int()),
              messages_sent_today: z.number().int(),
              uptime_hours: z.number(),
            })
            .loose(),
          ...ERROR_RESPONSES,
        },
      },
    },
    async () => {
      const ws = ctx.ws();
      if (!ws) throw new ApiError('system_unavailable', 'the WebSocket service is not available on this gateway');
      return ws.stats();
    },
  );
}
