/** How a case ends other than PASS. The runner maps each to a result kind. */

/** A "Must hold" criterion did not hold: FAIL. */
export class CaseFailure extends Error {
  override readonly name = 'CaseFailure';
}

/** The case cannot run here (SKIP-env) or the capability it needs is off (SKIP-cap). */
export class CaseSkip extends Error {
  override readonly name = 'CaseSkip';
  constructor(
    readonly status: 'SKIP-env' | 'SKIP-cap',
    message: string,
  ) {
    super(message);
  }
}

/** An awaited call did not settle in time: ERROR (one hanging call must not wedge the run). */
export class KitTimeoutError extends Error {
  override readonly name = 'KitTimeoutError';
}

/** The simulator's control failed: ERROR (an environment problem, not the adapter's). */
export class ControlError extends Error {
  override readonly name = 'ControlError';
}

/** The target is misconfigured (unknown symbol, missing credentials…): ERROR. */
export class TargetConfigError extends Error {
  override readonly name = 'TargetConfigError';
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
