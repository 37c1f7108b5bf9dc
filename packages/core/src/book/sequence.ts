/**
 * Sequence continuity, pluggable because venues number their book updates differently:
 * a consecutive update id (with a value that means "the venue restarted, this is a new
 * snapshot"), a previous/current pair, a first/last range, an increasing but gappy number, or
 * nothing at all (venues that only push whole snapshots).
 */

/** The sequence fields an update may carry; which ones matter depends on the rule. */
export interface SequencedUpdate {
  /** This update's sequence / update id (the last one it covers). */
  readonly seq?: number;
  /** The sequence of the update this one follows (linked rules). */
  readonly prevSeq?: number;
  /** The first sequence this update covers (range rules). */
  readonly firstSeq?: number;
}

/**
 * - `apply`: continues the book.
 * - `stale`: at or below what the book already holds (duplicate or late): ignore, book unchanged.
 * - `gap`: something was missed: the book cannot be trusted any more.
 * - `reset`: the venue says this update is a fresh snapshot: replace the book with it.
 */
export type SequenceVerdict = 'apply' | 'stale' | 'gap' | 'reset';

export interface SequenceRule {
  /** Shown in resync reasons. */
  readonly name: string;
  /** `applied` is the sequence of the state the book holds (undefined when it has none yet). */
  classify(applied: number | undefined, update: SequencedUpdate): SequenceVerdict;
}

export interface ConsecutiveSequenceOptions {
  /** An update id that means "the venue restarted and this update is a snapshot" (e.g. 1). */
  readonly resetAt?: number;
}

/** Each update's `seq` is exactly one more than the previous one. */
export function consecutiveSequence(options: ConsecutiveSequenceOptions = {}): SequenceRule {
  const resetAt = options.resetAt;
  return {
    name: 'consecutive',
    classify(applied, { seq }) {
      if (seq === undefined) return 'gap';
      if (seq === resetAt) return 'reset';
      if (applied === undefined || seq === applied + 1) return 'apply';
      return seq <= applied ? 'stale' : 'gap';
    },
  };
}

/** Each update names the one it follows (`prevSeq`); it applies when that is what the book holds. */
export function linkedSequence(): SequenceRule {
  return {
    name: 'linked',
    classify(applied, { seq, prevSeq }) {
      if (seq === undefined) return 'gap';
      if (applied === undefined) return 'apply';
      if (seq <= applied) return 'stale';
      return prevSeq === applied ? 'apply' : 'gap';
    },
  };
}

/**
 * Each update covers `firstSeq..seq`; it applies when the range reaches just past the book
 * (the usual rule after a REST snapshot whose id falls inside the first buffered update).
 */
export function rangeSequence(): SequenceRule {
  return {
    name: 'range',
    classify(applied, { seq, firstSeq }) {
      if (seq === undefined) return 'gap';
      if (applied === undefined) return 'apply';
      if (seq <= applied) return 'stale';
      return (firstSeq ?? seq) <= applied + 1 ? 'apply' : 'gap';
    },
  };
}

/** `seq` only increases but may skip: duplicates and late updates are caught, gaps cannot be. */
export function monotonicSequence(): SequenceRule {
  return {
    name: 'monotonic',
    classify(applied, { seq }) {
      if (seq === undefined || applied === undefined) return 'apply';
      return seq <= applied ? 'stale' : 'apply';
    },
  };
}

/** No sequence at all: every update applies (venues that push whole snapshots; watch the book's age instead). */
export const unsequenced: SequenceRule = Object.freeze({
  name: 'unsequenced',
  classify: (): SequenceVerdict => 'apply',
});
