/**
 * A FIFO on a growable ring: O(1) push/shift without the O(n) `Array.prototype.shift`, and its
 * storage shrinks back after a burst so a long-lived queue does not keep its peak size.
 */
export class Deque<T> {
  #items: Array<T | undefined> = new Array<T | undefined>(8);
  #head = 0;
  #size = 0;

  get length(): number {
    return this.#size;
  }

  push(item: T): void {
    if (this.#size === this.#items.length) this.#resize(this.#items.length * 2);
    this.#items[(this.#head + this.#size) % this.#items.length] = item;
    this.#size++;
  }

  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[this.#head];
  }

  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined; // let the item be collected
    this.#head = (this.#head + 1) % this.#items.length;
    this.#size--;
    if (this.#items.length > 64 && this.#size < this.#items.length / 4) this.#resize(this.#items.length / 2);
    return item;
  }

  /** Removes and returns every item, oldest first. */
  drain(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.#size; i++) out.push(this.#items[(this.#head + i) % this.#items.length] as T);
    this.clear();
    return out;
  }

  clear(): void {
    this.#items = new Array<T | undefined>(8);
    this.#head = 0;
    this.#size = 0;
  }

  /** Storage slots currently allocated (for leak tests). */
  get capacity(): number {
    return this.#items.length;
  }

  #resize(to: number): void {
    const next = new Array<T | undefined>(Math.max(8, to));
    for (let i = 0; i < this.#size; i++) next[i] = this.#items[(this.#head + i) % this.#items.length];
    this.#items = next;
    this.#head = 0;
  }
}
