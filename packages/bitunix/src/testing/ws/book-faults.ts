/**
 * Book faults as a snapshot feed can suffer them. Bitunix depth channels push whole windows with no sequence number
 * (bitunix.md §6), so the engine's delta faults (a dropped, repeated or crossing delta) never reach the wire; what
 * a client of this venue can meet instead — and must survive — is:
 * - `sequenceGap` → the feed of that symbol **stalls** on the sockets carrying it (no more depth pushes) until the
 *   client subscribes again: continuity is lost with nothing on the wire to say so, only the book's age;
 * - `duplicateFrames` → on the next book change the previous window is re-sent (its old `ts`), then the current one
 *   twice;
 * - `crossedBook` → the next window pushed carries a bid at the best ask price (a corrupt frame).
 */
export class BookFaults {
  /** Stalled `ch|SYMBOL` keys per socket. */
  readonly #stalled = new Map<object, Set<string>>();
  readonly #duplicate = new Set<string>();
  readonly #crossed = new Set<string>();

  /** Stalls every depth topic of `nativeId` on the given sockets (their current topics). */
  stall(nativeId: string, sockets: Iterable<{ readonly conn: object; readonly topics: Iterable<string> }>): void {
    for (const { conn, topics } of sockets) {
      const keys = [...topics].filter((k) => k.startsWith('depth_') && k.endsWith(`|${nativeId}`));
      if (keys.length === 0) continue;
      const set = this.#stalled.get(conn) ?? new Set<string>();
      for (const k of keys) set.add(k);
      this.#stalled.set(conn, set);
    }
  }

  duplicateNext(nativeId: string): void {
    this.#duplicate.add(nativeId);
  }

  crossNext(nativeId: string): void {
    this.#crossed.add(nativeId);
  }

  isStalled(conn: object, key: string): boolean {
    return this.#stalled.get(conn)?.has(key) ?? false;
  }

  /** A fresh subscribe restarts the feed of those topics on that socket. */
  resubscribed(conn: object, keys: readonly string[]): void {
    const set = this.#stalled.get(conn);
    if (set === undefined) return;
    for (const k of keys) set.delete(k);
    if (set.size === 0) this.#stalled.delete(conn);
  }

  forget(conn: object): void {
    this.#stalled.delete(conn);
  }

  takeDuplicate(nativeId: string): boolean {
    return this.#duplicate.delete(nativeId);
  }

  takeCrossed(nativeId: string): boolean {
    return this.#crossed.delete(nativeId);
  }

  clear(): void {
    this.#stalled.clear();
    this.#duplicate.clear();
    this.#crossed.clear();
  }
}
