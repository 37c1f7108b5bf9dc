import { resolveCredentials, type CredentialsProvider, type ResolvedCredentials } from '../credentials/credentials.js';
import { AuthenticationError } from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import type { Redactor } from '../errors/redact.js';
import type { Scrubber } from './scrub.js';

/**
 * Resolves the credentials once, registers every part in the redactor the moment they are known,
 * and forgets them after an authentication failure so a rotating provider is asked again.
 */
export class CredentialCache {
  readonly #provider: CredentialsProvider | undefined;
  readonly #exchange: string;
  readonly #redactor: Redactor;
  readonly #scrub: Scrubber;
  #resolved: Promise<ResolvedCredentials> | undefined;

  constructor(provider: CredentialsProvider | undefined, exchange: string, redactor: Redactor, scrub: Scrubber) {
    this.#provider = provider;
    this.#exchange = exchange;
    this.#redactor = redactor;
    this.#scrub = scrub;
  }

  get(): Promise<ResolvedCredentials> {
    const provider = this.#provider;
    if (provider === undefined) {
      return Promise.reject(new AuthenticationError(`${this.#exchange}: signed request but no credentials configured`, { exchange: this.#exchange }));
    }
    this.#resolved ??= resolveCredentials(provider, this.#exchange).then(
      (c) => {
        this.#redactor.add(c.apiKey.reveal(), c.apiSecret.reveal(), c.passphrase?.reveal());
        return c;
      },
      (err: unknown) => {
        this.#resolved = undefined;
        if (err instanceof ExchangeError) throw this.#scrub.error(err);
        const why = err instanceof Error ? `${err.name}: ${err.message}` : 'provider failed';
        throw new AuthenticationError(`${this.#exchange}: credentials provider failed: ${this.#scrub.text(why)}`, { exchange: this.#exchange });
      },
    );
    return this.#resolved;
  }

  invalidate(): void {
    this.#resolved = undefined;
  }
}
