import type { VenueFault, VenueOperation } from '@exkit/core/testing';

export type { VenueOperation };

/**
 * Random faults for soak tests: each matching event is affected with the given probability, drawn
 * from the venue's fault stream (deterministic under the seed), until `clear()`.
 */
export interface ChaosFault {
  readonly kind: 'chaos';
  /** Probability a private order or fill event is silently dropped. */
  readonly loseEvents?: number;
  /** Probability a private event is delivered twice. */
  readonly duplicateEvents?: number;
  /** Probability a book delta is dropped (its sequence still advances: a gap). */
  readonly sequenceGap?: number;
}

/** Every fault of core's `VenueFault` contract, plus chaos. */
export type SimFault = VenueFault | ChaosFault;
export type SimFaultKind = SimFault['kind'];

export const FAULT_KINDS: readonly SimFaultKind[] = [
  'sequenceGap',
  'duplicateFrames',
  'crossedBook',
  'reorderFrames',
  'resetConnections',
  'refuseConnections',
  'clockSkew',
  'enforceRateLimits',
  'rateLimitWindow',
  'unavailableWindow',
  'delayResponses',
  'dropResponse',
  'malformedResponse',
  'malformedFrame',
  'loseEvents',
  'duplicateEvents',
  'errorCode',
  'timestampUnit',
  'chaos',
];

/** A fault as the venue holds it: when it started, until when, how many uses are left. */
export interface ActiveFault {
  readonly fault: SimFault;
  readonly since: number;
  readonly until?: number;
  readonly remaining?: number;
}
