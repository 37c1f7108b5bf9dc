// Account endpoints (balances, positions, orders, cancel) through the Exchange interface.
import { z } from 'zod';
import { access, perMinute } from '../../http/access.js';
import type { GatewayApp, GatewayContext } from '../../http/context.js';
import { ApiError } from '../../http/errors.js';
import { V1_ERROR_RESPONSES, decimalString, exchangeQuery, nullableDecimal, v1Envelope } from '../../http/schemas.js';
import { balanceJson, orderJson, positionJson } from '../../venues/serialize.js';
import { envelope, marketOf, venueOf } from './common.js';

export const orderSchema = z.object({
  id: z.string(),
  client_order_id: z.string().nullable(),
  symbol: z.string(),
  native_symbol: z.string().nullable(),
  type: z.string(),
  side: z.string(),
  status: z.string(),
  time_in_force: z.string(),
  price: nullableDecimal,
  amount: decimalString,
  filled: decimalString,
  remaining: decimalString,
  average: nullableDecimal,
  cost: decimalString,
  reduce_only: z.boolean(),
  created_at: z.string().nullable(),
  updated_at: z.string().nullable(),
});

const positionSchema = z.object({
  symbol: z.string(),
  native_symbol: z.string().nullable(),
  side: z.string(),
  size: decimalString,
  entry_price: nullableDecimal,
  current_price: nullableDecimal,
  liquidation_price: nullableDecimal,
  unrealized_pnl: decimalString,
  realized_pnl: nullableDecimal,
  leverage: nullableDecimal,
  margin_mode: z.string().nullable(),
  timestamp: z.string().nullable(),
});

export function accountRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.get(
    '/api/v1/account/balance',
    {
      config: { access: access('READ_ONLY', perMinute(100)) },
      schema: {
        tags: ['account'],
        summary: 'Balances',
        querystring: exchangeQuery,
        response: { 200: v1Envelope(z.object({ exchange: z.string(), balances: z.array(z.object({ currency: z.string(), free: decimalString, used: decimalString, total: decimalString })) })), ...V1_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const venue = venueOf(ctx, request.query.exchange);
      return envelope(ctx, { exchange: venue.id, balances: (await venue.client.fetchBalances()).map(balanceJson) });
    },
  );

  for (const url of ['/api/v1/positions', '/api/v1/trading/positions']) {
    app.get(
      url,
      {
        config: { access: access('READ_ONLY', perMinute(100)) },
        schema: { tags: ['account'], summary: 'Open positions', querystring: exchangeQuery, response: { 200: v1Envelope(z.object({ exchange: z.string(), positions: z.array(positionSchema) })), ...V1_ERROR_RESPONSES } },
      },
      async (request) => {
        const venue = venueOf(ctx, request.query.exchange);
        await venue.client.loadMarkets();
        const positions = (await venue.client.fetchPositions()).filter((p) => p.side !== 'flat' && !p.size.isZero());
        return envelope(ctx, { exchange: venue.id, positions: positions.map((p) => positionJson(venue.client, p)) });
      },
    );
  }

  app.get(
    '/api/v1/orders',
    {
      config: { access: access('READ_ONLY', perMinute(100)) },
      schema: {
        tags: ['orders'],
        summary: 'Open orders (status=open, default) or past ones (status=closed)',
        querystring: z.object({ exchange: z.string().min(1).max(64).optional(), status: z.enum(['open', 'closed']).default('open'), symbol: z.string().min(1).max(64).optional() }).strict(),
        response: { 200: v1Envelope(z.object({ exchange: z.string(), status: z.string(), orders: z.array(orderSchema) })), ...V1_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { status, symbol } = request.query;
      const venue = venueOf(ctx, request.query.exchange);
      const unified = symbol === undefined ? undefined : (await marketOf(venue, symbol)).symbol;
      await venue.client.loadMarkets();
      const orders = status === 'open' ? await venue.client.fetchOpenOrders(unified) : await venue.client.fetchOrderHistory(unified, { limit: 100 });
      return envelope(ctx, { exchange: venue.id, status, orders: orders.map((o) => orderJson(venue.client, o)) });
    },
  );

  app.delete(
    '/api/v1/orders/:id',
    {
      config: { access: access('CONTROL', perMinute(10)) },
      schema: {
        tags: ['orders'],
        summary: 'Cancel an open order (symbol optional: found among open orders)',
        params: z.object({ id: z.string().min(1).max(64) }),
        querystring: z.object({ exchange: z.string().min(1).max(64).optional(), symbol: z.string().min(1).max(64).optional() }).strict(),
        response: { 200: v1Envelope(z.object({ exchange: z.string(), order: orderSchema })), ...V1_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const venue = venueOf(ctx, request.query.exchange);
      let symbol = request.query.symbol === undefined ? undefined : (await marketOf(venue, request.query.symbol)).symbol;
      if (symbol === undefined) {
        await venue.client.loadMarkets();
        symbol = (await venue.client.fetchOpenOrders()).find((o) => o.id === request.params.id)?.symbol;
        if (symbol === undefined) throw new ApiError('not_found', `no open order ${request.params.id} on ${venue.id}`);
      }
      const order = await venue.client.cancelOrder({ symbol, id: request.params.id });
      return envelope(ctx, { exchange: venue.id, order: orderJson(venue.client, order) });
    },
  );
}
