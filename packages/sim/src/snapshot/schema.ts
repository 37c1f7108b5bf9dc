import { z } from 'zod';
import { timeframeSchema } from '@exkit/core';
import { CANCEL_REASONS, REJECT_REASONS } from '../errors.js';
import { decimalText, instrumentDefinitionSchema, replayCandleSchema } from '../instruments/definition.js';

/** Snapshot format version; `restore` refuses anything else. */
export const SNAPSHOT_VERSION = 1;

const bigintText = z.string().regex(/^-?\d+$/, 'expected an integer string');
const prngState = z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]);
const time = z.number().int();

const candleSchema = z.object({
  openTime: time,
  open: decimalText,
  high: decimalText,
  low: decimalText,
  close: decimalText,
  volume: decimalText,
  turnover: decimalText,
  trades: z.number().int().nonnegative(),
});

export type CandleJSON = z.infer<typeof candleSchema>;

const tradeSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  price: decimalText,
  size: decimalText,
  side: z.enum(['buy', 'sell']),
  timestamp: time,
});

const levelSchema = z.object({
  ticks: bigintText,
  label: z.string().optional(),
  sizeLabel: z.string().optional(),
  /** In queue order; `order` is the resting order's id, absent for venue liquidity. */
  entries: z.array(z.object({ order: z.string().optional(), lots: bigintText })),
});

const marketSchema = z.object({
  definition: instrumentDefinitionSchema,
  status: z.enum(['trading', 'halted']),
  rng: prngState,
  fair: bigintText,
  last: decimalText,
  mark: decimalText,
  index: decimalText,
  fundingRate: decimalText,
  nextFundingTime: time,
  oiBase: decimalText,
  startTime: time,
  startPrice: decimalText,
  bookSeq: z.number().int().nonnegative(),
  seqs: z.object({
    trade: z.number().int(),
    ticker: z.number().int(),
    market: z.number().int(),
    funding: z.number().int(),
    candle: z.partialRecord(timeframeSchema, z.number().int()),
  }),
  bids: z.array(levelSchema),
  asks: z.array(levelSchema),
  candles: z.object({ current: z.partialRecord(timeframeSchema, candleSchema), closed: z.partialRecord(timeframeSchema, z.array(candleSchema)) }),
  tape: z.array(tradeSchema),
  /** Untriggered order ids, in trigger-check order. */
  conditional: z.array(z.string()),
  replay: z
    .object({
      timeframe: timeframeSchema,
      candles: z.array(replayCandleSchema),
      loop: z.boolean(),
      shift: z.number().int(),
      index: z.number().int().nonnegative(),
      step: z.number().int().min(0).max(3),
    })
    .optional(),
  fundingHistory: z.array(z.object({ rate: decimalText, markPrice: decimalText, timestamp: time })),
});

const orderSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  clientOrderId: z.string().optional(),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['limit', 'market']),
  timeInForce: z.enum(['gtc', 'ioc', 'fok', 'post_only']),
  status: z.enum(['untriggered', 'open', 'filled', 'canceled', 'rejected', 'expired']),
  price: decimalText.optional(),
  sizeLots: bigintText,
  filledLots: bigintText,
  cost: decimalText,
  fee: decimalText,
  feeCurrency: z.string(),
  realizedPnl: decimalText,
  reduceOnly: z.boolean(),
  trigger: z
    .object({ price: decimalText, reference: z.enum(['last', 'mark', 'index']), direction: z.enum(['rise', 'fall']), triggeredAt: time.optional() })
    .optional(),
  reserved: decimalText,
  reserveCoin: z.string(),
  cancelReason: z.enum(CANCEL_REASONS).optional(),
  rejectReason: z.enum(REJECT_REASONS).optional(),
  origin: z.enum(['user', 'liquidation']),
  createdAt: time,
  updatedAt: time,
});

const fillSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  clientOrderId: z.string().optional(),
  symbol: z.string(),
  tradeId: z.string(),
  side: z.enum(['buy', 'sell']),
  price: decimalText,
  size: decimalText,
  cost: decimalText,
  fee: decimalText,
  feeCurrency: z.string(),
  feeRate: decimalText,
  liquidity: z.enum(['maker', 'taker']),
  realizedPnl: decimalText,
  closedSize: decimalText,
  orderType: z.enum(['limit', 'market']),
  timestamp: time,
});

const accountSchema = z.object({
  id: z.string(),
  createdAt: time,
  seq: z.number().int().nonnegative(),
  settings: z.array(z.object({ symbol: z.string(), leverage: decimalText, marginMode: z.enum(['cross', 'isolated']) })),
  positions: z.array(
    z.object({
      symbol: z.string(),
      lots: bigintText,
      entry: decimalText,
      realized: decimalText,
      cumRealized: decimalText,
      fees: decimalText,
      funding: decimalText,
      margin: decimalText,
      createdAt: time,
      updatedAt: time,
    }),
  ),
  orders: z.array(orderSchema),
  fills: z.array(fillSchema),
  fundings: z.array(
    z.object({ symbol: z.string(), rate: decimalText, markPrice: decimalText, size: decimalText, amount: decimalText, coin: z.string(), timestamp: time }),
  ),
});

const faultSchema = z.object({
  // Faults are core's `VenueFault` union (plus chaos); validated by kind, kept as given.
  fault: z.looseObject({ kind: z.string() }),
  since: time,
  until: time.optional(),
  remaining: z.number().int().optional(),
});

export const snapshotSchema = z.object({
  format: z.literal('exkit-sim'),
  version: z.literal(SNAPSHOT_VERSION),
  savedAt: time,
  seed: z.union([z.string(), z.number()]),
  options: z.object({
    rate: z.number().positive(),
    postOnlyCross: z.enum(['cancel', 'reject']),
    maxLiveOrdersPerMarket: z.number().int().positive(),
    historyLimit: z.number().int().positive(),
    tapeLimit: z.number().int().positive(),
    candleHistoryLimit: z.number().int().positive(),
    syntheticHistory: z.number().int().nonnegative(),
    orderLogLimit: z.number().int().positive(),
    defaultMarginMode: z.enum(['cross', 'isolated']),
    wallet: z.record(z.string(), decimalText),
  }),
  frozen: z.boolean(),
  funding: z.boolean(),
  ids: z.object({ order: z.number().int(), fill: z.number().int(), account: z.number().int(), log: z.number().int() }),
  keyRng: prngState,
  faultRng: prngState,
  defaultAccountId: z.string(),
  markets: z.array(marketSchema),
  accounts: z.array(accountSchema),
  keys: z.array(
    z.object({
      apiKey: z.string(),
      apiSecret: z.string(),
      accountId: z.string(),
      permissions: z.array(z.enum(['read', 'trade'])),
      createdAt: time,
    }),
  ),
  ledger: z.record(z.string(), z.record(z.string(), decimalText)),
  orderLog: z.array(
    z.object({
      seq: z.number().int(),
      at: time,
      accountId: z.string(),
      action: z.enum(['place', 'amend', 'cancel', 'cancelAll']),
      request: z.record(z.string(), z.union([z.string(), z.boolean()])),
      orderIds: z.array(z.string()).optional(),
      status: z.enum(['untriggered', 'open', 'filled', 'canceled', 'rejected', 'expired']).optional(),
      rejected: z.enum(REJECT_REASONS).optional(),
      message: z.string().optional(),
    }),
  ),
  faults: z.array(faultSchema),
});

/** A venue snapshot: plain JSON (decimals and bigints as strings), versioned. */
export type SimSnapshot = z.infer<typeof snapshotSchema>;
