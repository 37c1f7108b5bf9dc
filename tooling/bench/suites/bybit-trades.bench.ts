/**
 * Issue 5a — Bybit public-trade frame → typed neutral trade.
 *
 * 1,000 `publicTrade.BTCUSDT` frames (the captured fixture frame plus seeded variations of it,
 * about 1.5 trades a frame) as socket bytes, through three message paths (lib/bybit-trade-contenders.ts):
 * exkit (decode, zod-checked frame, exact Decimal price/size, neutral Trade), ccxt 4.5.84's ws
 * client (onMessage → handleMessage → handleTrades, float trades) and bybit-api 4.7.7's
 * WebsocketClient (onWsMessage: JSON.parse and routing, raw objects). Before timing, every
 * contender's trades are checked equal (id, time, side, price, size).
 *
 * Absolute µs/frame from tinybench; each × from the interleaved A/B loop. Targets: ≥ 5× ccxt, ≥ 1× bybit-api.
 */
import { decodeFrame, toDecimal } from '@exkit/core';
import { Bench } from 'tinybench';
import { abRatio, quantile, report, timeBlock, type AbResult } from '../src/index.js';
import { startBybitRig } from './lib/bybit-sim.js';
import { bybitApiTrades, ccxtTrades, countOnly, exkitTrades, type FrameSink } from './lib/bybit-trade-contenders.js';
import { bybitTradeFrames } from './lib/bybit-trade-frames.js';
import { bybitTradeFrameSchema, parseBybitFrame } from './lib/venue-internals.js';
import { compareTradeStreams } from './lib/trade-equality.js';

const FRAMES = 1_000;

const rig = await startBybitRig('bench-trades');
const market = rig.market;
await rig.close(); // only the market definition was needed

const frames = bybitTradeFrames(FRAMES);
const exkit = exkitTrades(market);
const ccxt = ccxtTrades(market);
const bybitApi = bybitApiTrades();

const mismatch = compareTradeStreams(frames, exkit, ccxt, bybitApi);
if (mismatch !== undefined) throw new Error(`contenders disagree: ${mismatch}`);

const block = <T>(sink: FrameSink<T>) => (): number => {
  for (let i = 0; i < frames.length; i++) sink(frames[i]!, countOnly);
  return frames.length;
};
const runExkit = block(exkit);
const runCcxt = block(ccxt);
const runBybitApi = block(bybitApi);

const bench = new Bench({ time: 1500, warmupTime: 300 });
bench.add('exkit', runExkit).add('ccxt', runCcxt).add('bybit-api', runBybitApi);
await bench.run();
const usPerFrame = (name: string): number => {
  const result = bench.getTask(name)?.result;
  if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) throw new Error(`tinybench task ${name} did not complete`);
  return Number(((result.latency.mean * 1000) / FRAMES).toFixed(3));
};

const show = (label: string, r: AbResult): void =>
  console.log(`${label}: median ${r.ratio.toFixed(2)}× (IQR ${r.q1.toFixed(2)}–${r.q3.toFixed(2)}, ${r.rounds} rounds; blocks ${(r.candidateNs / 1e6).toFixed(1)} / ${(r.baselineNs / 1e6).toFixed(1)} ms)`);
const vsCcxt = abRatio(runExkit, runCcxt);
const vsBybitApi = abRatio(runExkit, runBybitApi);
show('exkit vs ccxt', vsCcxt);
show('exkit vs bybit-api', vsBybitApi);

// Where exkit's time goes (printed, not reported): the stages cumulatively, median of 21 blocks each.
const stage = (label: string, run: () => unknown): void => {
  const ns: number[] = [];
  for (let r = 0; r < 26; r++) ns.push(timeBlock(run));
  console.log(`  ${label}: ${(quantile(ns.slice(5), 0.5) / 1000 / FRAMES).toFixed(2)} µs/frame`);
};
const parsed = frames.map((f) => JSON.parse(f.toString('utf8')) as { data: Array<{ p: string; v: string }> });
console.log('exkit stages:');
stage('decodeFrame (UTF-8 + JSON.parse)', () => frames.map((f) => decodeFrame(f)));
stage('+ parseFrame (zod, Decimal transforms)', () => frames.map((f) => parseBybitFrame(bybitTradeFrameSchema, (decodeFrame(f) as { value: unknown }).value, 'x')));
stage('+ mapWsTrade (whole path)', runExkit);
stage('of which Decimal: toDecimal of p and v alone', () => parsed.map((m) => m.data.map((t) => [toDecimal(t.p), toDecimal(t.v)])));

const CCXT = 'bybit/trades/ccxt 4.5.84 ws client, frame → trade';
const BYBIT_API = 'bybit/trades/bybit-api 4.7.7 WebsocketClient, frame → raw object';
report({ name: CCXT, unit: 'µs/frame', value: usPerFrame('ccxt') });
report({ name: BYBIT_API, unit: 'µs/frame', value: usPerFrame('bybit-api') });
report({ name: 'bybit/trades/exkit frame → Trade (zod, Decimal) vs ccxt', unit: 'µs/frame', value: usPerFrame('exkit'), baseline: CCXT, ratio: vsCcxt.ratio });
report({ name: 'bybit/trades/exkit frame → Trade (zod, Decimal) vs bybit-api', unit: 'µs/frame', value: usPerFrame('exkit'), baseline: BYBIT_API, ratio: vsBybitApi.ratio });
