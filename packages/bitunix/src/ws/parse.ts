import { UnexpectedResponseError } from '@exkit/core';
import type { z } from 'zod';

/** Validates one WebSocket frame; a mismatch is an UnexpectedResponseError naming the first bad path. */
export function parseFrame<S extends z.ZodType>(schema: S, message: unknown, exchange: string, what: string): z.output<S> {
  const result = schema.safeParse(message);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  throw new UnexpectedResponseError(`${exchange}: unexpected ${what} frame at ${path === '' ? '(root)' : path}: ${issue?.message ?? 'invalid'}`, {
    exchange,
    path,
    details: { channel: what, issues: result.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
  });
}
