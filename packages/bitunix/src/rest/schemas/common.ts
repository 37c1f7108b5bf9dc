import { toEpochMs, wireDecimal, wireOptionalDecimal } from '@exkit/core';
import { z } from 'zod';

/**
 * Wire helpers shared by the REST and WebSocket schemas. Bitunix sends prices, quantities, amounts and
 * PnL as JSON strings and leverage / precisions / REST times as numbers (bitunix.md "Conventions");
 * both forms are accepted for every number, parsed straight to Decimal.
 */
export { wireDecimal, wireOptionalDecimal };

/**
 * A case-insensitive enum: `Buy`, `BUY` and `buy` all become `BUY` (TIQ reports `Sell`/`Market`/`Last`
 * on the live private WS, bitunix.md §6). An unknown value fails validation (→ UnexpectedResponseError),
 * it is never defaulted.
 */
export function wireEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const allowed = new Set<string>(values);
  return z.string().transform((raw, ctx): T[number] => {
    const upper = raw.trim().toUpperCase();
    if (allowed.has(upper)) return upper as T[number];
    ctx.addIssue({ code: 'custom', message: `unknown value ${JSON.stringify(raw.slice(0, 40))} (expected one of ${values.join(', ')})` });
    return z.NEVER;
  });
}

/** Either a list or a single object (doc examples wrap objects in arrays where live sends objects; §3, §9) → always a list. */
export function objectOrList<S extends z.ZodType>(item: S) {
  return z.union([z.array(item), item]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<S>[]);
}

/** A single object, or a one-element list wrapping it (GET account, change_leverage, change_position_mode; §5, §9). */
export function objectOrSingleton<S extends z.ZodType>(item: S) {
  return z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v[0] : v) as z.output<S>);
}

/** A numeric id sent as a string or a number → string. */
export const wireId = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform((v) => String(v));

/** Optional id: absent, null or "" → undefined. */
export const wireOptionalId = z
  .union([z.string(), z.number().int().nonnegative()])
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? undefined : String(v)));

/** Integer epoch ms as a number or a decimal string (REST `ctime`, funding `nextFundingTime`). */
export const wireMs = z
  .union([z.string().trim().regex(/^\d+$/, 'expected an integer timestamp'), z.number().int().nonnegative()])
  .transform((v) => toEpochMs(v));

export const wireOptionalMs = z
  .union([z.literal(''), z.string().trim().regex(/^\d+$/, 'expected an integer timestamp'), z.number().int().nonnegative()])
  .nullish()
  .transform((v) => (v === '' || v === undefined || v === null ? undefined : toEpochMs(v)));

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * ISO-8601 time → epoch ms. WS private `ctime`/`mtime` carry up to nanoseconds
 * (`2024-05-16T08:13:09.123456789Z`, TRANS) — the fraction is truncated to ms, not rounded by a float.
 * A bare integer (ms) is accepted too, in case the venue sends REST-style times.
 */
export const wireIsoTime = z.union([z.string(), z.number().int().nonnegative()]).transform((v, ctx): number => {
  if (typeof v === 'number') return toEpochMs(v);
  const text = v.trim();
  if (/^\d+$/.test(text)) return toEpochMs(text);
  const m = ISO.exec(text);
  const ms = m ? Date.parse(`${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}${m[3] === 'Z' ? 'Z' : (m[3] as string)}`) : Number.NaN;
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: `expected an ISO-8601 time, got ${JSON.stringify(text.slice(0, 40))}` });
    return z.NEVER;
  }
  return ms;
});

/** A boolean sent as JSON bool or as "true"/"false". */
export const wireBool = z.union([z.boolean(), z.enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False'])]).transform((v) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true'));

/** A leverage given as an int (REST) or a string (WS). */
export const wireLeverage = wireDecimal;

/** Core enums of the venue (bitunix.md §7). */
export const SIDES = ['BUY', 'SELL'] as const;
export const POSITION_SIDES = ['LONG', 'SHORT'] as const;
export const ORDER_TYPES = ['LIMIT', 'MARKET'] as const;
export const EFFECTS = ['GTC', 'IOC', 'FOK', 'POST_ONLY'] as const;
export const ORDER_STATUSES = ['INIT', 'NEW', 'PART_FILLED', 'FILLED', 'CANCELED', 'PART_FILLED_CANCELED', 'EXPIRED', 'SYSTEM_CANCELED'] as const;
export const MARGIN_MODES = ['ISOLATION', 'CROSS'] as const;
export const POSITION_MODES = ['ONE_WAY', 'HEDGE'] as const;
/** `MARK`/`LAST` appear in doc examples (place_order, order detail) where the table says `MARK_PRICE`/`LAST_PRICE`. */
export const STOP_TYPES = ['MARK_PRICE', 'LAST_PRICE', 'MARK', 'LAST'] as const;
export const ROLE_TYPES = ['TAKER', 'MAKER'] as const;
export const SYMBOL_STATUSES = ['OPEN', 'CANCEL_ONLY', 'STOP', 'PREVIEW'] as const;
export const TPSL_STATUSES = ['NEW', 'CANCELED', 'SYSTEM_CANCELED', 'FILLED', 'FAILED'] as const;

export type WireSide = (typeof SIDES)[number];
export type WireOrderType = (typeof ORDER_TYPES)[number];
export type WireEffect = (typeof EFFECTS)[number];
export type WireOrderStatus = (typeof ORDER_STATUSES)[number];
export type WireMarginMode = (typeof MARGIN_MODES)[number];
export type WirePositionSide = (typeof POSITION_SIDES)[number];
export type WireStopType = (typeof STOP_TYPES)[number];

/** Like wireEnum, but absent, null or "" (no TP/SL set) → undefined. */
export function wireOptionalEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.literal(''), wireEnum(values)])
    .nullish()
    .transform((v): T[number] | undefined => (v === '' || v === null || v === undefined ? undefined : (v as T[number])));
}
