import { inspect } from 'node:util';
import { REDACTED } from '../errors/redact.js';

/**
 * A secret string that does not print itself: `String()`, `JSON.stringify`, template literals and
 * `console.log`/`util.inspect` all show `[REDACTED]`. Only `reveal()` gives the value, and only
 * signing code calls it.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
}
