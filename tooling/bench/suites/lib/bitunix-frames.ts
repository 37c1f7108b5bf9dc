/**
 * Bitunix public frames for the frame-parse suite, from the vendored fixtures in
 * packages/bitunix/test/fixtures/bitunix: `ws-depth-book15.json` (a live frame, trimmed by its
 * capturer to 3 levels a side — live frames carry 15, so the seeded variations carry 15) and
 * `ws-tickers-doc.json` (the `tickers` channel exkit's ticker stream reads: BTC and ETH items with
 * best bid/ask). The market is the live BTCUSDT row of `rest-trading-pairs-2026.json` through the
 * adapter's own mapper (price 1 decimal, size 4).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Market } from '@exkit/core';
import { createRng } from '../../src/index.js';
import { bitunixToMarket, bitunixTradingPairSchema } from './venue-internals.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../packages/bitunix/test/fixtures/bitunix/${name}`, import.meta.url)), 'utf8'));

export function bitunixBtcMarket(): Market {
  const rows = (fixture('rest-trading-pairs-2026.json') as { data: Array<{ symbol: string }> }).data;
  const row = rows.find((r) => r.symbol === 'BTCUSDT');
  const market = row === undefined ? undefined : bitunixToMarket(bitunixTradingPairSchema.parse(row));
  if (market === undefined) throw new Error('no BTCUSDT in rest-trading-pairs-2026.json');
  return market;
}

interface DepthFrame {
  ch: string;
  symbol: string;
  ts: number;
  data: { b: Array<[string, string]>; a: Array<[string, string]> };
}

/** The captured frame first, then `count - 1` seeded 15-level frames around its touch. */
export function bitunixDepthFrames(count: number, seed = 6): Buffer[] {
  const template = fixture('ws-depth-book15.json') as DepthFrame;
  const rng = createRng(seed);
  const out = [Buffer.from(JSON.stringify(template))];
  let bestBid = Math.round(Number(template.data.b[0]![0]) * 10);
  let ts = template.ts;
  const size = (): string => String((1 + rng.int(50_000)) / 10_000);
  while (out.length < count) {
    bestBid += rng.int(5) - 2;
    ts += 300 + rng.int(20); // pushed every ~310 ms (PROBE)
    const b: Array<[string, string]> = [];
    const a: Array<[string, string]> = [];
    for (let k = 0; k < 15; k++) {
      b.push([String((bestBid - k) / 10), size()]);
      a.push([String((bestBid + 1 + k) / 10), size()]);
    }
    out.push(Buffer.from(JSON.stringify({ ch: template.ch, symbol: template.symbol, ts, data: { b, a } })));
  }
  return out;
}

interface TickersFrame {
  ch: string;
  ts: number;
  data: Array<Record<string, string>>;
}

/** The documented frame first, then seeded variations of its two items' numbers. */
export function bitunixTickersFrames(count: number, seed = 7): Buffer[] {
  const template = fixture('ws-tickers-doc.json') as TickersFrame;
  const rng = createRng(seed);
  const out = [Buffer.from(JSON.stringify(template))];
  let ts = template.ts;
  while (out.length < count) {
    ts += 500 + rng.int(500);
    const data = template.data.map((item) => {
      const move = 1 + (rng.int(201) - 100) / 100_000;
      const px = (key: string): string => String(Number((Number(item[key]) * move).toFixed(key === 'la' || key === 'bd' || key === 'ak' ? 1 : 4)));
      return { ...item, la: px('la'), bd: px('bd'), ak: px('ak'), bv: String((1 + rng.int(99_999)) / 10_000), av: String((1 + rng.int(99_999)) / 10_000) };
    });
    out.push(Buffer.from(JSON.stringify({ ch: template.ch, ts, data })));
  }
  return out;
}
