import { UnexpectedResponseError } from '@exkit/core';
import type { z } from 'zod';
import { EXCHANGE_ID } from '../options.js';

/** Parses a stream frame; a mismatch is an UnexpectedResponseError naming the offending path. */
export function parseFrame<S extends z.ZodType>(schema: S, message: unknown, what: string): z.output<S> {
  const r = schema.safeParse(message);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new UnexpectedResponseError(`${EXCHANGE_ID} ${what}: unexpected frame (${path || 'frame'}: ${issue?.message ?? 'invalid'})`, {
    exchange: EXCHANGE_ID,
    path,
  });
}

/** The keys a frame's `data` object actually carries (a ticker delta omits what did not change). */
export function presentKeys(message: unknown): ReadonlySet<string> {
  const data = typeof message === 'object' && message !== null ? (message as Record<string, unknown>)['data'] : undefined;
  return new Set(typeof data === 'object' && data !== null ? Object.keys(data) : []);
}
