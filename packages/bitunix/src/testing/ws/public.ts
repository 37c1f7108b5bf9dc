/**
 * The public socket's channels, fed from the engine's public events (bitunix.md §6): `depth_book1/5/15` (and
 * `depth_books`) as whole windows on every book change and on a ~300 ms timer, `trade` (array of `{t,p,v,s}`),
 * `ticker`, `tickers` (array with best bid/ask), `price` (index/mark/funding in percent) and
 * `market_kline_<iv>` (the running candle, no start time).
 */
import type { Timeframe } from '@exkit/core';
import type { PublicEvent, SimCandle, SimVenue } from '@exkit/sim';
import { percent } from '../format.js';
import { BookFaults } from './book-faults.js';
import type { Connection } from './connection.js';

export const WS_INTERVAL: Readonly<Partial<Record<Timeframe, string>>> = {
  '1m': '1min',
  '3m': '3min',
  '5m': '5min',
  '15m': '15min',
  '30m': '30min',
  '1h': '60min',
  '2h': '2h',
  '4h': '4h',
  '6h': '6h',
  '12h': '12h',
  '1d': '1day',
  '1w': '1week',
  '1M': '1month',
};

const TICKER_CHANNELS: readonly string[] = ['ticker', 'tickers', 'price'];
const KLINE_TIMEFRAME = new Map(Object.entries(WS_INTERVAL).map(([tf, iv]) => [`market_kline_${iv}`, tf as Timeframe]));
const DEPTHS: Readonly<Record<string, number>> = { depth_book1: 1, depth_book5: 5, depth_book15: 15, depth_books: Number.POSITIVE_INFINITY };
const iso = (ms: number): string => new Date(ms).toISOString();

export class PublicFeed {
  readonly connections = new Set<Connection>();
  readonly bookFaults = new BookFaults();
  /** The last depth window sent per `ch|SYMBOL` (what a duplicate fault re-sends). */
  readonly #lastDepth = new Map<string, string>();
  readonly #venue: SimVenue;
  readonly #timer: NodeJS.Timeout;
  readonly #unsubscribe: () => void;
  #ticks = 0;

