import { Redactor } from '@exkit/core';

/**
 * Every byte the CLI writes goes through here: credentials are registered as soon as they are read,
 * so even a venue message that echoed a key (or a bug) cannot print one.
 */
const redactor = new Redactor();

export function registerSecret(...values: ReadonlyArray<string | undefined>): void {
  redactor.add(...values);
}

export function scrub(text: string): string {
  return redactor.scrub(text);
}

export function scrubValue(value: unknown): unknown {
  return redactor.scrubValue(value);
}
