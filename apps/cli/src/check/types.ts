export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** One line of `exkit check`. */
export interface CheckLine {
  /** Stable id for `--json` consumers (`publicRest`, `clockSkew`, …). */
  readonly id: string;
  /** What the table shows. */
  readonly name: string;
  readonly status: CheckStatus;
  /** Whether a failure makes the whole check fail (exit 1). */
  readonly required: boolean;
  /** Why: the measurement, or the reason it failed. */
  readonly detail: string;
  readonly latencyMs?: number;
}

export const MARK: Readonly<Record<CheckStatus, string>> = { pass: '✓', fail: '✗', warn: '!', skip: '–' };
