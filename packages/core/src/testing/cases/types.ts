import type { CapabilityKey } from '../../exchange/capabilities.js';
import type { CaseContext, Session } from '../context.js';
import type { VenueFaultKind } from '../venue-control.js';
import type { ConformanceTarget } from '../target.js';

export const AREAS = ['SY', 'MD', 'BK', 'ST', 'OR', 'AC', 'ER', 'FT', 'PR'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_TITLES: Readonly<Record<Area, string>> = {
  SY: 'symbols and markets',
  MD: 'market data',
  BK: 'order book',
  ST: 'streams and lifecycle',
  OR: 'orders',
  AC: 'account, positions, leverage',
  ER: 'errors',
  FT: 'fault tolerance',
  PR: 'precision and rounding',
};

export const STREAM_CAPABILITIES = [
  'streamTicker',
  'streamOrderBook',
  'streamTrades',
  'streamCandles',
  'streamOrders',
  'streamFills',
  'streamPositions',
  'streamBalances',
] as const satisfies readonly CapabilityKey[];

/**
 * Req column. `R`: required. `cap`: runs only when the capability is true. `eachStream`: runs for
 * every declared stream (SKIP-cap when none). `anyStream`: required of every adapter that declares
 * at least one stream (the ST area's note; also the stream fault cases).
 */
export type Requirement = 'R' | { readonly cap: CapabilityKey } | 'eachStream' | 'anyStream';

/**
 * Env column. `any`; `sim` (needs control; `features` lists optional control features the case
 * cannot do without); `faults`: needs control able to inject every listed fault.
 */
export type EnvRequirement =
  | 'any'
  | { readonly sim: true; readonly features?: readonly VenueFaultKind[] }
  | { readonly faults: readonly VenueFaultKind[]; readonly label: string };

export interface CaseDef {
  readonly id: string;
  readonly area: Area;
  readonly title: string;
  readonly req: Requirement;
  readonly env: EnvRequirement;
  /** Live gating: `orders` needs the trading opt-in, `fills` also the fills opt-in. */
  readonly trading?: 'orders' | 'fills';
  /** Runs after every other case (it inspects what the run saw). */
  readonly runLast?: boolean;
  /** A reason the case cannot apply to this venue at all (SKIP-cap), from what the target declares. */
  readonly notApplicable?: (target: ConformanceTarget) => string | undefined;
  /** Extra time beyond `caseTimeoutMs` (long fault windows). */
  readonly extraTimeMs?: (session: Session) => number;
  run(ctx: CaseContext): Promise<void>;
}

export const SIM: EnvRequirement = { sim: true };
export const ANY: EnvRequirement = 'any';
export function faults(label: string, ...kinds: VenueFaultKind[]): EnvRequirement {
  return { faults: kinds, label };
}
export function cap(key: CapabilityKey): Requirement {
  return { cap: key };
}
