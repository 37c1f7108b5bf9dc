/**
 * Every payload under shared/reference/fixtures/bitunix parses with the schema this package reads (or, for
 * requests, sends) it with. A new fixture without an entry here fails the first test.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { decodeEnvelope } from '../src/rest/envelope.js';
import { accountSchema, changeLeverageSchema, changeMarginModeSchema, changePositionModeSchema, leverageMarginModeSchema } from '../src/rest/schemas/account.js';
import { depthSchema, fundingRateHistorySchema, fundingRatesSchema, klinesSchema, tickersSchema, tradingPairsSchema } from '../src/rest/schemas/market.js';
import { batchResultSchema, historyTradesSchema, orderAckSchema, orderListSchema, orderSchema } from '../src/rest/schemas/order.js';
import { historyPositionsSchema, pendingPositionsSchema } from '../src/rest/schemas/position.js';
import { batchOrderBodySchema, cancelOrdersBodySchema, placeOrderBodySchema, tpslPlaceBodySchema } from '../src/rest/schemas/requests.js';
import { tpslPendingSchema } from '../src/rest/schemas/tpsl.js';
import { CANCEL_ALL_ORDERS } from '../src/rest/endpoints/cancel-all-orders.js';
import { createProtocol } from '../src/ws/protocol.js';
import {
  connectFrameSchema,
  loginRequestSchema,
  pingRequestSchema,
  pongFrameSchema,
  subscribeRefusalSchema,
  subscriptionRequestSchema,
  unsubscribeAckSchema,
} from '../src/ws/schemas/control.js';
import { depthFrameSchema, depthTextFrameSchema, klineFrameSchema, priceFrameSchema, tickerFrameSchema, tickersFrameSchema, tradeFrameSchema } from '../src/ws/schemas/public.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_DIR, SHARED_FIXTURE_DIR, fixture, fixtureNames } from './helpers/fixtures.js';

type Check = { readonly kind: 'data'; readonly schema: z.ZodType } | { readonly kind: 'error'; readonly code: number; readonly error: string } | { readonly kind: 'frame'; readonly schema: z.ZodType };

const data = (schema: z.ZodType): Check => ({ kind: 'data', schema });
const frame = (schema: z.ZodType): Check => ({ kind: 'frame', schema });

const CHECKS: Readonly<Record<string, Check>> = {
  'rest-account.json': data(accountSchema),
  'rest-batch-order-request.json': frame(batchOrderBodySchema),
  'rest-batch-order.json': data(batchResultSchema),
  'rest-cancel-orders-request.json': frame(cancelOrdersBodySchema),
  'rest-cancel-orders.json': data(batchResultSchema),
  'rest-change-leverage.json': data(changeLeverageSchema),
  'rest-change-margin-mode.json': data(changeMarginModeSchema),
  'rest-change-position-mode.json': data(changePositionModeSchema),
  'rest-close-all-position.json': data(CANCEL_ALL_ORDERS.schema), // `data: ""` — the empty write reply
  'rest-depth-doc.json': data(depthSchema),
  'rest-error-20015.json': { kind: 'error', code: 20015, error: 'BadSymbolError' },
  'rest-error-404.json': { kind: 'error', code: 404, error: 'InvalidArgumentError' },
  'rest-error-change-position-mode.json': { kind: 'error', code: 200014, error: 'InvalidArgumentError' },
  'rest-error-network.json': { kind: 'error', code: 1, error: 'InvalidArgumentError' },
  'rest-funding-rate-doc-old.json': data(fundingRatesSchema),
  'rest-funding-rate-history.json': data(fundingRateHistorySchema),
  'rest-funding-rate.json': data(fundingRatesSchema),
  'rest-history-positions.json': data(historyPositionsSchema),
  'rest-history-trades.json': data(historyTradesSchema),
  'rest-kline.json': data(klinesSchema),
  'rest-leverage-margin-mode.json': data(leverageMarginModeSchema),
  'rest-order-detail.json': data(orderSchema),
  'rest-pending-orders.json': data(orderListSchema),
  'rest-pending-positions.json': data(pendingPositionsSchema),
  'rest-place-order-request.json': frame(placeOrderBodySchema),
  'rest-place-order.json': data(orderAckSchema),
  'rest-tickers.json': data(tickersSchema),
  'rest-tpsl-pending.json': data(tpslPendingSchema),
  'rest-tpsl-place-request.json': frame(tpslPlaceBodySchema),
  'rest-trading-pairs-2026.json': data(tradingPairsSchema),
  'rest-trading-pairs.json': data(tradingPairsSchema),
  'ws-connect.json': frame(connectFrameSchema),
  'ws-depth-book1-doc.json': frame(depthFrameSchema),
  'ws-depth-book15-unknown-symbol.json': frame(depthFrameSchema),
  'ws-depth-book15.json': frame(depthFrameSchema),
  'ws-kline-doc.json': frame(klineFrameSchema),
  'ws-login-request-doc.json': frame(loginRequestSchema),
  'ws-ping-request-doc.json': frame(pingRequestSchema),
  'ws-ping-request.json': frame(pingRequestSchema),
  'ws-pong-doc.json': frame(pongFrameSchema),
  'ws-pong.json': frame(pongFrameSchema),
  'ws-price-doc.json': frame(priceFrameSchema),
  'ws-price.json': frame(priceFrameSchema),
  'ws-subscribe-limit-error.json': frame(subscribeRefusalSchema),
  'ws-subscribe-request-doc.json': frame(subscriptionRequestSchema),
  'ws-subscribe-request-probe.json': frame(subscriptionRequestSchema),
  'ws-ticker.json': frame(tickerFrameSchema),
  'ws-tickers-doc.json': frame(tickersFrameSchema),
  'ws-trade-doc.json': frame(tradeFrameSchema),
  'ws-unsubscribe-ack.json': frame(unsubscribeAckSchema),
};

const context = { exchange: 'bitunix', method: 'GET' as const, path: '/api/v1/futures/market/depth', status: 200, headers: {} };

describe('reference fixtures', () => {
  it('every fixture file has a check (and every check a file)', () => {
    expect(fixtureNames()).toEqual(Object.keys(CHECKS).sort());
  });

  it.runIf(existsSync(SHARED_FIXTURE_DIR))('the package copies equal shared/reference/fixtures/bitunix', () => {
    const shared = readdirSync(SHARED_FIXTURE_DIR).sort();
    expect(readdirSync(FIXTURE_DIR).sort()).toEqual(shared);
    for (const name of shared) expect(readFileSync(join(FIXTURE_DIR, name), 'utf8'), name).toBe(readFileSync(join(SHARED_FIXTURE_DIR, name), 'utf8'));
  });

  for (const [name, check] of Object.entries(CHECKS)) {
    it(`${name} parses`, () => {
      const payload = fixture(name);
      if (check.kind === 'frame') {
        const r = check.schema.safeParse(payload);
        expect(r.error?.issues ?? []).toEqual([]);
        return;
      }
      const decoded = decodeEnvelope(payload, context);
      if (check.kind === 'error') {
        expect('error' in decoded).toBe(true);
        if ('error' in decoded) {
          expect(decoded.error.name).toBe(check.error);
          expect(decoded.error.code).toBe(check.code);
        }
        return;
      }
      expect('data' in decoded).toBe(true);
      if ('data' in decoded) {
        const r = check.schema.safeParse(decoded.data);
        expect(r.error?.issues ?? []).toEqual([]);
      }
    });
  }

  it('the depth frames also parse as text levels, and route to their topic', () => {
    const protocol = createProtocol('bitunix');
    for (const name of ['ws-depth-book15.json', 'ws-depth-book1-doc.json', 'ws-depth-book15-unknown-symbol.json']) {
      expect(depthTextFrameSchema.safeParse(fixture(name)).success).toBe(true);
    }
    expect(protocol.topicOf(fixture('ws-depth-book15.json'))).toBe('depth_book15:BTCUSDT');
    expect(protocol.topicOf(fixture('ws-tickers-doc.json'))).toEqual(['tickers:BTCUSDT', 'tickers:ETHUSDT']);
    expect(protocol.topicOf(fixture('ws-pong.json'))).toBeUndefined();
    expect(protocol.topicOf(fixture('ws-connect.json'))).toBeUndefined();
    expect(protocol.parseAck?.(fixture('ws-unsubscribe-ack.json'))).toEqual({ op: 'unsubscribe' });
    expect(protocol.parseAck?.(fixture('ws-subscribe-limit-error.json'))?.error?.name).toBe('RateLimitError');
    expect(protocol.parseAck?.(fixture('ws-depth-book15.json'))).toBeUndefined();
  });
});
