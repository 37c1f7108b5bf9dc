import { timeframeSchema } from '@exkit/core';
import { z } from 'zod';
import { UsageError } from './errors.js';

/**
 * Every argument goes through zod; a failure is one line naming the argument (exit 2). Commander
 * hands over strings, so the schemas here parse from text.
 */
export function parseArgs<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue === undefined ? '' : issue.path.map(String).join('.');
  const name = path === '' ? 'arguments' : POSITIONALS.has(path) ? `<${path}>` : `--${kebab(path)}`;
  throw new UsageError(`invalid ${name}: ${issue?.message ?? 'bad value'}`);
}

/** Keys that stand for positional arguments (named `<venue>` in errors, not `--venue`). */
const POSITIONALS = new Set(['venue', 'symbol', 'side', 'amount', 'id', 'stream', 'command', 'keyId']);

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export const venueSchema = z.enum(['bybit', 'bitunix'], { error: 'expected bybit or bitunix' });
export type VenueId = z.infer<typeof venueSchema>;

export const envSchema = z.enum(['sim', 'testnet', 'demo', 'mainnet'], { error: 'expected sim, testnet, demo or mainnet' });
export type EnvName = z.infer<typeof envSchema>;

/** A decimal the user typed: plain digits, never parsed through a float. */
export const decimalText = z
  .string({ error: 'expected a decimal such as 0.001' })
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'expected a plain positive decimal such as 0.001 (no sign, no exponent)');

export const positiveInt = (what: string, max = 1_000_000) =>
  z
    .string({ error: `expected ${what}` })
    .regex(/^\d+$/, `expected ${what} (a whole number)`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `expected ${what} between 1 and ${max}`);

export const timeoutMs = z
  .string()
  .regex(/^\d+$/, 'expected milliseconds (a whole number)')
  .transform(Number)
  .refine((n) => n >= 100 && n <= 120_000, 'expected 100 to 120000 ms');

export const httpUrl = z.string().refine((s) => /^https?:$/.test(safeProtocol(s)), 'expected an http:// or https:// URL');
export const wsUrl = z.string().refine((s) => /^wss?:$/.test(safeProtocol(s)), 'expected a ws:// or wss:// URL');

function safeProtocol(s: string): string {
  try {
    return new URL(s).protocol;
  } catch {
    return '';
  }
}

/** A symbol: unified (`BTC/USDT:USDT`) or the venue's native id (`BTCUSDT`). */
export const symbolSchema = z
  .string({ error: 'expected a symbol such as BTC/USDT:USDT' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9/:._-]{0,63}$/, 'expected a symbol such as BTC/USDT:USDT or BTCUSDT');

export { timeframeSchema };

/**
 * A point in time: epoch ms, an ISO date (`2026-01-01`, `2026-01-01T12:00Z`), or a span back from
 * now (`90m`, `6h`, `2d`).
 */
export const timeSchema = z.string().transform((s, ctx) => {
  const now = Date.now();
  const span = /^(\d+)(m|h|d)$/.exec(s);
  if (span !== null) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as 'm' | 'h' | 'd'];
    return now - Number(span[1]) * unit;
  }
  if (/^\d{10,13}$/.test(s)) return Number(s);
  const parsed = /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : Number.NaN;
  if (!Number.isFinite(parsed)) {
    ctx.addIssue({ code: 'custom', message: 'expected epoch ms, an ISO date (2026-01-01T12:00Z) or a span back from now (90m, 6h, 2d)' });
    return z.NEVER;
  }
  return parsed;
});
