import type { Logger } from '../../../src/index.js';

export interface LogRecord {
  readonly level: string;
  readonly obj: unknown;
  readonly msg: string | undefined;
}

/** A pino-shaped logger that keeps every record, to scan for secrets or check warnings. */
export function captureLogger(): Logger & { readonly records: LogRecord[]; text(): string } {
  const records: LogRecord[] = [];
  const at =
    (level: string) =>
    (a: object | string, msg?: string): void => {
      if (typeof a === 'string') records.push({ level, obj: undefined, msg: a });
      else records.push({ level, obj: a, msg });
    };
  return {
    records,
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => records.map((r) => JSON.stringify(r)).join('\n'),
  };
}
