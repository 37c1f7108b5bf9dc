import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { CandlePageFetcher, TimeRange } from '../../../src/candles/index.js';
import { toDecimal } from '../../../src/decimal.js';
import type { Candle } from '../../../src/models/candle.js';
import type { Timeframe } from '../../../src/models/enums.js';
import { TIMEFRAME_MS } from '../../../src/models/enums.js';

/**
 * A loopback kline venue speaking a Bybit-v5-shaped `GET /v5/market/kline` (start/end in ms, `end`
 * inclusive, `limit` capped at the venue's page size, rows of 7 strings). Which end of an over-full
 * range it serves and in which order it lists rows are configurable, so the same tests cover
 * Bybit (newest `limit`, newest first) and a venue that serves the oldest `limit` ascending.
 */
export interface KlineVenueOptions {
  readonly timeframe: Timeframe;
  /** Open-time ranges where the venue has candles (everything else is a hole). */
  readonly data: readonly TimeRange[];
  readonly pageLimit: number;
  readonly serve?: 'newest' | 'oldest';
  readonly order?: 'desc' | 'asc';
}

export interface KlineRequest {
  readonly start: number;
  readonly end: number;
  readonly limit: number;
  readonly returned: readonly number[];
}

export interface KlineVenue {
  readonly url: string;
  readonly requests: KlineRequest[];
  close(): Promise<void>;
}

/** Deterministic values per open time; the quote volume has 19 decimals (a float would lose them). */
export function venueRow(openTime: number): [string, string, string, string, string, string, string] {
  const i = Math.floor(openTime / 60_000);
  const cents = String(i % 100).padStart(2, '0');
  const base = 30_000 + (i % 1000);
  return [
    String(openTime),
    `${base}.${cents}`,
    `${base + 5}.${cents}`,
    `${base - 5}.${cents}`,
    `${base + 1}.${cents}`,
    `${i % 37}.${String(i % 1000).padStart(3, '0')}`,
    `${i}.${'0'.repeat(18)}${(i % 9) + 1}`,
  ];
}

function opensIn(data: readonly TimeRange[], step: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (const r of data) {
    const lo = Math.max(r.since, from);
    const hi = Math.min(r.until, to + 1); // `to` is inclusive, as Bybit's `end`
    for (let t = Math.ceil(lo / step) * step; t < hi; t += step) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

export async function startKlineVenue(options: KlineVenueOptions): Promise<KlineVenue> {
  const step = TIMEFRAME_MS[options.timeframe];
  const requests: KlineRequest[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/v5/market/kline') {
      res.writeHead(404).end();
      return;
    }
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 200), options.pageLimit);
    const all = opensIn(options.data, step, start, end);
    const picked = options.serve === 'oldest' ? all.slice(0, limit) : all.slice(Math.max(0, all.length - limit));
    const listed = options.order === 'asc' ? picked : [...picked].reverse();
    requests.push({ start, end, limit, returned: picked });
    const body = { retCode: 0, retMsg: 'OK', result: { category: 'linear', symbol: url.searchParams.get('symbol'), list: listed.map(venueRow) }, retExtInfo: {}, time: Date.now() };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const klineBody = z.object({
  retCode: z.literal(0),
  result: z.object({ list: z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.string(), z.string(), z.string()])) }),
});

/** The small client an adapter would have: fetch + zod + map to neutral candles (end made inclusive). */
export function klineFetcher(baseUrl: string, symbol: string, timeframe: Timeframe): CandlePageFetcher {
  return async ({ since, until, limit, signal }) => {
    const url = new URL('/v5/market/kline', baseUrl);
    url.searchParams.set('symbol', 'BTCUSDT');
    url.searchParams.set('interval', '1');
    url.searchParams.set('start', String(since));
    url.searchParams.set('end', String(until - 1));
    url.searchParams.set('limit', String(limit));
    const response = await fetch(url, signal === undefined ? {} : { signal });
    const body = klineBody.parse(await response.json());
    return body.result.list.map(
      ([t, o, h, l, c, v, q]): Candle => ({
        symbol,
        timeframe,
        openTime: Number(t),
        open: toDecimal(o),
        high: toDecimal(h),
        low: toDecimal(l),
        close: toDecimal(c),
        volume: toDecimal(v),
        quoteVolume: toDecimal(q),
        closed: true,
      }),
    );
  };
}

/** What the venue's row for `openTime` means, as `rows` prints it (trailing zeros are not value). */
export function expectedRow(openTime: number): string[] {
  const [t, ...values] = venueRow(openTime);
  return [t, ...values.map((v) => toDecimal(v).toFixed())];
}

/** Candles as comparable plain rows (decimal strings via toFixed). */
export function rows(candles: readonly Candle[]): string[][] {
  return candles.map((c) => [String(c.openTime), c.open.toFixed(), c.high.toFixed(), c.low.toFixed(), c.close.toFixed(), c.volume.toFixed(), c.quoteVolume?.toFixed() ?? '']);
}
