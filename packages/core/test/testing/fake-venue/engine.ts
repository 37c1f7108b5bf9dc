/**
 * The fake venue's state: instruments, books (venue liquidity + account orders, price-time
 * priority), a tape, 1m candles, accounts with margin, positions and fees. Exchange-neutral and
 * wire-free: the server in front of it speaks the fake wire format.
 */
import { Decimal, type DecimalValue } from '../../../src/decimal.js';
import { TIMEFRAME_MS, type Timeframe } from '../../../src/models/enums.js';
import type { VenueBook, VenueCandle, VenueFill, VenueInstrument, VenueOrder, VenueTrade } from '../../../src/testing/venue-control.js';

export const D = (v: DecimalValue): Decimal => new Decimal(v);
const ZERO = D(0);

export interface Entry {
  /** `venue` for seeded liquidity, else the account order id. */
  readonly owner: string;
  size: Decimal;
}

export interface Level {
  readonly price: Decimal;
  entries: Entry[];
}

export type BookSide = 'bid' | 'ask';

export class Book {
  readonly bids: Level[] = [];
  readonly asks: Level[] = [];

  side(s: BookSide): Level[] {
    return s === 'bid' ? this.bids : this.asks;
  }

  level(s: BookSide, price: Decimal, create: boolean): Level | undefined {
    const levels = this.side(s);
    let i = levels.findIndex((l) => l.price.eq(price));
    if (i >= 0) return levels[i];
    if (!create) return undefined;
    const level: Level = { price, entries: [] };
    i = levels.findIndex((l) => (s === 'bid' ? l.price.lt(price) : l.price.gt(price)));
    levels.splice(i < 0 ? levels.length : i, 0, level);
    return level;
  }

  prune(s: BookSide): void {
    const levels = this.side(s);
    for (let i = levels.length - 1; i >= 0; i--) {
      const l = levels[i]!;
      l.entries = l.entries.filter((e) => e.size.gt(0));
      if (l.entries.length === 0) levels.splice(i, 1);
    }
  }

  total(l: Level): Decimal {
    return l.entries.reduce((a, e) => a.plus(e.size), ZERO);
  }

  /** Sets the venue's own liquidity at a price (0 removes it). */
  setVenue(s: BookSide, price: Decimal, size: Decimal): void {
    const l = this.level(s, price, size.gt(0));
    if (!l) return;
    const e = l.entries.find((x) => x.owner === 'venue');
    if (e) e.size = size;
    else if (size.gt(0)) l.entries.unshift({ owner: 'venue', size });
    this.prune(s);
  }

  clearVenue(): void {
    for (const s of ['bid', 'ask'] as const) {
      for (const l of this.side(s)) l.entries = l.entries.filter((e) => e.owner !== 'venue');
      this.prune(s);
    }
  }

  top(s: BookSide): { price: Decimal; size: Decimal } | undefined {
    const l = this.side(s)[0];
    return l ? { price: l.price, size: this.total(l) } : undefined;
  }

  snapshot(depth: number): VenueBook {
    const side = (s: BookSide): Array<readonly [string, string]> => this.side(s).slice(0, depth).map((l) => [l.price.toFixed(), this.total(l).toFixed()] as const);
    return { bids: side('bid'), asks: side('ask') };
  }
}

export interface Instrument extends VenueInstrument {
  status: 'trading' | 'halted';
}

export interface Order {
  readonly id: string;
  readonly accountId: string;
  readonly clientOrderId?: string;
  readonly nativeId: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'limit' | 'market';
  readonly tif: 'gtc' | 'ioc' | 'fok' | 'post_only';
  price?: Decimal;
  amount: Decimal;
  filled: Decimal;
  cost: Decimal;
  fee: Decimal;
  status: VenueOrder['status'];
  readonly reduceOnly: boolean;
  readonly createdAt: number;
  updatedAt: number;
  readonly triggerPrice?: Decimal;
  readonly triggerRef?: 'last' | 'mark';
  readonly triggerDir?: 'up' | 'down';
}

export interface Position {
  size: Decimal;
  entry: Decimal;
  realized: Decimal;
}

