import { LadderSide } from './ladder-side.js';
import { APPLIED, type BookSide, type SideForm, type SideLevels } from './side.js';
import { SortedSide } from './sorted-side.js';
import { WideSide } from './wide-side.js';

export interface SideSpec {
  /** True for asks. */
  readonly negate: boolean;
  readonly maxLevels: number;
  readonly priceScale: number;
  readonly sizeScale: number;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An empty side in the fast form. */
export function emptySide(spec: SideSpec): BookSide {
  return new LadderSide(spec.negate, spec.priceScale, spec.sizeScale, spec.maxLevels);
}

/**
 * `levels` rebuilt exactly at the spec's (not smaller) scales, in `form` or the first later form
 * of ladder → sorted → wide that holds them. Rare: only when a value did not fit.
 */
export function rebuildSide(spec: SideSpec, levels: SideLevels, form: SideForm): BookSide {
  const pf = 10n ** BigInt(spec.priceScale - levels.priceScale);
  const sf = 10n ** BigInt(spec.sizeScale - levels.sizeScale);
  const keys = levels.keys.map((k) => k * pf);
  const sizes = levels.sizes.map((s) => s * sf);
  const fits = form !== 'wide' && keys.every((k) => k <= MAX_SAFE && k >= -MAX_SAFE) && sizes.every((s) => s <= MAX_SAFE);
  if (fits && form === 'ladder') {
    const ladder = new LadderSide(spec.negate, spec.priceScale, spec.sizeScale, spec.maxLevels);
    if (keys.every((k, i) => ladder.set(Number(k), Number(sizes[i])) === APPLIED)) return ladder;
  }
  if (fits) {
    const sorted = new SortedSide(spec.negate, spec.priceScale, spec.sizeScale, spec.maxLevels);
    keys.forEach((k, i) => sorted.set(Number(k), Number(sizes[i])));
    return sorted;
  }
  const wide = new WideSide(spec.negate, spec.priceScale, spec.sizeScale, spec.maxLevels);
  keys.forEach((k, i) => wide.set(k, sizes[i]!));
  return wide;
}
