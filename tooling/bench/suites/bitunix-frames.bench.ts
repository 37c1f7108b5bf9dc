/**
 * Issue 6f — Bitunix depth and ticker frames → typed neutral objects, against the floor: a bare
 * `JSON.parse` of the same bytes. The ratio (< 1) is the price of exactness: zod-checked frames,
 * Decimal / exact scaled-integer levels, the maintained book and the neutral object.
 *
 * - depth: 200 `depth_book15` frames (15 levels a side) through the adapter's book stream
 *   (lib/bitunix-contenders.ts), each frame a full snapshot, the OrderBook out of it delivered.
 * - ticker: 200 `tickers` frames (BTC + ETH items) through the adapter's ticker stream.
 * Before timing, the last book and ticker delivered are checked equal to their frames.
 */
import { Bench } from 'tinybench';
import { abRatio, report, type AbResult } from '../src/index.js';
import { exkitDepth, exkitTicker, jsonParse, type FedStream } from './lib/bitunix-contenders.js';
import { depthDiff, tickerDiff } from './lib/bitunix-equality.js';
import { bitunixBtcMarket, bitunixDepthFrames, bitunixTickersFrames } from './lib/bitunix-frames.js';

const FRAMES = 200;
const market = bitunixBtcMarket();
const depthFrames = bitunixDepthFrames(FRAMES);
const tickerFrames = bitunixTickersFrames(FRAMES);
const depth = await exkitDepth(market);
const ticker = await exkitTicker(market);

const feedAll = <T>(stream: FedStream<T>, frames: readonly Buffer[]) => (): unknown => {
  for (let i = 0; i < frames.length; i++) stream.feed(frames[i]!);
  return stream.subscription.latest;
};
const parseAll = (frames: readonly Buffer[]) => (): unknown => {
  let last: unknown;
  for (let i = 0; i < frames.length; i++) last = jsonParse(frames[i]!);
  return last;
};
const runDepth = feedAll(depth, depthFrames);
const runTicker = feedAll(ticker, tickerFrames);
const floorDepth = parseAll(depthFrames);
const floorTicker = parseAll(tickerFrames);

runDepth();
runTicker();
const wrong = depthDiff(depth.subscription.latest, depthFrames[FRAMES - 1]!) ?? tickerDiff(ticker.subscription.latest, tickerFrames[FRAMES - 1]!, market.id);
if (wrong !== undefined) throw new Error(`exkit's output differs from the frame: ${wrong}`);

const bench = new Bench({ time: 1500, warmupTime: 300 });
bench.add('depth', runDepth).add('depth-json', floorDepth).add('ticker', runTicker).add('ticker-json', floorTicker);
await bench.run();
const usPerFrame = (name: string): number => {
  const result = bench.getTask(name)?.result;
  if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) throw new Error(`tinybench task ${name} did not complete`);
  return Number(((result.latency.mean * 1000) / FRAMES).toFixed(3));
};
const show = (label: string, r: AbResult): void => console.log(`${label}: median ${r.ratio.toFixed(3)}× (IQR ${r.q1.toFixed(3)}–${r.q3.toFixed(3)}, ${r.rounds} rounds)`);
const depthRatio = abRatio(runDepth, floorDepth);
const tickerRatio = abRatio(runTicker, floorTicker);
show('depth vs JSON.parse', depthRatio);
show('ticker vs JSON.parse', tickerRatio);
await depth.close();
await ticker.close();

const DEPTH_FLOOR = 'bitunix/frames/JSON.parse of depth_book15 frames (floor)';
const TICKER_FLOOR = 'bitunix/frames/JSON.parse of tickers frames (floor)';
report({ name: DEPTH_FLOOR, unit: 'µs/frame', value: usPerFrame('depth-json') });
report({ name: TICKER_FLOOR, unit: 'µs/frame', value: usPerFrame('ticker-json') });
report({ name: 'bitunix/frames/exkit depth_book15 frame → OrderBook (exact)', unit: 'µs/frame', value: usPerFrame('depth'), baseline: DEPTH_FLOOR, ratio: depthRatio.ratio });
report({ name: 'bitunix/frames/exkit tickers frame → Ticker (Decimal)', unit: 'µs/frame', value: usPerFrame('ticker'), baseline: TICKER_FLOOR, ratio: tickerRatio.ratio });