  constructor(venue: SimVenue, depthIntervalMs = 300) {
    this.#venue = venue;
    this.#unsubscribe = venue.subscribe((e) => {
      // never call back into the venue from inside its listener: frames are built once the action has settled
      if (e.channel === 'public') queueMicrotask(() => this.#onEvent(e));
    });
    this.#timer = setInterval(() => this.#periodic(), depthIntervalMs);
    this.#timer.unref();
  }

  close(): void {
    clearInterval(this.#timer);
    this.#unsubscribe();
  }

  /** First data right after a subscription (live: 0.1–0.6 s later; no ack). */
  onSubscribed(conn: Connection, keys: readonly string[]): void {
    this.bookFaults.resubscribed(conn, keys);
    setTimeout(() => {
      for (const key of keys) {
        const [ch, symbol] = key.split('|') as [string, string];
        if (conn.open) this.#push(conn, ch, symbol);
      }
    }, 20).unref();
  }

  /** Stalls the depth feed of `nativeId` on every socket carrying it now (book-faults.ts). */
  stallDepth(nativeId: string): void {
    this.bookFaults.stall(nativeId, [...this.connections].filter((c) => c.open).map((c) => ({ conn: c, topics: c.record.topics })));
  }

  forget(conn: Connection): void {
    this.bookFaults.forget(conn);
  }

  #symbolOf(nativeId: string): string | undefined {
    return this.#venue.findInstrument(nativeId, 'swap')?.symbol;
  }

  #each(ch: string, nativeId: string, frame: () => unknown): void {
    let built: string | undefined;
    const key = `${ch}|${nativeId}`;
    for (const c of this.connections) {
      if (!c.open || !c.record.topics.has(key)) continue;
      built ??= JSON.stringify(frame());
      c.send(built);
    }
  }

  #depth(conn: Connection, ch: string, nativeId: string): void {
    const symbol = this.#symbolOf(nativeId);
    const n = DEPTHS[ch] ?? 15;
    if (symbol === undefined) {
      // an unknown symbol gets one frame of empty levels, then nothing (PROBE, fixture ws-depth-book15-unknown-symbol.json)
      const empty = Array.from({ length: Number.isFinite(n) ? n : 15 }, () => ['', '']);
      conn.send({ ch, symbol: nativeId, ts: this.#venue.serverTime(), data: { b: empty, a: empty } });
      conn.record.topics.delete(`${ch}|${nativeId}`);
      return;
    }
    if (this.bookFaults.isStalled(conn, `${ch}|${nativeId}`)) return;
    conn.send(this.#depthText(ch, nativeId, symbol, n));
  }

  /** One depth window as sent, remembered for a duplicate fault; a pending crossed-book fault corrupts it. */
  #depthText(ch: string, nativeId: string, symbol: string, n: number): string {
    const frame = this.#depthFrame(ch, nativeId, symbol, n);
    if (this.bookFaults.takeCrossed(nativeId)) {
      const best = frame.data.a[0];
      if (best !== undefined) frame.data.b = [best, ...frame.data.b.filter((l) => l[0] !== best[0])];
    }
    const text = JSON.stringify(frame);
    this.#lastDepth.set(`${ch}|${nativeId}`, text);
    return text;
  }

  /** A book change: the new window to every socket subscribed (and not stalled), doubled under a duplicate fault. */
  #depthAll(ch: string, nativeId: string, symbol: string, duplicate: boolean): void {
    const key = `${ch}|${nativeId}`;
    const targets = [...this.connections].filter((c) => c.open && c.record.topics.has(key) && !this.bookFaults.isStalled(c, key));
    if (targets.length === 0) return;
    const previous = this.#lastDepth.get(key);
    const text = this.#depthText(ch, nativeId, symbol, DEPTHS[ch]!);
    for (const c of targets) {
      if (duplicate && previous !== undefined) c.send(previous);
      c.send(text);
      if (duplicate) c.send(text);
    }
  }

  #depthFrame(ch: string, nativeId: string, symbol: string, n: number): { ch: string; symbol: string; ts: number; data: { b: string[][]; a: string[][] } } {
    const book = this.#venue.book(symbol, n);
    return { ch, symbol: nativeId, ts: this.#venue.serverTime(), data: { b: book.bids.map(([p, q]) => [p, q]), a: book.asks.map(([p, q]) => [p, q]) } };
  }

  /**
   * Timer pushes, as live (PROBE): depth windows every tick (~310 ms) even when unchanged; ticker, tickers and price
   * about once a second; running candles every other tick (~500 ms).
   */
  #periodic(): void {
    this.#ticks += 1;
    for (const c of this.connections) {
      if (!c.open) continue;
      for (const key of [...c.record.topics]) {
        const [ch, nativeId] = key.split('|') as [string, string];
        const due = ch in DEPTHS || (TICKER_CHANNELS.includes(ch) ? this.#ticks % 3 === 0 : this.#ticks % 2 === 0);
        if (due) this.#push(c, ch, nativeId);
      }
    }
  }

  #onEvent(e: PublicEvent): void {
    const inst = this.#venue.instrument(e.symbol);
    if (inst.type !== 'swap') return;
    const id = inst.nativeId;
    const ts = this.#venue.serverTime();
    switch (e.type) {
      case 'book': {
        const duplicate = this.bookFaults.takeDuplicate(id);
        for (const ch of Object.keys(DEPTHS)) this.#depthAll(ch, id, e.symbol, duplicate);
        return;
      }
      case 'trade':
        this.#each('trade', id, () => ({ ch: 'trade', symbol: id, ts, data: [{ t: iso(e.trade.timestamp), p: e.trade.price.toFixed(), v: e.trade.size.toFixed(), s: e.trade.side }] }));
        return;
      case 'ticker':
        for (const ch of TICKER_CHANNELS) this.#each(ch, id, () => this.#tickerFrame(ch, id, e.symbol));
        return;
      case 'candle': {
        const c = e.candle;
        const iv = WS_INTERVAL[c.timeframe];
        if (iv === undefined || c.closed) return;
        this.#each(`market_kline_${iv}`, id, () => this.#klineFrame(`market_kline_${iv}`, id, c));
        return;
      }
      default:
        return;
    }
  }

  #klineFrame(ch: string, id: string, c: SimCandle): unknown {
    // the frame's ts lies inside the running candle (clients take the interval holding ts as its start)
    const at = Math.min(Math.max(this.#venue.serverTime(), c.openTime), c.closeTime - 1);
    return { ch, symbol: id, ts: at, data: { o: c.open.toFixed(), h: c.high.toFixed(), l: c.low.toFixed(), c: c.close.toFixed(), b: c.volume.toFixed(), q: c.turnover.toFixed() } };
  }

  #tickerFrame(ch: string, id: string, symbol: string): unknown {
    const ts = this.#venue.serverTime();
    if (ch === 'price') {
      const f = this.#venue.funding(symbol);
      const last = f.history.at(-1);
      return {
        ch: 'price',
        symbol: id,
        ts,
        data: { ip: f.indexPrice.toFixed(), mp: f.markPrice.toFixed(), fr: percent((last?.rate ?? f.rate).toFixed()), ...(last === undefined ? {} : { ft: iso(last.timestamp) }), nft: iso(f.nextFundingTime) },
      };
    }
    const t = this.#venue.ticker(symbol);
    const open = t.open24h;
    const r = open.isZero() ? '0' : t.last.minus(open).div(open).toDecimalPlaces(10).toFixed();
    const base = { s: id, o: open.toFixed(), la: t.last.toFixed(), h: t.high24h.toFixed(), l: t.low24h.toFixed(), b: t.volume24h.toFixed(), q: t.turnover24h.toFixed(), r };
    if (ch === 'ticker') return { ch: 'ticker', symbol: id, ts, data: base };
    return { ch: 'tickers', ts, data: [{ ...base, bd: t.bid?.toFixed() ?? '', ak: t.ask?.toFixed() ?? '', bv: t.bidSize?.toFixed() ?? '', av: t.askSize?.toFixed() ?? '' }] };
  }

  /** One push of a timer-driven channel to one socket (depth windows, tickers, price, running candles). */
  #push(conn: Connection, ch: string, nativeId: string): void {
    if (ch in DEPTHS) return this.#depth(conn, ch, nativeId);
    const symbol = this.#symbolOf(nativeId);
    if (symbol === undefined) return;
    if (TICKER_CHANNELS.includes(ch)) return conn.send(this.#tickerFrame(ch, nativeId, symbol));
    const tf = KLINE_TIMEFRAME.get(ch);
    if (tf === undefined) return;
    const running = this.#venue.candles(symbol, tf, { limit: 1 }).at(-1);
    if (running !== undefined) conn.send(this.#klineFrame(ch, nativeId, running));
  }
}
