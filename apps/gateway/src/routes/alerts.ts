// GET /alerts?active_only= and POST /alerts/{id}/resolve.
import { z } from 'zod';
import { alertJson } from '../alerts/alerts.js';
import { access, perMinute } from '../http/access.js';
import type { GatewayApp, GatewayContext } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import { ERROR_RESPONSES } from '../http/schemas.js';

const alertSchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  message: z.string(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  active: z.boolean(),
  created_at: z.string(),
  resolved_at: z.string().nullable(),
});

const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export function alertRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.get(
    '/alerts',
    {
      config: { access: access('READ_ONLY', perMinute(60)) },
      schema: {
        tags: ['system'],
        summary: 'Alerts (active only by default)',
        querystring: z.object({ active_only: boolQuery.default(true) }).strict(),
        response: { 200: z.object({ alerts: z.array(alertSchema), total_alerts: z.number().int(), active_alerts: z.number().int() }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const [alerts, counts] = await Promise.all([ctx.store.alerts.list(request.query.active_only), ctx.store.alerts.counts()]);
      return { alerts: alerts.map(alertJson), total_alerts: counts.total, active_alerts: counts.active };
    },
  );

  app.post(
    '/alerts/:id/resolve',
    {
      config: { access: access('CONTROL', perMinute(30)) },
      schema: {
        tags: ['system'],
        summary: 'Mark an alert resolved',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: z.object({ success: z.literal(true), alert: alertSchema }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const alert = await ctx.alerts.resolve(request.params.id);
      if (!alert) throw new ApiError('not_found', `no alert ${request.params.id}`);
      return { success: true as const, alert: alertJson(alert) };
    },
  );
}
