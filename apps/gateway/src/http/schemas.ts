// Shared zod pieces of the HTTP schemas.
import { z } from 'zod';
import { ERROR_CODES } from './errors.js';

/** Money and sizes cross JSON as decimal strings. */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i);
export const nullableDecimal = decimalString.nullable();

/** A positive decimal given as a string (or a JSON number, read as written), kept as a string. */
export const positiveDecimalInput = z
  .union([z.string().trim().regex(/^\d{1,20}(\.\d{1,18})?$/, 'expected a positive decimal string such as "0.01"'), z.number().positive().finite()])
  .transform((v) => (typeof v === 'number' ? String(v) : v))
  .refine((v) => !/e/i.test(v) && Number(v) > 0, 'expected a positive decimal');

export const isoTimestamp = z.string();

export const errorBodySchema = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
  timestamp: isoTimestamp,
  request_id: z.string(),
});

export const v1Envelope = <T extends z.ZodType>(data: T) => z.object({ success: z.literal(true), data, timestamp: isoTimestamp });

export const v1ErrorSchema = z.object({ success: z.literal(false), error: errorBodySchema, timestamp: isoTimestamp });

/** Error answers documented on every route. */
export const ERROR_RESPONSES = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  429: errorBodySchema,
  500: errorBodySchema,
  503: errorBodySchema,
} as const;

export const V1_ERROR_RESPONSES = {
  400: v1ErrorSchema,
  401: v1ErrorSchema,
  403: v1ErrorSchema,
  404: v1ErrorSchema,
  429: v1ErrorSchema,
  500: v1ErrorSchema,
  503: v1ErrorSchema,
} as const;

export const exchangeQuery = z.object({ exchange: z.string().min(1).max(64).optional() }).strict();
