import { z } from 'zod';
import { okEnvelope } from '../envelope.js';
import { categorySchema, dec, optDec, optTs, positionSideSchema } from './common.js';

/**
 * One coin of a wallet (REST `coin[]` and the WS `wallet` topic, fixtures `wallet-balance.json`,
 * `ws-wallet.json`). Deprecated fields may be `""`.
 */
export const walletCoinSchema = z.object({
  coin: z.string().min(1),
  equity: optDec,
  usdValue: optDec,
  walletBalance: dec,
  locked: optDec,
  borrowAmount: optDec,
  totalOrderIM: optDec,
  totalPositionIM: optDec,
  totalPositionMM: optDec,
  unrealisedPnl: optDec,
  cumRealisedPnl: optDec,
  bonus: optDec,
  spotBorrow: optDec,
  availableToWithdraw: optDec,
});
export type WireWalletCoin = z.infer<typeof walletCoinSchema>;

export const walletAccountSchema = z.object({
  accountType: z.string().min(1),
  totalEquity: optDec,
  totalWalletBalance: optDec,
  totalAvailableBalance: optDec,
  coin: z.array(walletCoinSchema),
});
export type WireWalletAccount = z.infer<typeof walletAccountSchema>;
export const walletBalanceResponseSchema = okEnvelope(z.object({ list: z.array(walletAccountSchema) }));

/**
 * A position row: REST `/v5/position/list` says `avgPrice`, the WS `position` topic `entryPrice`
 * (reference §5). Flat rows have side `""` and size `"0"`. Fixtures `position-list-*.json`,
 * `ws-position.json` (the 2023 linear example lacks later fields, hence the optionals).
 */
export const positionSchema = z.object({
  category: categorySchema.optional(),
  symbol: z.string().min(1),
  side: positionSideSchema,
  size: dec,
  positionIdx: z.number().int(),
  avgPrice: optDec,
  entryPrice: optDec,
  markPrice: optDec,
  liqPrice: optDec,
  leverage: optDec,
  positionValue: optDec,
  positionIM: optDec,
  positionMM: optDec,
  unrealisedPnl: optDec,
  curRealisedPnl: optDec,
  cumRealisedPnl: optDec,
  positionStatus: z.string().optional(),
  tradeMode: z.number().int().optional(),
  seq: z.number().int().optional(),
  createdTime: optTs,
  updatedTime: optTs,
});
export type WirePosition = z.infer<typeof positionSchema>;
export const positionListResponseSchema = okEnvelope(
  z.object({ category: categorySchema, list: z.array(positionSchema), nextPageCursor: z.string().optional() }),
);

/** POST /v5/position/set-leverage: `result: {}` (fixture `set-leverage.json`). */
export const emptyResponseSchema = okEnvelope(z.object({}).loose());
