import { out } from './io.js';
import { plain } from './values.js';

/** One JSON object per line on stdout (for streams: `watch --ndjson`). */
export function printNdjson(value: unknown): void {
  out(JSON.stringify(plain(value)));
}
