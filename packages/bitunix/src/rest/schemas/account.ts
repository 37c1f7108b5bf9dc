import { z } from 'zod';
import { MARGIN_MODES, objectOrSingleton, POSITION_MODES, wireDecimal, wireEnum, wireOptionalDecimal, wireOptionalEnum } from './common.js';

/**
 * GET /api/v1/futures/account — bitunix.md §5. `data` is an object live (NET, DEMO Go/Java) and a
 * one-element array in the doc example (fixture rest-account.json): both accepted (open point §9).
 */
export const accountItemSchema = z.object({
  marginCoin: z.string().min(1),
  available: wireDecimal,
  frozen: wireDecimal,
  margin: wireDecimal,
  transfer: wireOptionalDecimal,
  positionMode: wireOptionalEnum(POSITION_MODES),
  crossUnrealizedPNL: wireOptionalDecimal,
  isolationUnrealizedPNL: wireOptionalDecimal,
  bonus: wireOptionalDecimal,
});
export type WireAccount = z.output<typeof accountItemSchema>;
export const accountSchema = objectOrSingleton(accountItemSchema);

/** GET /api/v1/futures/account/get_leverage_margin_mode. */
export const leverageMarginModeSchema = z.object({
  symbol: z.string().min(1),
  marginCoin: z.string().optional(),
  leverage: wireDecimal,
  marginMode: wireEnum(MARGIN_MODES),
});

/** POST change_leverage: `{marginCoin, symbol, leverage}` — object live (NET), array in the doc (§9). */
export const changeLeverageSchema = objectOrSingleton(z.object({ symbol: z.string().min(1), marginCoin: z.string().optional(), leverage: wireDecimal }));

/** POST change_margin_mode: `{marginCoin, symbol, marginMode}`. Accepted as object or singleton list like its siblings. */
export const changeMarginModeSchema = objectOrSingleton(z.object({ symbol: z.string().min(1), marginCoin: z.string().optional(), marginMode: wireEnum(MARGIN_MODES) }));

/** POST change_position_mode: `{positionMode}` — object live (NET), array in the doc (§9). */
export const changePositionModeSchema = objectOrSingleton(z.object({ positionMode: wireEnum(POSITION_MODES) }));