export interface Account {
  readonly id: string;
  readonly wallet: Map<string, Decimal>;
  readonly orders: Map<string, Order>;
  readonly fills: VenueFill[];
  readonly positions: Map<string, Position>;
  readonly leverage: Map<string, Decimal>;
}

export class EngineError extends Error {
  constructor(
    readonly reason: 'invalidOrder' | 'insufficientFunds' | 'orderNotFound' | 'badSymbol' | 'halted' | 'postOnly' | 'reduceOnly' | 'duplicate',
    message: string,
  ) {
    super(message);
  }
}

/** What the server publishes: the engine reports every state change here. */
export interface EngineEvents {
  book(nativeId: string, changes: ReadonlyArray<{ side: BookSide; price: string; size: string }>, snapshot: boolean): void;
  trade(nativeId: string, trade: VenueTrade): void;
  ticker(nativeId: string): void;
  order(accountId: string, order: Order): void;
  fill(accountId: string, fill: VenueFill): void;
}

interface Candle1m {
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
}

export const DEFAULT_LEVERAGE = D(10);

export class Engine {
  readonly instruments = new Map<string, Instrument>();
  readonly books = new Map<string, Book>();
  readonly tapes = new Map<string, VenueTrade[]>();
  readonly candles = new Map<string, Map<number, Candle1m>>();
  readonly prices = new Map<string, { last?: Decimal; mark?: Decimal }>();
  readonly accounts = new Map<string, Account>();
  clockOffset = 0;
  #ids = 0;
  #matching = false;
  readonly #triggerLater = new Set<string>();

  constructor(readonly events: EngineEvents) {}

  now(): number {
    return Date.now() + this.clockOffset;
  }

  nextId(prefix: string): string {
    return `${prefix}${(++this.#ids).toString().padStart(8, '0')}`;
  }

  instrument(nativeId: string): Instrument {
    const i = this.instruments.get(nativeId);
    if (!i) throw new EngineError('badSymbol', `unknown instrument ${nativeId}`);
    return i;
  }

  addInstrument(i: VenueInstrument, key = i.nativeId): void {
    this.instruments.set(key, { ...i, status: i.status ?? 'trading' });
    this.books.set(key, new Book());
    this.tapes.set(key, []);
    this.candles.set(key, new Map());
    this.prices.set(key, {});
  }

  book(key: string): Book {
    const b = this.books.get(key);
    if (!b) throw new EngineError('badSymbol', `unknown instrument ${key}`);
    return b;
  }

  account(id: string): Account {
    let a = this.accounts.get(id);
    if (!a) {
      a = { id, wallet: new Map(), orders: new Map(), fills: [], positions: new Map(), leverage: new Map() };
      this.accounts.set(id, a);
    }
    return a;
  }

  // ---- market data -------------------------------------------------------------------------

