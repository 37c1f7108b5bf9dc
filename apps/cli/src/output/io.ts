import { scrub } from './redact.js';

/** Writes to stdout (the command's result), scrubbed of registered secrets. */
export function out(text: string): void {
  process.stdout.write(scrub(text.endsWith('\n') ? text : `${text}\n`));
}

/** Writes to stderr (notices, progress, errors), scrubbed of registered secrets. */
export function err(text: string): void {
  process.stderr.write(scrub(text.endsWith('\n') ? text : `${text}\n`));
}

export function stdoutIsTty(): boolean {
  return process.stdout.isTTY === true;
}
