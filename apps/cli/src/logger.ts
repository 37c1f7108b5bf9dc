import type { LogFn, Logger } from '@exkit/core';
import { err } from './output/io.js';
import { scrubValue } from './output/redact.js';

/** `--verbose`: the adapter's log records on stderr, sensitive fields and registered secrets redacted. */
export function verboseLogger(): Logger {
  const fn =
    (level: string): LogFn =>
    (objOrMsg: object | string, msg?: string) => {
      if (typeof objOrMsg === 'string') return err(`[${level}] ${objOrMsg}`);
      err(`[${level}] ${msg ?? ''} ${JSON.stringify(scrubValue(objOrMsg))}`);
    };
  return { trace: fn('trace'), debug: fn('debug'), info: fn('info'), warn: fn('warn'), error: fn('error') };
}