  /** Publishes the aggregate size of each touched level (as the venue's delta frames do). */
  #publishLevels(key: string, touched: ReadonlyArray<{ side: BookSide; price: Decimal; text?: string }>): void {
    const book = this.book(key);
    const changes = touched.map((t) => {
      const l = book.level(t.side, t.price, false);
      return { side: t.side, price: t.text ?? t.price.toFixed(), size: l ? book.total(l).toFixed() : '0' };
    });
    if (changes.length > 0) this.events.book(key, changes, false);
    this.events.ticker(key);
  }

  seedBook(key: string, bids: ReadonlyArray<readonly [string, string]>, asks: ReadonlyArray<readonly [string, string]>): void {
    const book = this.book(key);
    book.clearVenue();
    for (const [p, s] of bids) book.setVenue('bid', D(p), D(s));
    for (const [p, s] of asks) book.setVenue('ask', D(p), D(s));
    this.events.book(key, [], true);
    this.events.ticker(key);
  }

  changeBook(key: string, changes: ReadonlyArray<{ side: BookSide; price: string; size: string }>): void {
    const book = this.book(key);
    for (const c of changes) book.setVenue(c.side, D(c.price), D(c.size));
    // Published as written, even for an absent level (the kit checks adapters cope).
    this.events.book(key, changes.map((c) => {
      const l = book.level(c.side, D(c.price), false);
      return { side: c.side, price: c.price, size: l ? book.total(l).toFixed() : '0' };
    }), false);
    this.events.ticker(key);
  }

  print(key: string, price: Decimal, size: Decimal, side: 'buy' | 'sell'): VenueTrade {
    const t: VenueTrade = { id: this.nextId('T'), price: price.toFixed(), size: size.toFixed(), side, timestamp: this.now() };
    this.tapes.get(key)!.push(t);
    this.prices.get(key)!.last = price;
    const open = Math.floor(t.timestamp / 60_000) * 60_000;
    const candles = this.candles.get(key)!;
    const c = candles.get(open);
    if (c) {
      c.high = Decimal.max(c.high, price);
      c.low = Decimal.min(c.low, price);
      c.close = price;
      c.volume = c.volume.plus(size);
    } else candles.set(open, { open: price, high: price, low: price, close: price, volume: size });
    this.events.trade(key, t);
    this.events.ticker(key);
    // Triggers fire once the current match is done, never inside it.
    if (this.#matching) this.#triggerLater.add(key);
    else this.checkTriggers(key);
    return t;
  }

  /** Synthetic 1m history so candle cases have pages to read. */
  seedHistory(key: string, minutes: number, around: Decimal): void {
    const candles = this.candles.get(key)!;
    const now = Math.floor(this.now() / 60_000) * 60_000;
    let price = around;
    for (let i = minutes; i >= 1; i--) {
      const open = price;
      const drift = around.mul(((i * 7919) % 13) - 6).div(1000);
      const close = Decimal.max(around.div(2), open.plus(drift));
      candles.set(now - i * 60_000, { open, high: Decimal.max(open, close).plus(around.div(200)), low: Decimal.min(open, close).minus(around.div(200)), close, volume: D((i % 17) + 1) });
      price = close;
    }
  }

  candleRange(key: string, tf: Timeframe, since: number, until: number): VenueCandle[] {
    const tfMs = TIMEFRAME_MS[tf];
    const buckets = new Map<number, Candle1m>();
    const minutes = [...(this.candles.get(key)?.entries() ?? [])].sort(([a], [b]) => a - b);
    for (const [t, c] of minutes) {
      const open = Math.floor(t / tfMs) * tfMs;
      const b = buckets.get(open);
      if (!b) buckets.set(open, { ...c });
      else {
        b.high = Decimal.max(b.high, c.high);
        b.low = Decimal.min(b.low, c.low);
        b.close = c.close;
        b.volume = b.volume.plus(c.volume);
      }
    }
    return [...buckets.entries()]
      .filter(([t]) => t >= since && t < until)
      .sort(([a], [b]) => a - b)
      .map(([openTime, c]) => ({ openTime, open: c.open.toFixed(), high: c.high.toFixed(), low: c.low.toFixed(), close: c.close.toFixed(), volume: c.volume.toFixed() }));
  }

  /** 24 h statistics from the tape, widened to include the last price. */
  stats(key: string): { high?: Decimal; low?: Decimal; base: Decimal; quote: Decimal } {
    const since = this.now() - 86_400_000;
    const trades = (this.tapes.get(key) ?? []).filter((t) => t.timestamp >= since);
    let high: Decimal | undefined;
    let low: Decimal | undefined;
    let base = ZERO;
    let quote = ZERO;
    for (const t of trades) {
      const p = D(t.price);
      high = high ? Decimal.max(high, p) : p;
      low = low ? Decimal.min(low, p) : p;
      base = base.plus(t.size);
      quote = quote.plus(p.mul(t.size));
    }
    const last = this.prices.get(key)?.last;
    if (last) {
      high = high ? Decimal.max(high, last) : last;
      low = low ? Decimal.min(low, last) : last;
    }
    return { ...(high && { high }), ...(low && { low }), base, quote };
  }

  // ---- accounts ----------------------------------------------------------------------------

  leverage(a: Account, key: string): Decimal {
    return a.leverage.get(key) ?? DEFAULT_LEVERAGE;
  }

  settleOf(key: string): string {
    const i = this.instrument(key);
    return i.settle ?? i.quote;
  }

  /** Margin held in `currency`: open orders (not reduce-only) and positions, each over its leverage. */
  used(a: Account, currency: string): Decimal {
    let used = ZERO;
    for (const o of a.orders.values()) {
      if ((o.status === 'open') && !o.reduceOnly && o.price && this.settleOf(this.keyOf(o.nativeId)) === currency) {
        used = used.plus(o.price.mul(o.amount.minus(o.filled)).div(this.leverage(a, this.keyOf(o.nativeId))));
      }
    }
    for (const [key, p] of a.positions) {
      if (!p.size.isZero() && this.settleOf(key) === currency) used = used.plus(p.size.abs().mul(p.entry).div(this.leverage(a, key)));
    }
    return used;
  }

  /** Native id back to the instrument key (keys are `type:id` only when ambiguous). */
  keyOf(nativeId: string): string {
    if (this.instruments.has(nativeId)) return nativeId;
    const k = [...this.instruments.keys()].find((x) => x.endsWith(`:${nativeId}`) && x.startsWith('swap:'));
    return k ?? nativeId;
  }

  balances(a: Account): Record<string, { total: string; free: string; used: string }> {
    const out: Record<string, { total: string; free: string; used: string }> = {};
    for (const [cur, total] of a.wallet) {
      const used = this.used(a, cur);
      out[cur] = { total: total.toFixed(), free: total.minus(used).toFixed(), used: used.toFixed() };
    }
    return out;
  }

  #credit(a: Account, currency: string, amount: Decimal): void {
    a.wallet.set(currency, (a.wallet.get(currency) ?? ZERO).plus(amount));
  }

  // ---- orders ------------------------------------------------------------------------------

  place(
    a: Account,
    key: string,
    r: {
      side: 'buy' | 'sell';
      type: 'limit' | 'market';
      tif: Order['tif'];
      price?: Decimal;
      amount: Decimal;
      reduceOnly: boolean;
      clientOrderId?: string;
      triggerPrice?: Decimal;
      triggerRef?: 'last' | 'mark';
      triggerDir?: 'up' | 'down';
    },
  ): Order {
    const inst = this.instrument(key);
    if (inst.status !== 'trading') throw new EngineError('halted', `${key} is not trading`);
    if (!r.amount.gt(0) || (r.type === 'limit' && !(r.price && r.price.gt(0)))) throw new EngineError('invalidOrder', 'price and amount must be positive');
    if (r.amount.lt(inst.minQty) || !r.amount.mod(inst.stepSize).isZero()) throw new EngineError('invalidOrder', `amount ${r.amount.toFixed()} breaks the lot rules`);
    if (r.price && !r.price.mod(inst.tickSize).isZero()) throw new EngineError('invalidOrder', `price ${r.price.toFixed()} is off the tick`);
    if (inst.minNotional && r.price && r.price.mul(r.amount).lt(inst.minNotional)) throw new EngineError('invalidOrder', 'below min notional');
    if (r.clientOrderId && [...a.orders.values()].some((o) => o.clientOrderId === r.clientOrderId && (o.status === 'open' || o.status === 'untriggered'))) {
      throw new EngineError('duplicate', `duplicate clientOrderId ${r.clientOrderId}`);
    }
    if (r.triggerPrice) {
      if (!r.triggerPrice.gt(0) || !r.triggerPrice.mod(inst.tickSize).isZero()) throw new EngineError('invalidOrder', 'trigger price off the tick');
      const ref = this.prices.get(key)?.[r.triggerRef ?? 'last'] ?? ZERO;
      const o: Order = { ...this.#newOrder(a, key, r, 'untriggered'), triggerPrice: r.triggerPrice, triggerRef: r.triggerRef ?? 'last', triggerDir: r.triggerDir ?? (r.triggerPrice.gt(ref) ? 'up' : 'down') };
      a.orders.set(o.id, o);
      this.events.order(a.id, o);
      return o;
    }
    return this.#activate(a, key, r);
  }

  /** Sends an order (new, or a conditional one just triggered) to the book. */
  #activate(a: Account, key: string, r: Parameters<Engine['place']>[2], existing?: Order): Order {
    const pos = a.positions.get(key)?.size ?? ZERO;
    if (r.reduceOnly && (pos.isZero() || (r.side === 'sell' ? pos.isNegative() : pos.isPositive()))) throw new EngineError('reduceOnly', 'reduce-only order would not reduce a position');
    const book = this.book(key);
    const opposite: BookSide = r.side === 'buy' ? 'ask' : 'bid';
    const crosses = (p: Decimal): boolean => (r.side === 'buy' ? p.lte(r.price ?? p) : p.gte(r.price ?? p));
    const best = book.top(opposite);
    if (r.tif === 'post_only' && best && crosses(best.price)) throw new EngineError('postOnly', 'post-only order would take liquidity');
    if (!r.reduceOnly) {
      const refPrice = r.price ?? best?.price ?? this.prices.get(key)?.mark ?? ZERO;
      const need = refPrice.mul(r.amount).div(this.leverage(a, key));
      const cur = this.settleOf(key);
      const free = (a.wallet.get(cur) ?? ZERO).minus(this.used(a, cur));
      if (need.gt(free)) throw new EngineError('insufficientFunds', `needs ${need.toFixed()} ${cur}, free ${free.toFixed()}`);
    }
    if (r.tif === 'fok') {
      let available = ZERO;
      for (const l of book.side(opposite)) if (crosses(l.price)) available = available.plus(book.total(l));
      if (available.lt(r.amount)) {
        const o = this.#newOrder(a, key, r, 'canceled');
        a.orders.set(o.id, o);
        this.events.order(a.id, o);
        return o;
      }
    }
    const o = existing ?? this.#newOrder(a, key, r, 'open');
    o.status = 'open';
    o.updatedAt = this.now();
    a.orders.set(o.id, o);
    this.events.order(a.id, o);
    let limit = r.amount;
    if (r.reduceOnly) limit = Decimal.min(limit, pos.abs());
    this.#match(key, { side: r.side, limitPrice: r.price, size: limit, taker: o, takerAccount: a });
    if (o.status === 'open') {
      if (r.type === 'market' || r.tif === 'ioc' || r.tif === 'fok' || r.reduceOnly && o.filled.gte(limit) && o.filled.lt(o.amount)) {
        o.status = o.filled.eq(o.amount) ? 'filled' : 'canceled';
        o.updatedAt = this.now();
        this.events.order(a.id, o);
      } else {
        book.level(r.side === 'buy' ? 'bid' : 'ask', o.price!, true)!.entries.push({ owner: o.id, size: o.amount.minus(o.filled) });
        this.#publishLevels(key, [{ side: r.side === 'buy' ? 'bid' : 'ask', price: o.price! }]);
      }
    }
    return o;
  }

  #newOrder(a: Account, key: string, r: Parameters<Engine['place']>[2], status: Order['status']): Order {
    const now = this.now();
    return {
      id: this.nextId('O'),
      accountId: a.id,
      ...(r.clientOrderId !== undefined && { clientOrderId: r.clientOrderId }),
      nativeId: this.instrument(key).nativeId,
      side: r.side,
      type: r.type,
      tif: r.tif,
      ...(r.price !== undefined && { price: r.price }),
      amount: r.amount,
      filled: ZERO,
      cost: ZERO,
      fee: ZERO,
      status,
      reduceOnly: r.reduceOnly,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Takes liquidity for a taker (an account order, or an external participant when `taker` is absent). */
  #match(key: string, t: { side: 'buy' | 'sell'; limitPrice?: Decimal; size: Decimal; taker?: Order; takerAccount?: Account }): Array<{ price: string; size: string }> {
    const outer = !this.#matching;
    this.#matching = true;
    try {
      return this.#take(key, t);
    } finally {
      if (outer) {
        this.#matching = false;
        const keys = [...this.#triggerLater];
        this.#triggerLater.clear();
        for (const k of keys) this.checkTriggers(k);
      }
    }
  }

  #take(key: string, t: { side: 'buy' | 'sell'; limitPrice?: Decimal; size: Decimal; taker?: Order; takerAccount?: Account }): Array<{ price: string; size: string }> {
    const book = this.book(key);
    const opposite: BookSide = t.side === 'buy' ? 'ask' : 'bid';
    const levels = book.side(opposite);
    let left = t.size;
    const executions: Array<{ price: string; size: string }> = [];
    const touched: Array<{ side: BookSide; price: Decimal }> = [];
    while (left.gt(0) && levels.length > 0) {
      const level = levels[0]!;
      if (t.limitPrice && (t.side === 'buy' ? level.price.gt(t.limitPrice) : level.price.lt(t.limitPrice))) break;
      for (const e of level.entries) {
        if (left.isZero()) break;
        if (t.taker && e.owner === t.taker.id) continue;
        const size = Decimal.min(left, e.size);
        e.size = e.size.minus(size);
        left = left.minus(size);
        executions.push({ price: level.price.toFixed(), size: size.toFixed() });
        if (e.owner !== 'venue') this.#execute(key, e.owner, level.price, size, 'maker');
        if (t.taker && t.takerAccount) this.#execute(key, t.taker.id, level.price, size, 'taker', t.takerAccount);
        this.print(key, level.price, size, t.side);
      }
      touched.push({ side: opposite, price: level.price });
      book.prune(opposite);
      if (levels[0] === level) break; // only own liquidity left at this level
    }
    this.#publishLevels(key, touched);
    return executions;
  }

  /** Triggers conditional orders whose reference price crossed their trigger. */
  checkTriggers(key: string): void {
    const prices = this.prices.get(key) ?? {};
    const nativeId = this.instrument(key).nativeId;
    for (const a of this.accounts.values()) {
      for (const o of [...a.orders.values()]) {
        if (o.status !== 'untriggered' || o.nativeId !== nativeId || !o.triggerPrice) continue;
        const ref = prices[o.triggerRef ?? 'last'];
        if (!ref || !(o.triggerDir === 'up' ? ref.gte(o.triggerPrice) : ref.lte(o.triggerPrice))) continue;
        try {
          this.#activate(a, key, { side: o.side, type: o.type, tif: o.tif, ...(o.price && { price: o.price }), amount: o.amount, reduceOnly: o.reduceOnly }, o);
        } catch {
          o.status = 'rejected';
          o.updatedAt = this.now();
          this.events.order(a.id, o);
        }
      }
    }
  }

  crossBook(key: string, side: 'buy' | 'sell', size: Decimal, limitPrice?: Decimal): Array<{ price: string; size: string }> {
    return this.#match(key, { side, size, ...(limitPrice && { limitPrice }) });
  }

  #findOrder(orderId: string, account?: Account): { a: Account; o: Order } | undefined {
    for (const a of account ? [account] : this.accounts.values()) {
      const o = a.orders.get(orderId);
      if (o) return { a, o };
    }
    return undefined;
  }

  #execute(key: string, orderId: string, price: Decimal, size: Decimal, liquidity: 'maker' | 'taker', account?: Account): void {
    const found = this.#findOrder(orderId, account);
    if (!found) return;
    const { a, o } = found;
    const inst = this.instrument(key);
    const cost = price.mul(size);
    const fee = cost.mul(liquidity === 'maker' ? inst.makerFee : inst.takerFee);
    o.filled = o.filled.plus(size);
    o.cost = o.cost.plus(cost);
    o.fee = o.fee.plus(fee);
    o.updatedAt = this.now();
    if (o.filled.eq(o.amount)) o.status = 'filled';
    const cur = this.settleOf(key);
    this.#credit(a, cur, fee.neg());
    this.#applyPosition(a, key, o.side === 'buy' ? size : size.neg(), price);
    const fill: VenueFill = {
      id: this.nextId('F'),
      orderId: o.id,
      nativeId: inst.nativeId,
      side: o.side,
      price: price.toFixed(),
      size: size.toFixed(),
      fee: fee.toFixed(),
      feeCurrency: cur,
      liquidity,
      timestamp: this.now(),
    };
    a.fills.push(fill);
    this.events.fill(a.id, fill);
    this.events.order(a.id, o);
  }

  #applyPosition(a: Account, key: string, delta: Decimal, price: Decimal): void {
    const p = a.positions.get(key) ?? { size: ZERO, entry: ZERO, realized: ZERO };
    const cur = this.settleOf(key);
    if (p.size.isZero() || p.size.isPositive() === delta.isPositive()) {
      const size = p.size.plus(delta);
      p.entry = p.size.isZero() ? price : p.entry.mul(p.size.abs()).plus(price.mul(delta.abs())).div(size.abs());
      p.size = size;
    } else {
      const closing = Decimal.min(p.size.abs(), delta.abs());
      const pnl = price.minus(p.entry).mul(closing).mul(p.size.isPositive() ? 1 : -1);
      p.realized = p.realized.plus(pnl);
      this.#credit(a, cur, pnl);
      const rest = delta.abs().minus(closing);
      p.size = p.size.plus(delta.isPositive() ? closing : closing.neg());
      if (rest.gt(0)) {
        p.size = delta.isPositive() ? rest : rest.neg();
        p.entry = price;
      } else if (p.size.isZero()) p.entry = ZERO;
    }
    a.positions.set(key, p);
  }

  cancel(a: Account, key: string, ref: { id?: string; clientOrderId?: string }): Order {
    const o = this.find(a, key, ref);
    if (o.status !== 'open' && o.status !== 'untriggered') throw new EngineError('orderNotFound', `order ${o.id} is not open`);
    if (o.status === 'open') this.#removeResting(key, o);
    o.status = 'canceled';
    o.updatedAt = this.now();
    this.events.order(a.id, o);
    return o;
  }

  #removeResting(key: string, o: Order): void {
    const s: BookSide = o.side === 'buy' ? 'bid' : 'ask';
    const book = this.book(key);
    const l = o.price && book.level(s, o.price, false);
    if (l) {
      l.entries = l.entries.filter((e) => e.owner !== o.id);
      book.prune(s);
      this.#publishLevels(key, [{ side: s, price: o.price! }]);
    }
  }

  amend(a: Account, key: string, ref: { id?: string; clientOrderId?: string }, change: { price?: Decimal; amount?: Decimal }): Order {
    const o = this.find(a, key, ref);
    if (o.status !== 'open') throw new EngineError('orderNotFound', `order ${o.id} is not open`);
    if (change.amount && change.amount.lte(o.filled)) throw new EngineError('invalidOrder', 'amount at or below filled');
    this.#removeResting(key, o);
    if (change.price) o.price = change.price;
    if (change.amount) o.amount = change.amount;
    o.updatedAt = this.now();
    const s: BookSide = o.side === 'buy' ? 'bid' : 'ask';
    this.book(key).level(s, o.price!, true)!.entries.push({ owner: o.id, size: o.amount.minus(o.filled) });
    this.#publishLevels(key, [{ side: s, price: o.price! }]);
    this.events.order(a.id, o);
    return o;
  }

  find(a: Account, key: string, ref: { id?: string; clientOrderId?: string }): Order {
    const nativeId = this.instrument(key).nativeId;
    const o = [...a.orders.values()].reverse().find((x) => x.nativeId === nativeId && (ref.id ? x.id === ref.id : x.clientOrderId === ref.clientOrderId));
    if (!o) throw new EngineError('orderNotFound', 'order not found');
    return o;
  }

  toVenueOrder(o: Order): VenueOrder {
    return {
      id: o.id,
      ...(o.clientOrderId !== undefined && { clientOrderId: o.clientOrderId }),
      nativeId: o.nativeId,
      side: o.side,
      type: o.type,
      status: o.status,
      ...(o.price && { price: o.price.toFixed() }),
      amount: o.amount.toFixed(),
      filled: o.filled.toFixed(),
      reduceOnly: o.reduceOnly,
      postOnly: o.tif === 'post_only',
      ...(o.triggerPrice && { triggerPrice: o.triggerPrice.toFixed() }),
    };
  }
}
