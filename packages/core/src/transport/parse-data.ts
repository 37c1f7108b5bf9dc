import type { z } from 'zod';
import { UnexpectedResponseError } from '../errors/error-classes.js';
import { preview } from '../errors/redact.js';
import { describeCall, type CallContext } from './network-error.js';
import { safeCause, type Scrubber } from './scrub.js';

/**
 * Validates decoded data with the caller's zod schema. A mismatch names the path of the first
 * issue (`list.0.price`) and shows the offending value, scrubbed and truncated.
 */
export function parseData<T>(schema: z.ZodType<T>, data: unknown, ctx: CallContext, scrub: Scrubber): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return { path: path.join('.'), message: issue.message, got: show(scrub.value(valueAt(data, path))) };
  });
  const first = issues[0] ?? { path: '', message: 'invalid', got: show(scrub.value(data)) };
  const more = issues.length > 1 ? ` (+${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
  return fail(
    `${describeCall(ctx)}: unexpected response at ${first.path === '' ? '(root)' : first.path}: ${first.message}, got ${first.got}${more}`,
    ctx,
    first.path,
    issues.slice(0, 5),
  );
}

function fail(message: string, ctx: CallContext, path: string, issues: readonly { readonly path: string; readonly message: string }[]): never {
  // The cause is the schema's verdict (paths and messages only: values are in `details`, scrubbed).
  const cause = safeCause('ZodError', issues.map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('; ') || 'invalid');
  throw new UnexpectedResponseError(message, { exchange: ctx.exchange, path, cause, details: { method: ctx.method, endpoint: ctx.path, issues } });
}

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** JSON form, so `"1"`, `1` and `null` are told apart; `undefined` when the field is missing. */
function show(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return preview(text, 100);
}
