/**
 * Bybit `publicTrade.BTCUSDT` frames for the trade-parse suite: the captured fixture frame
 * (`packages/bybit/test/fixtures/bybit/ws-public-trade.json`, docs v5 websocket/public/trade) and
 * seeded variations of it — same keys and key order, 1 trade per frame mostly, bursts of 2–5 as
 * the venue batches them — as the UTF-8 bytes a socket delivers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../src/index.js';

export const TRADE_FIXTURE = fileURLToPath(new URL('../../../../packages/bybit/test/fixtures/bybit/ws-public-trade.json', import.meta.url));

interface WireTrade {
  T: number;
  s: string;
  S: 'Buy' | 'Sell';
  v: string;
  p: string;
  L: string;
  i: string;
  BT: boolean;
  seq: number;
}
interface WireFrame {
  topic: string;
  type: string;
  ts: number;
  data: WireTrade[];
}

export function fixtureFrame(): WireFrame {
  return JSON.parse(readFileSync(TRADE_FIXTURE, 'utf8')) as WireFrame;
}

const hex = (rng: ReturnType<typeof createRng>, n: number): string => Array.from({ length: n }, () => rng.int(16).toString(16)).join('');

/** `count` frames (the first one is the fixture as captured), each as a Buffer of its compact JSON. */
export function bybitTradeFrames(count: number, seed = 5): Buffer[] {
  const template = fixtureFrame();
  const first = template.data[0]!;
  const rng = createRng(seed);
  const out: Buffer[] = [Buffer.from(JSON.stringify(template))];
  let ts = template.ts;
  let seq = first.seq;
  let ticks = Math.round(Number(first.p) * 100);
  while (out.length < count) {
    const n = rng.next() < 0.7 ? 1 : 2 + rng.int(4);
    const data: WireTrade[] = [];
    ts += 1 + rng.int(50);
    for (let k = 0; k < n; k++) {
      ticks += rng.int(21) - 10;
      const side = rng.next() < 0.5 ? 'Buy' : 'Sell';
      data.push({
        T: ts - rng.int(3),
        s: first.s,
        S: side,
        v: ((1 + rng.int(5000)) / 1000).toFixed(3),
        p: (ticks / 100).toFixed(2),
        L: side === 'Buy' ? 'PlusTick' : 'MinusTick',
        i: `${hex(rng, 8)}-${hex(rng, 4)}-5${hex(rng, 3)}-${hex(rng, 4)}-${hex(rng, 12)}`,
        BT: false,
        seq: ++seq,
      });
    }
    out.push(Buffer.from(JSON.stringify({ topic: template.topic, type: 'snapshot', ts, data })));
  }
  return out;
}
