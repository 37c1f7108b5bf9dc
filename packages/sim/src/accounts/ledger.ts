import { D0, Decimal } from '../util/decimal.js';

/** Venue-side holders. Account holders are `acct:<id>`. */
export const HOUSE = 'venue:house';
export const FEES = 'venue:fees';
export const INSURANCE = 'venue:insurance';
/** Where deposits come from: its balance is minus everything ever deposited. */
export const EXTERNAL = 'external';

export function accountHolder(accountId: string): string {
  return `acct:${accountId}`;
}

/**
 * Double-entry cash per coin. Every movement of money — deposit, fee, realized PnL, funding,
 * spot exchange, insurance payout — is one `transfer` from one holder to another, so for every
 * coin the balances of all holders sum to exactly zero. That is the conservation law the engine
 * keeps: Σ account wallets + house (the counterparty of every fill and funding payment) + fees
 * collected + insurance fund = Σ deposits, exactly, at every instant.
 */
export class Ledger {
  readonly #coins = new Map<string, Map<string, Decimal>>();

  get(coin: string, holder: string): Decimal {
    return this.#coins.get(coin)?.get(holder) ?? D0;
  }

  /** Moves `amount` (any sign) from `from` to `to`. */
  transfer(coin: string, from: string, to: string, amount: Decimal): void {
    if (amount.isZero() || from === to) return;
    let book = this.#coins.get(coin);
    if (book === undefined) {
      book = new Map();
      this.#coins.set(coin, book);
    }
    book.set(from, (book.get(from) ?? D0).minus(amount));
    book.set(to, (book.get(to) ?? D0).plus(amount));
  }

  /** Lists a holder under a coin (zero balance) without moving anything. */
  open(coin: string, holder: string): void {
    let book = this.#coins.get(coin);
    if (book === undefined) {
      book = new Map();
      this.#coins.set(coin, book);
    }
    if (!book.has(holder)) book.set(holder, D0);
  }

  coins(): string[] {
    return [...this.#coins.keys()];
  }

  holders(coin: string): ReadonlyMap<string, Decimal> {
    return this.#coins.get(coin) ?? new Map();
  }

  /** Σ over every holder of `coin`: zero unless money was created or destroyed. */
  sum(coin: string): Decimal {
    let s = D0;
    for (const v of this.holders(coin).values()) s = s.plus(v);
    return s;
  }

  toJSON(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const [coin, book] of this.#coins) {
      const row: Record<string, string> = {};
      for (const [holder, v] of book) row[holder] = v.toFixed();
      out[coin] = row;
    }
    return out;
  }

  /** Replaces every balance (restoring a snapshot). */
  load(json: Readonly<Record<string, Readonly<Record<string, string>>>>): void {
    this.#coins.clear();
    for (const [coin, row] of Object.entries(json)) {
      const book = new Map<string, Decimal>();
      for (const [holder, v] of Object.entries(row)) book.set(holder, new Decimal(v));
      this.#coins.set(coin, book);
    }
  }
}
