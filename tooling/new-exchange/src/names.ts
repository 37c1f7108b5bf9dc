/** Package ids the scaffold must never overwrite or shadow. */
const RESERVED = new Set(['core', 'sim', 'cli', 'gateway', 'bench', 'testing', 'exkit']);

export interface ExchangeNames {
  /** `acme-x`: the package directory and `@exkit/<id>`. */
  readonly id: string;
  /** `AcmeX`: class and factory names (`AcmeXExchange`, `createAcmeX`). */
  readonly name: string;
  /** `ACME_X`: constants (`ACME_X_CAPABILITIES`). */
  readonly constant: string;
  /** `acmeX`: function-style identifiers (`acmeXTarget`). */
  readonly camel: string;
}

/** Validates an exchange id (lowercase letters, digits, inner dashes; 2–30 chars) and derives its names. */
export function exchangeNames(id: string): ExchangeNames {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id) || id.length < 2 || id.length > 30) {
    throw new Error(`invalid exchange id "${id}": use 2–30 lowercase letters and digits, dashes between words (e.g. "acme" or "acme-x")`);
  }
  if (RESERVED.has(id)) throw new Error(`"${id}" is reserved in this workspace`);
  const words = id.split('-');
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return { id, name, constant: words.map((w) => w.toUpperCase()).join('_'), camel: name[0]!.toLowerCase() + name.slice(1) };
}
