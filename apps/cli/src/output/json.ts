import { out } from './io.js';
import { plain } from './values.js';

/** One JSON document on stdout (pretty, for `--json`). */
export function printJson(value: unknown): void {
  out(JSON.stringify(plain(value), null, 2));
}
