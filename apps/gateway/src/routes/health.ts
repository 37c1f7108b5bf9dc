// GET /health: unauthenticated liveness for load balancers; 503 when the store or a required venue is down.
import { z } from 'zod';
import { access } from '../http/access.js';
import { iso, type GatewayApp, type GatewayContext } from '../http/context.js';

const checksSchema = z.object({
  store: z.enum(['ok', 'down']),
  exchanges: z.record(z.string(), z.object({ status: z.enum(['ok', 'down']), required: z.boolean() })),
});

export function healthRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.get(
    '/health',
    {
      config: { access: access('none', null, false) },
      schema: {
        tags: ['system'],
        summary: 'Liveness: the store and required venues',
        response: {
          200: z.object({ status: z.literal('healthy'), timestamp: z.string(), checks: checksSchema }),
          503: z.object({ status: z.literal('unhealthy'), timestamp: z.string(), checks: checksSchema }),
        },
      },
    },
    async (_request, reply) => {
      const storeOk = await ctx.store.ping();
      const exchanges: Record<string, { status: 'ok' | 'down'; required: boolean }> = {};
      let requiredDown = false;
      for (const v of ctx.venues.list()) {
        const up = v.health().reachable;
        exchanges[v.id] = { status: up ? 'ok' : 'down', required: v.config.required };
        if (!up && v.config.required) requiredDown = true;
      }
      const checks = { store: storeOk ? ('ok' as const) : ('down' as const), exchanges };
      const timestamp = iso(ctx.now());
      if (!storeOk || requiredDown) return reply.code(503).send({ status: 'unhealthy' as const, timestamp, checks });
      return { status: 'healthy' as const, timestamp, checks };
    },
  );
}
