import { AuthenticationError } from '../errors/error-classes.js';
import { isSensitiveName, type Redactor } from '../errors/redact.js';
import { encodeQuery } from './query.js';
import type { Scrubber } from './scrub.js';
import type { RequestSigner, SignInput } from './types.js';

export interface AppliedSignature {
  /** Headers to add (the signer's, verbatim). */
  readonly headers: Readonly<Record<string, string>>;
  /** The query string to send: the signed one, then the signer's own parameters. */
  readonly wireQuery: string;
}

/**
 * Runs the exchange's signer and registers what it produced — every value under a sensitive name
 * and every declared secret — in this request's redactor before anything can echo it back.
 * A signer failure becomes an AuthenticationError with a scrubbed message.
 */
export async function applySigner(signer: RequestSigner, input: SignInput, redactor: Redactor, scrub: Scrubber, exchange: string): Promise<AppliedSignature> {
  let out;
  try {
    out = await signer(input);
  } catch (err) {
    const why = err instanceof Error ? `${err.name}: ${err.message}` : 'signer failed';
    throw new AuthenticationError(`${exchange}: could not sign the request: ${scrub.text(why)}`, { exchange });
  }
  const headers = out.headers ?? {};
  for (const [name, value] of Object.entries(headers)) if (isSensitiveName(name)) redactor.add(value);
  const extra = out.query ?? [];
  for (const [name, value] of extra) if (isSensitiveName(name)) redactor.add(value);
  redactor.add(...(out.secrets ?? []));
  const wireQuery = extra.length === 0 ? input.query : [input.query, encodeQuery(extra)].filter((s) => s !== '').join('&');
  return { headers, wireQuery };
}
