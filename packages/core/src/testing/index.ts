/**
 * @exkit/core/testing — the conformance kit (conformance-cases.md). Runs the CK cases against an
 * Exchange, in the simulator through VenueControl or live. Loads without vitest; the vitest helper
 * takes vitest's functions (or imports vitest lazily).
 */
export { runConformance, createConformanceSession, planCase, selectCases, KIT_CLIENT_ID_PREFIX } from './runner.js';
export type { ConformanceOptions, ConformanceSession, PlannedCase } from './runner.js';
export { describeConformance } from './vitest.js';
export type { DescribeConformanceOptions, VitestApi } from './vitest.js';
export {
  defaultTiming,
  DEFAULT_CANDLE_PAGE_LIMIT,
  DEFAULT_RECONNECT_BUDGET_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRY_BUDGET_MS,
} from './target.js';
export type {
  ConformanceTarget,
  CreateExchangeOptions,
  Declared,
  ErrorClass,
  ErrorCodeExpectation,
  FeeCurrencyRule,
  TargetSymbols,
  Timing,
} from './target.js';
export { checkInvariants, checkErrorSecrets, findSecrets, isCoreDecimal, OrderTracker, MIN_TIMESTAMP_MS } from './invariants.js';
export type { InvariantOptions, InvariantRule, InvariantViolation, ModelKind } from './invariants.js';
export { textReporter, formatCaseLine, formatSummary, formatMissing, summarize, computeMissing, CASE_STATUSES } from './report.js';
export type {
  CaseResult,
  CaseStatus,
  ConformanceResult,
  ConformanceSummary,
  MissingCapability,
  Reporter,
  StatusCounts,
  TextSink,
} from './report.js';
export { ALL_CASES } from './cases/index.js';
export { AREAS, AREA_TITLES, type Area, type CaseDef, type EnvRequirement, type Requirement } from './cases/types.js';
export type { CaseContext } from './context.js';
export type { KitSubscription } from './instrument.js';
export type {
  LevelInput,
  ReceivedOrderParams,
  ReceivedRequest,
  VenueAccount,
  VenueBalance,
  VenueBook,
  VenueCandle,
  VenueConnection,
  VenueControl,
  VenueCredentials,
  VenueFault,
  VenueFaultKind,
  VenueFill,
  VenueInstrument,
  VenueLimits,
  VenueOperation,
  VenueOrder,
  VenuePosition,
  VenueRateBucket,
  VenueRejection,
  VenueStream,
  VenueTopic,
  VenueTrade,
} from './venue-control.js';
