/**
 * Secret scrubbing. Every string that leaves core in an error, a log record or a `toJSON` goes
 * through a Redactor that knows the live secrets (API key, secret, passphrase, signatures).
 */
export const REDACTED = '[REDACTED]';

/** Header and field names whose values are never shown, whatever their content. */
const SENSITIVE_NAME = /^(x-[a-z]+-(sign|signature|api-key|apikey|passphrase)|sign|signature|api[-_]?key|apikey|api[-_]?secret|secret|secret[-_]?key|passphrase|password|authorization|cookie|token|access[-_]?token|refresh[-_]?token|nonce)$/i;

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers a value never to be shown. Values shorter than 6 characters are not registered (too likely to hit innocent text). */
  add(...values: ReadonlyArray<string | undefined>): this {
    for (const v of values) if (v !== undefined && v.length >= 6) this.#secrets.add(v);
    return this;
  }

  /** Replaces every registered secret in `text`. */
  scrub(text: string): string {
    let out = text;
    for (const s of this.#secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }

  /** Deep copy with sensitive fields and registered secrets replaced; cycles and depth are bounded. */
  scrubValue(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth > 6) return '[…]';
    if (Array.isArray(value)) return value.slice(0, 50).map((v) => this.scrubValue(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSensitiveName(k) ? REDACTED : this.scrubValue(v, depth + 1);
    return out;
  }
}

/** Shortens a value for an error message: JSON, at most `max` characters. */
export function preview(value: unknown, max = 200): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}
