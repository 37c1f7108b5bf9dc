import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { envelopeSchema } from '../src/rest/envelope.js';
import { emptyResponseSchema, positionListResponseSchema, walletBalanceResponseSchema } from '../src/rest/schemas/account.js';
import {
  fundingHistoryResponseSchema,
  klineResponseSchema,
  linearInstrumentsResponseSchema,
  orderBookResponseSchema,
  recentTradesResponseSchema,
  serverTimeResponseSchema,
  spotInstrumentsResponseSchema,
  tickersResponseSchema,
} from '../src/rest/schemas/market.js';
import {
  cancelAllResponseSchema,
  executionListResponseSchema,
  orderAckResponseSchema,
  orderAckSchema,
  orderListResponseSchema,
} from '../src/rest/schemas/trade.js';
import {
  authRequestSchema,
  authResponseSchema,
  wsExecutionFrameSchema,
  wsOrderFrameSchema,
  wsPositionFrameSchema,
  wsWalletFrameSchema,
} from '../src/ws/schemas/private.js';
import {
  pongSchema,
  subscribeRequestSchema,
  subscriptionAckSchema,
  wsKlineFrameSchema,
  wsOrderBookFrameSchema,
  wsTickerFrameSchema,
  wsTradeFrameSchema,
} from '../src/ws/schemas/public.js';
import {
  tradeAuthRequestSchema,
  tradeAuthResponseSchema,
  tradeBatchDataSchema,
  tradePongSchema,
  tradeRequestSchema,
  tradeResponseSchema,
} from '../src/ws/schemas/trade.js';
import { FIXTURE_DIR, SHARED_FIXTURE_DIR, fixture, fixtureNames } from './helpers/fixtures.js';

/**
 * Which schema reads which fixture. Four `ws-subscribe-success-*` files do not hold what their names
 * say (checked against DOCS `/v5/ws/connect`): `-linear` is the public-spot ack, `-option` the
 * linear/inverse ack, `-spot` the private ack, `-private` the unsubscribe *request* example. Each is
 * parsed as what it is.
 */
const SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'error-10002-timestamp.json': envelopeSchema,
  'error-110007-insufficient-balance.json': envelopeSchema,
  'error-110043-leverage-not-modified.json': envelopeSchema,
  'execution-list.json': executionListResponseSchema,
  'funding-history.json': fundingHistoryResponseSchema,
  'instruments-info-linear-prelisting.json': linearInstrumentsResponseSchema,
  'instruments-info-linear.json': linearInstrumentsResponseSchema,
  'instruments-info-spot.json': spotInstrumentsResponseSchema,
  'kline-inverse.json': klineResponseSchema,
  'order-amend.json': orderAckResponseSchema,
  'order-cancel-all.json': cancelAllResponseSchema,
  'order-cancel.json': orderAckResponseSchema,
  'order-create.json': orderAckResponseSchema,
  'order-history.json': orderListResponseSchema,
  'order-realtime.json': orderListResponseSchema,
  'orderbook-spot.json': orderBookResponseSchema,
  'position-list-inverse.json': positionListResponseSchema,
  'position-list-linear.json': positionListResponseSchema,
  'recent-trade-spot.json': recentTradesResponseSchema,
  'server-time.json': serverTimeResponseSchema,
  'set-leverage.json': emptyResponseSchema,
  'tickers-inverse.json': tickersResponseSchema,
  'tickers-spot.json': tickersResponseSchema,
  'wallet-balance.json': walletBalanceResponseSchema,
  'ws-auth-failure.json': authResponseSchema,
  'ws-auth-request.json': authRequestSchema,
  'ws-auth-success.json': authResponseSchema,
  'ws-execution.json': wsExecutionFrameSchema,
  'ws-kline.json': wsKlineFrameSchema,
  'ws-order.json': wsOrderFrameSchema,
  'ws-orderbook-delta.json': wsOrderBookFrameSchema,
  'ws-orderbook-snapshot.json': wsOrderBookFrameSchema,
  'ws-pong-linear.json': pongSchema,
  'ws-pong-option.json': pongSchema,
  'ws-pong-private.json': pongSchema,
  'ws-pong-spot.json': pongSchema,
  'ws-position.json': wsPositionFrameSchema,
  'ws-public-trade.json': wsTradeFrameSchema,
  'ws-subscribe-request.json': subscribeRequestSchema,
  'ws-subscribe-success-linear.json': subscriptionAckSchema,
  'ws-subscribe-success-option.json': subscriptionAckSchema,
  'ws-subscribe-success-private.json': subscribeRequestSchema,
  'ws-subscribe-success-spot.json': subscriptionAckSchema,
  'ws-ticker-linear-delta.json': wsTickerFrameSchema,
  'ws-ticker-linear-futures-snapshot.json': wsTickerFrameSchema,
  'ws-ticker-linear-snapshot.json': wsTickerFrameSchema,
  'ws-ticker-spot.json': wsTickerFrameSchema,
  'ws-trade-auth-request.json': tradeAuthRequestSchema,
  'ws-trade-auth-response.json': tradeAuthResponseSchema,
  'ws-trade-batch-create-request.json': tradeRequestSchema,
  'ws-trade-batch-create-response.json': tradeResponseSchema,
  'ws-trade-order-create-request.json': tradeRequestSchema,
  'ws-trade-order-create-response.json': tradeResponseSchema,
  'ws-trade-pong.json': tradePongSchema,
  'ws-wallet.json': wsWalletFrameSchema,
};

