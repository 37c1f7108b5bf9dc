/**
 * Deterministic pseudo-random numbers: xoshiro128** on four uint32 words, seeded from a string
 * label through cyrb128. Only integer and basic IEEE arithmetic, so a seed gives the same stream
 * on every platform; the state is four numbers, so it snapshots and restores exactly.
 */
export type PrngState = readonly [number, number, number, number];

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  private constructor(state: PrngState) {
    [this.#a, this.#b, this.#c, this.#d] = state;
    // xoshiro must not start from all zeros.
    if ((this.#a | this.#b | this.#c | this.#d) === 0) this.#a = 1;
  }

  /** A stream for `seed` and `label` (independent streams per label: adding a market never shifts another's). */
  static from(seed: string | number, label: string): Prng {
    return new Prng(cyrb128(`${String(seed)}\u0000${label}`));
  }

  static restore(state: PrngState): Prng {
    return new Prng(state);
  }

  state(): PrngState {
    return [this.#a, this.#b, this.#c, this.#d];
  }

  /** Next uint32. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#b, 5), 7), 9) >>> 0;
    const t = this.#b << 9;
    this.#c ^= this.#a;
    this.#d ^= this.#b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Approximately standard normal (Irwin–Hall of 4 uniforms, rescaled): no transcendental functions. */
  normal(): number {
    const sum = this.next() + this.next() + this.next() + this.next();
    return (sum - 2) * SQRT3;
  }

  /** `length` characters from `alphabet`. */
  text(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.nextUint32() % alphabet.length];
    return out;
  }
}

const SQRT3 = Math.sqrt(3);

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
