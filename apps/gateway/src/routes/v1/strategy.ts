// Strategy CRUD (seed 004): stored through the EngineStore; the engine runs the enabled ones.
import { randomUUID } from 'node:crypto';
import { timeframeSchema } from '@exkit/core';
import { z } from 'zod';
import type { StrategyRecord } from '../../contracts/engine.js';
import { access, perMinute } from '../../http/access.js';
import type { GatewayApp, GatewayContext } from '../../http/context.js';
import { ApiError } from '../../http/errors.js';
import { V1_ERROR_RESPONSES, positiveDecimalInput, v1Envelope } from '../../http/schemas.js';
import { envelope, marketOf, venueOf } from './common.js';

const maParams = z
  .object({
    fast_ma: z.number().int().min(1).max(500),
    slow_ma: z.number().int().min(2).max(1000),
    size: positiveDecimalInput.default('0.001'),
  })
  .strict()
  .refine((p) => p.fast_ma < p.slow_ma, { message: 'fast_ma must be below slow_ma', path: ['fast_ma'] });

const createBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    type: z.literal('ma_crossover'),
    symbol: z.string().min(1).max(64),
    exchange: z.string().min(1).max(64).optional(),
    timeframe: timeframeSchema.default('1m'),
    enabled: z.boolean().default(false),
    parameters: maParams,
  })
  .strict();

const updateBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    symbol: z.string().min(1).max(64).optional(),
    timeframe: timeframeSchema.optional(),
    enabled: z.boolean().optional(),
    parameters: maParams.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

const strategySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.literal('ma_crossover'),
  exchange: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  enabled: z.boolean(),
  parameters: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
});

const strategyJson = (s: StrategyRecord) => ({
  id: s.id,
  name: s.name,
  type: s.type,
  exchange: s.venue,
  symbol: s.symbol,
  timeframe: s.timeframe,
  enabled: s.enabled,
  parameters: { ...s.params },
  created_at: s.createdAt,
  updated_at: s.updatedAt,
});

const idParam = z.object({ id: z.string().min(1).max(64) });

export function strategyRoutes(app: GatewayApp, ctx: GatewayContext): void {
  const store = ctx.store.engine;
  app.get(
    '/api/v1/strategy',
    {
      config: { access: access('READ_ONLY', perMinute(30)) },
      schema: { tags: ['strategy'], summary: 'Strategies', response: { 200: v1Envelope(z.object({ strategies: z.array(strategySchema) })), ...V1_ERROR_RESPONSES } },
    },
    async () => envelope(ctx, { strategies: (await store.listStrategies()).map(strategyJson) }),
  );

  app.post(
    '/api/v1/strategy',
    {
      config: { access: access('CONTROL', perMinute(30)) },
      schema: { tags: ['strategy'], summary: 'Add a strategy', body: createBody, response: { 201: v1Envelope(strategySchema), ...V1_ERROR_RESPONSES } },
    },
    async (request, reply) => {
      const b = request.body;
      const venue = venueOf(ctx, b.exchange);
      const market = await marketOf(venue, b.symbol);
      const at = new Date(ctx.now()).toISOString();
      const record: StrategyRecord = {
        id: `strat_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        name: b.name ?? `ma_crossover ${market.symbol} ${b.parameters.fast_ma}/${b.parameters.slow_ma}`,
        type: 'ma_crossover',
        venue: venue.id,
        symbol: market.symbol,
        timeframe: b.timeframe,
        enabled: b.enabled,
        params: { ...b.parameters },
        createdAt: at,
        updatedAt: at,
      };
      await store.saveStrategy(record);
      await ctx.engine()?.reloadStrategies();
      reply.code(201);
      return envelope(ctx, strategyJson(record));
    },
  );

  app.put(
    '/api/v1/strategy/:id',
    {
      config: { access: access('CONTROL', perMinute(30)) },
      schema: { tags: ['strategy'], summary: 'Update a strategy', params: idParam, body: updateBody, response: { 200: v1Envelope(strategySchema), ...V1_ERROR_RESPONSES } },
    },
    async (request) => {
      const current = await store.getStrategy(request.params.id);
      if (!current) throw new ApiError('not_found', `no strategy ${request.params.id}`);
      const b = request.body;
      const symbol = b.symbol === undefined ? current.symbol : (await marketOf(venueOf(ctx, current.venue), b.symbol)).symbol;
      const next: StrategyRecord = {
        ...current,
        ...(b.name !== undefined && { name: b.name }),
        ...(b.timeframe !== undefined && { timeframe: b.timeframe }),
        ...(b.enabled !== undefined && { enabled: b.enabled }),
        ...(b.parameters !== undefined && { params: { ...b.parameters } }),
        symbol,
        updatedAt: new Date(ctx.now()).toISOString(),
      };
      await store.saveStrategy(next);
      await ctx.engine()?.reloadStrategies();
      return envelope(ctx, strategyJson(next));
    },
  );

  app.delete(
    '/api/v1/strategy/:id',
    {
      config: { access: access('CONTROL', perMinute(30)) },
      schema: { tags: ['strategy'], summary: 'Delete a strategy', params: idParam, response: { 200: v1Envelope(z.object({ id: z.string(), deleted: z.literal(true) })), ...V1_ERROR_RESPONSES } },
    },
    async (request) => {
      if (!(await store.deleteStrategy(request.params.id))) throw new ApiError('not_found', `no strategy ${request.params.id}`);
      await ctx.engine()?.reloadStrategies();
      return envelope(ctx, { id: request.params.id, deleted: true as const });
    },
  );
}
