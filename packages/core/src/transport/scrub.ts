import type { ExchangeError } from '../errors/exchange-error.js';
import type { Redactor } from '../errors/redact.js';

/**
 * Scrubs with several redactors at once: the transport's long-lived one (credentials) and a
 * per-request one (that request's signature and nonce, so signatures do not pile up in memory).
 */
export class Scrubber {
  readonly #layers: readonly Redactor[];

  constructor(...layers: Redactor[]) {
    this.#layers = layers;
  }

  with(layer: Redactor): Scrubber {
    return new Scrubber(...this.#layers, layer);
  }

  text(text: string): string {
    let out = text;
    for (const r of this.#layers) out = r.scrub(out);
    return out;
  }

  value(value: unknown): unknown {
    let out = value;
    for (const r of this.#layers) out = r.scrubValue(out);
    return out;
  }

  /**
   * Scrubs an error made elsewhere (the exchange's decoder may quote `retMsg`, and venue A echoes
   * the signed string — API key included — on 10004) in place: message, stack, details, cause.
   */
  error<E extends ExchangeError>(err: E): E {
    define(err, 'message', this.text(err.message));
    if (typeof err.stack === 'string') define(err, 'stack', this.text(err.stack));
    if (err.details !== undefined) define(err, 'details', this.value(err.details));
    if (err.cause !== undefined) define(err, 'cause', this.cause(err.cause));
    return err;
  }

  /** A cause that carries only what is safe to show: the class name, scrubbed message and code. */
  cause(cause: unknown): unknown {
    if (!(cause instanceof Error)) return typeof cause === 'string' ? this.text(cause) : this.value(cause);
    const code = (cause as { code?: unknown }).code;
    return safeCause(cause.name, this.text(cause.message), typeof code === 'string' || typeof code === 'number' ? code : undefined);
  }
}

/**
 * A plain Error standing in for a library error (an AxiosError carries the request headers —
 * signature and key — in `config`): name, message, code, and a stack with no frames.
 */
export function safeCause(name: string, message: string, code?: string | number): Error {
  const e = new Error(message);
  define(e, 'name', name);
  define(e, 'stack', `${name}: ${message}`);
  if (code !== undefined) Object.defineProperty(e, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  return e;
}

function define(target: object, key: string, value: unknown): void {
  const enumerable = Object.getOwnPropertyDescriptor(target, key)?.enumerable ?? false;
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });
}