describe('reference fixtures', () => {
  it('every fixture file has a schema, and every schema entry a file', () => {
    expect(fixtureNames()).toEqual(Object.keys(SCHEMAS).sort());
  });

  it.runIf(existsSync(SHARED_FIXTURE_DIR))('the package copies equal shared/reference/fixtures/bybit', () => {
    const shared = readdirSync(SHARED_FIXTURE_DIR).sort();
    expect(readdirSync(FIXTURE_DIR).sort()).toEqual(shared);
    for (const name of shared) expect(readFileSync(join(FIXTURE_DIR, name), 'utf8'), name).toBe(readFileSync(join(SHARED_FIXTURE_DIR, name), 'utf8'));
  });

  it.each(Object.entries(SCHEMAS))('%s parses', (name, schema) => {
    const result = schema.safeParse(fixture(name));
    expect(result.success ? 'ok' : JSON.stringify(result.error.issues.slice(0, 3))).toBe('ok');
  });

  it('decimals come out exact and typed (no float on the way)', () => {
    const linear = linearInstrumentsResponseSchema.parse(fixture('instruments-info-linear.json'));
    const btc = linear.result.list[0]!;
    expect(btc.priceFilter.tickSize).toBeInstanceOf(Decimal);
    expect(btc.priceFilter.tickSize.toFixed()).toBe('0.1');
    expect(btc.lotSizeFilter.maxOrderQty.toFixed()).toBe('1190');
    expect(btc.fundingInterval).toBe(480);
    const wallet = walletBalanceResponseSchema.parse(fixture('wallet-balance.json'));
    expect('spotHedgingQty' in wallet.result.list[0]!.coin[0]!).toBe(false); // not read: stripped
    expect(wallet.result.list[0]!.coin[0]!.walletBalance.toFixed()).toBe('0');
    const ticker = wsTickerFrameSchema.parse(fixture('ws-ticker-linear-futures-snapshot.json'));
    expect(ticker.data.nextFundingTime).toBeUndefined(); // "" on futures
    expect(ticker.data.fundingRate).toBeUndefined();
  });

  it('batch and single WS trade replies carry their data shapes', () => {
    const batch = tradeResponseSchema.parse(fixture('ws-trade-batch-create-response.json'));
    expect(tradeBatchDataSchema.parse(batch.data).list).toHaveLength(3);
    expect(batch.retExtInfo?.list?.map((x) => x.code)).toEqual([10001, 10001, 10001]);
    const single = tradeResponseSchema.parse(fixture('ws-trade-order-create-response.json'));
    expect(orderAckSchema.parse(single.data).orderId).toBe('a4c1718e-fe53-4659-a118-1f6ecce04ad9');
    expect(single.header?.['X-Bapi-Limit-Status']).toBe('9');
  });

  it('an unknown enum value is refused, never defaulted', () => {
    const body = fixture<{ result: { list: Array<Record<string, unknown>> } }>('order-realtime.json');
    body.result.list[0]!['orderStatus'] = 'Expired';
    const r = orderListResponseSchema.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['result', 'list', 0, 'orderStatus']);
  });
});
