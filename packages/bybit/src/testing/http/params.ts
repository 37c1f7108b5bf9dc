/** Request parameters (query for GET, JSON body for POST) with Bybit's 10001 refusals. */
import type { SimInstrument, SimVenue } from '@exkit/sim';
import { RET } from '../codes.js';
import type { Category } from '../format.js';
import { BybitFailure, fail } from './envelope.js';

export class Params {
  constructor(readonly raw: Readonly<Record<string, unknown>>) {}

  /** A parameter as text (numbers and booleans of a JSON body included), undefined when absent or `""`. */
  str(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return fail(RET.PARAM, `params error: ${name} invalid`);
  }

  need(name: string): string {
    return this.str(name) ?? fail(RET.PARAM, `params error: ${name} is required`);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const s = this.str(name);
    if (s === undefined) return fallback;
    const n = Number(s);
    if (!Number.isInteger(n) || n < min || n > max) fail(RET.PARAM, `params error: ${name} invalid`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true') return true;
    if (v === 'false') return false;
    return fail(RET.PARAM, `params error: ${name} invalid`);
  }

  category(allowed: readonly Category[] = ['linear', 'spot']): Category {
    const c = this.need('category');
    if (!(allowed as readonly string[]).includes(c)) fail(RET.PARAM, `params error: category invalid`);
    return c as Category;
  }
}

/** The engine market of a native symbol in a category; unknown → 10001 (reason UNKNOWN_SYMBOL). */
export function instrumentOf(venue: SimVenue, category: Category, symbol: string): SimInstrument {
  const inst = venue.findInstrument(symbol, category === 'spot' ? 'spot' : 'swap');
  if (inst === undefined) throw new BybitFailure(RET.PARAM, 'params error: symbol invalid', 'UNKNOWN_SYMBOL');
  return inst;
}

/** Opaque page cursor: the offset, URL-encoded the way Bybit's cursors look (`page_args%3D…`). */
export function pageOf<T>(rows: readonly T[], p: Params, defLimit: number, maxLimit: number): { list: T[]; nextPageCursor: string } {
  const limit = p.int('limit', defLimit, 1, maxLimit);
  const cursor = p.str('cursor');
  let start = 0;
  if (cursor !== undefined) {
    const m = /^page_args(?:%3D|=)(\d+)$/.exec(cursor);
    if (m === null) fail(RET.PARAM, 'params error: cursor invalid');
    start = Number(m[1]);
  }
  const list = rows.slice(start, start + limit);
  const next = start + limit < rows.length ? `page_args%3D${start + limit}` : '';
  return { list, nextPageCursor: next };
}
