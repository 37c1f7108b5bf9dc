// GET /config (no secrets) and POST /config (partial, validate_only, dotted updated_settings).
import { z } from 'zod';
import { settingsOutputSchema } from '../config/settings.js';
import { access, perMinute } from '../http/access.js';
import type { GatewayApp, GatewayContext } from '../http/context.js';
import { ERROR_RESPONSES } from '../http/schemas.js';

export function configRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.get(
    '/config',
    {
      config: { access: access('READ_ONLY', perMinute(60)) },
      schema: {
        tags: ['config'],
        summary: 'Current settings',
        response: { 200: z.object({ environment: z.string(), version: z.string(), last_updated: z.string().nullable(), settings: settingsOutputSchema }), ...ERROR_RESPONSES },
      },
    },
    async () => {
      const { settings, lastUpdated } = await ctx.settings.get();
      return { environment: ctx.config.environment, version: ctx.version, last_updated: lastUpdated, settings };
    },
  );

  app.post(
    '/config',
    {
      config: { access: access('ADMIN', perMinute(30)) },
      schema: {
        tags: ['config'],
        summary: 'Update settings (partial); invalid → 400 configuration_error and nothing changes',
        // The settings themselves are checked by the service so a bad one is a configuration_error.
        body: z.object({ settings: z.record(z.string(), z.unknown()), validate_only: z.boolean().default(false), restart_required: z.boolean().default(false) }).strict(),
        response: {
          200: z.object({ success: z.literal(true), message: z.string(), restart_required: z.boolean(), validate_only: z.boolean(), updated_settings: z.array(z.string()) }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const { updated } = await ctx.settings.update(request.body.settings, request.body.validate_only);
      return {
        success: true as const,
        message: request.body.validate_only ? 'Configuration is valid (nothing changed)' : 'Configuration updated successfully',
        restart_required: false,
        validate_only: request.body.validate_only,
        updated_settings: updated,
      };
    },
  );
}
