import type { ResyncEvent } from '../exchange/lifecycle.js';
import type { SequencedUpdate } from './sequence.js';

/** One level as it comes off the wire: `[price, size]` decimal strings; size `"0"` deletes. */
export type BookLevelInput = readonly [price: string, size: string];

/** A full book: replaces whatever the local book held. */
export interface BookSnapshotInput {
  readonly bids: readonly BookLevelInput[];
  readonly asks: readonly BookLevelInput[];
  readonly seq?: number;
  /** Venue time of this state, epoch ms (the local clock is used when absent). */
  readonly timestamp?: number;
  /** The venue's checksum of this state, checked when the book has a checksum hook. */
  readonly checksum?: number | string;
}

/** Changed levels only; either side may be absent. */
export interface BookDeltaInput extends SequencedUpdate {
  readonly bids?: readonly BookLevelInput[];
  readonly asks?: readonly BookLevelInput[];
  readonly timestamp?: number;
  readonly checksum?: number | string;
}

/**
 * - `applied`: the book changed and is valid: it may be emitted.
 * - `stale`: at or below the applied sequence: ignored, book unchanged, no resync.
 * - `desynced`: this update revealed a gap, a crossed book, a checksum mismatch or a bad level:
 *   the book is now invalid and a resync was signalled.
 * - `awaiting-snapshot`: the book is empty or invalid; deltas are dropped until a snapshot arrives.
 */
export type BookUpdateStatus = 'applied' | 'stale' | 'desynced' | 'awaiting-snapshot';

/** Why a book was invalidated. `manual`: the adapter called `invalidate` (e.g. the socket dropped). */
export type DesyncKind = 'gap' | 'crossed' | 'checksum' | 'invalid-level' | 'manual';

/** The resync signal: a core `ResyncEvent` (adapters can forward it to `exchange.events`) plus the kind. */
export interface BookResyncEvent extends ResyncEvent {
  readonly kind: DesyncKind;
}

/** Canonical plain strings of one level (`100.10` is written `100.1`), as handed to checksum hooks. */
export type BookLevelText = readonly [price: string, size: string];

/** An exchange-supplied checksum over the top levels. */
export interface BookChecksum {
  /** Levels per side handed to `verify`. */
  readonly levels: number;
  /** True when `expected` (from the venue) matches these top levels, best first. */
  verify(top: { readonly bids: readonly BookLevelText[]; readonly asks: readonly BookLevelText[] }, expected: number | string): boolean;
}
