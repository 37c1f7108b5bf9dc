// Market data endpoints (seed 002/004) through the Exchange interface.
import { timeframeSchema, type Ticker } from '@exkit/core';
import { z } from 'zod';
import { access, perMinute } from '../../http/access.js';
import type { GatewayApp, GatewayContext } from '../../http/context.js';
import { V1_ERROR_RESPONSES, exchangeQuery, nullableDecimal, v1Envelope } from '../../http/schemas.js';
import { candleJson, marketJson, tickerJson } from '../../venues/serialize.js';
import { TickerCache } from '../../venues/ticker-cache.js';
import { envelope, marketOf, venueOf } from './common.js';

const tickerSchema = z.object({
  symbol: z.string(),
  native_symbol: z.string().nullable(),
  timestamp: z.string().nullable(),
  bid: nullableDecimal,
  ask: nullableDecimal,
  last: nullableDecimal,
  open_24h: nullableDecimal,
  high_24h: nullableDecimal,
  low_24h: nullableDecimal,
  base_volume_24h: nullableDecimal,
  quote_volume_24h: nullableDecimal,
  mark_price: nullableDecimal,
  index_price: nullableDecimal,
  funding_rate: nullableDecimal,
});

const marketSchema = z.object({
  symbol: z.string(),
  native_symbol: z.string(),
  type: z.string(),
  base: z.string(),
  quote: z.string(),
  settle: z.string().nullable(),
  active: z.boolean(),
  precision: z.object({ price: z.string(), amount: z.string() }),
  limits: z.object({ min_amount: z.string(), max_amount: nullableDecimal, max_market_amount: nullableDecimal, min_notional: nullableDecimal }),
  contract_size: z.string(),
  max_leverage: nullableDecimal,
  maker_fee: nullableDecimal,
  taker_fee: nullableDecimal,
});

const candleSchema = z.object({ open_time: z.string().nullable(), open: z.string(), high: z.string(), low: z.string(), close: z.string(), volume: z.string(), closed: z.boolean() });
const symbolParam = z.object({ symbol: z.string().min(1).max(64) });
const READ = () => ({ access: access('READ_ONLY', perMinute(100)) });

export function marketRoutes(app: GatewayApp, ctx: GatewayContext): void {
  const tickers = new TickerCache(250, ctx.now);
  // The cache hands the same Ticker to every request of its 250 ms: convert it to JSON once.
  const tickerBodies = new WeakMap<Ticker, ReturnType<typeof tickerJson> & { exchange: string }>();
  app.get(
    '/api/v1/market/tickers',
    {
      config: READ(),
      schema: { tags: ['market'], summary: 'Tickers of every market of a venue', querystring: exchangeQuery, response: { 200: v1Envelope(z.object({ exchange: z.string(), tickers: z.array(tickerSchema) })), ...V1_ERROR_RESPONSES } },
    },
    async (request) => {
      const venue = venueOf(ctx, request.query.exchange);
      await venue.client.loadMarkets();
      const tickers = await venue.client.fetchTickers();
      return envelope(ctx, { exchange: venue.id, tickers: Object.values(tickers).map((t) => tickerJson(venue.client, t)) });
    },
  );

  app.get(
    '/api/v1/market/ticker/:symbol',
    {
      config: READ(),
      schema: { tags: ['market'], summary: 'One ticker (unified or native symbol)', params: symbolParam, querystring: exchangeQuery, response: { 200: v1Envelope(tickerSchema.extend({ exchange: z.string() })), ...V1_ERROR_RESPONSES } },
    },
    async (request) => {
      const venue = venueOf(ctx, request.query.exchange);
      const market = await marketOf(venue, request.params.symbol);
      const ticker = await tickers.get(venue.id, venue.client, market.symbol);
      let body = tickerBodies.get(ticker);
      if (body === undefined || body.exchange !== venue.id) {
        body = { exchange: venue.id, ...tickerJson(venue.client, ticker) };
        tickerBodies.set(ticker, body);
      }
      return envelope(ctx, body);
    },
  );

  app.get(
    '/api/v1/market/symbols',
    {
      config: READ(),
      schema: { tags: ['market'], summary: 'Markets with precision, limits and leverage', querystring: exchangeQuery, response: { 200: v1Envelope(z.object({ exchange: z.string(), symbols: z.array(marketSchema) })), ...V1_ERROR_RESPONSES } },
    },
    async (request) => {
      const venue = venueOf(ctx, request.query.exchange);
      const markets = await venue.client.loadMarkets();
      return envelope(ctx, { exchange: venue.id, symbols: markets.map(marketJson) });
    },
  );

  app.get(
    '/api/v1/candles/:symbol',
    {
      config: READ(),
      schema: {
        tags: ['market'],
        summary: 'Candles, oldest first',
        params: symbolParam,
        querystring: z.object({ interval: timeframeSchema.default('1m'), limit: z.coerce.number().int().min(1).max(1000).default(100), exchange: z.string().min(1).max(64).optional() }).strict(),
        response: { 200: v1Envelope(z.object({ exchange: z.string(), symbol: z.string(), native_symbol: z.string(), interval: z.string(), candles: z.array(candleSchema) })), ...V1_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { interval, limit, exchange } = request.query;
      const venue = venueOf(ctx, exchange);
      const market = await marketOf(venue, request.params.symbol);
      const candles = await venue.client.fetchCandles(market.symbol, interval, { limit });
      return envelope(ctx, { exchange: venue.id, symbol: market.symbol, native_symbol: market.id, interval, candles: candles.slice(-limit).map(candleJson) });
    },
  );
}
