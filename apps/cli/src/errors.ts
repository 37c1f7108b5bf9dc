import { ExchangeError } from '@exkit/core';

/** A bad command line: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure the command already explained (e.g. `check` printed its table); only the exit code is left to set. */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';
  constructor(readonly exitCode = 1) {
    super('reported');
  }
}

/** Exit codes: 0 ok, 1 the venue or the network failed, 2 bad arguments, 130 interrupted. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** One line saying what failed: the typed error class, the venue's code when it gave one, the message. */
export function describeError(error: unknown): string {
  if (error instanceof ExchangeError) {
    const code = error.code === undefined ? '' : ` (venue code ${String(error.code)})`;
    return `${error.name}${code}: ${firstLine(error.message)}`;
  }
  if (error instanceof Error) return firstLine(error.message);
  return firstLine(String(error));
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.trim();
}
