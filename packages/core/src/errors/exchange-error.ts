import { Redactor } from './redact.js';

export interface ExchangeErrorOptions {
  /** The exchange id (`sim` or an adapter's own id); `exkit` for errors raised before any venue is involved. */
  readonly exchange: string;
  /** The venue's own error code, when it gave one. */
  readonly code?: string | number;
  /** The adapter method that failed (`placeOrder`, …). */
  readonly method?: string;
  /** Whether repeating the same call may succeed. Subclasses set a sensible default. */
  readonly retryable?: boolean;
  /** How long to wait before retrying, when the venue said. */
  readonly retryAfterMs?: number;
  /** The underlying error, already scrubbed of secrets. */
  readonly cause?: unknown;
  /** Extra structured context (scrubbed by the thrower). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What an ExchangeError looks like in JSON and logs: never a key, secret or signature. */
export interface ExchangeErrorJson {
  readonly name: string;
  readonly message: string;
  readonly exchange: string;
  readonly code?: string | number;
  readonly method?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: string;
}

const plain = new Redactor();

/**
 * The base of every error exkit throws. Callers branch on the subclass (`instanceof RateLimitError`)
 * or on `retryable`. Messages are built from scrubbed text only.
 */
export class ExchangeError extends Error {
  readonly exchange: string;
  readonly code?: string | number;
  readonly method?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(message: string, options: ExchangeErrorOptions, defaultRetryable = false) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exchange = options.exchange;
    this.retryable = options.retryable ?? defaultRetryable;
    if (options.code !== undefined) this.code = options.code;
    if (options.method !== undefined) this.method = options.method;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.details !== undefined) this.details = options.details;
  }

  /** A copy of this error naming the method that failed (errors are raised deep, the method is known at the top). */
  withMethod(method: string): this {
    if (this.method !== undefined) return this;
    Object.defineProperty(this, 'method', { value: method, enumerable: true });
    return this;
  }

  toJSON(): ExchangeErrorJson {
    const cause = this.cause instanceof Error ? `${this.cause.name}: ${this.cause.message}` : this.cause === undefined ? undefined : String(this.cause);
    return {
      name: this.name,
      message: this.message,
      exchange: this.exchange,
      ...(this.code !== undefined && { code: this.code }),
      ...(this.method !== undefined && { method: this.method }),
      retryable: this.retryable,
      ...(this.retryAfterMs !== undefined && { retryAfterMs: this.retryAfterMs }),
      ...(this.details !== undefined && { details: plain.scrubValue(this.details) as Record<string, unknown> }),
      ...(cause !== undefined && { cause }),
    };
  }
}
