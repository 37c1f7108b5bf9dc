// POST /api/v1/trade (seed 004): idempotent by client_order_id — the first request claims the id in the
// store, places the order and records the answer; a repeat returns that answer and places nothing.
import { randomUUID } from 'node:crypto';
import { Decimal, clientOrderIdSchema } from '@exkit/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { access, perMinute } from '../../http/access.js';
import type { GatewayApp, GatewayContext } from '../../http/context.js';
import { riskOf } from '../../config/settings.js';
import { ApiError } from '../../http/errors.js';
import { checkManualOrder } from '../../trading/manual-order-risk.js';
import { V1_ERROR_RESPONSES, positiveDecimalInput, v1Envelope } from '../../http/schemas.js';
import { orderJson } from '../../venues/serialize.js';
import { orderSchema } from './account.js';
import { envelope, marketOf, venueOf } from './common.js';

const tradeBody = z
  .object({
    symbol: z.string().min(1).max(64),
    side: z.enum(['buy', 'sell']),
    size: positiveDecimalInput,
    type: z.enum(['market', 'limit']),
    price: positiveDecimalInput.optional(),
    exchange: z.string().min(1).max(64).optional(),
    client_order_id: clientOrderIdSchema.optional(),
    reduce_only: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.type !== 'limit' || b.price !== undefined, { message: 'a limit order needs a price', path: ['price'] })
  .refine((b) => b.type !== 'market' || b.price === undefined, { message: 'a market order takes no price', path: ['price'] });

const resultSchema = z.object({ exchange: z.string(), client_order_id: z.string(), replayed: z.boolean(), order: orderSchema });
type TradeResult = z.infer<typeof resultSchema>;

const PENDING_WAIT_MS = 10_000;

export function tradeRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.post(
    '/api/v1/trade',
    {
      config: { access: access('CONTROL', perMinute(10)) },
      schema: { tags: ['orders'], summary: 'Place an order (idempotent by client_order_id)', body: tradeBody, response: { 200: v1Envelope(resultSchema), ...V1_ERROR_RESPONSES } },
    },
    async (request) => {
      const b = request.body;
      const venue = venueOf(ctx, b.exchange);
      const market = await marketOf(venue, b.symbol);
      const clientOrderId = b.client_order_id ?? `gw${randomUUID().replace(/-/g, '').slice(0, 30)}`;
      const who = request.principal ? `${request.principal.kind}:${request.principal.name}` : 'unknown';
      const claim = await ctx.store.tradeRequests.claim(venue.id, clientOrderId, who, new Date(ctx.now()).toISOString());
      if (!claim.claimed) {
        // A concurrent first request may still be placing: wait for its answer.
        const deadline = Date.now() + PENDING_WAIT_MS;
        let row: { status: string; result: unknown } | null = { status: claim.status, result: claim.result };
        while (row && row.status === 'pending' && Date.now() < deadline) {
          await sleep(50);
          row = await ctx.store.tradeRequests.get(venue.id, clientOrderId);
        }
        if (row?.status === 'done') return envelope(ctx, { ...(row.result as TradeResult), replayed: true });
        throw new ApiError('system_unavailable', `an order with client_order_id ${clientOrderId} is still being placed; retry shortly`, { client_order_id: clientOrderId });
      }
      try {
        // The engine's risk rules, with the limits /config holds now.
        const { settings } = await ctx.settings.get();
        const verdict = await checkManualOrder(
          { settings: riskOf(settings), quoteCurrency: settings.trading.base_currency, venues: ctx.venues.list(), getEngineValue: (k) => ctx.store.engine.getEngineValue(k), now: ctx.now() },
          { venueId: venue.id, symbol: market.symbol, side: b.side, amount: new Decimal(b.size), ...(b.price !== undefined && { price: new Decimal(b.price) }), reduceOnly: b.reduce_only === true },
        );
        if (!verdict.ok) throw new ApiError('validation_error', `risk check failed: ${verdict.message}`, { rule: verdict.rule });
        const order = await venue.client.placeOrder({
          symbol: market.symbol,
          side: b.side,
          type: b.type,
          amount: b.size,
          ...(b.price !== undefined && { price: b.price }),
          ...(b.reduce_only !== undefined && { reduceOnly: b.reduce_only }),
          clientOrderId,
        });
        const result: TradeResult = { exchange: venue.id, client_order_id: clientOrderId, replayed: false, order: orderJson(venue.client, order) };
        await ctx.store.tradeRequests.complete(venue.id, clientOrderId, 'done', result);
        return envelope(ctx, result);
      } catch (e) {
        // Nothing was placed (refused by the risk check or the venue): the id is free again for a corrected retry.
        await ctx.store.tradeRequests.release(venue.id, clientOrderId);
        throw e;
      }
    },
  );
}
