export { LocalOrderBook, type BookState, type LocalOrderBookOptions } from './local-order-book.js';
export type { SideForm } from './side.js';
export {
  consecutiveSequence,
  linkedSequence,
  monotonicSequence,
  rangeSequence,
  unsequenced,
  type ConsecutiveSequenceOptions,
  type SequenceRule,
  type SequenceVerdict,
  type SequencedUpdate,
} from './sequence.js';
export type {
  BookChecksum,
  BookDeltaInput,
  BookLevelInput,
  BookLevelText,
  BookResyncEvent,
  BookSnapshotInput,
  BookUpdateStatus,
  DesyncKind,
} from './types.js';
