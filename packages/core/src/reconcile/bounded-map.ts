/**
 * Evicts the oldest entries of an insertion-ordered map beyond `max`, skipping those `keep` holds
 * on to (so a tracker forgets settled state before live state).
 */
export function trimOldest<K, V>(map: Map<K, V>, max: number, keep?: (value: V) => boolean): void {
  if (map.size <= max) return;
  for (const [k, v] of map) {
    if (map.size <= max) break;
    if (keep?.(v) === true) continue;
    map.delete(k);
  }
}
