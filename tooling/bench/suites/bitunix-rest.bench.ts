/**
 * Issue 6g — a signed REST round trip against the Bitunix simulator front (loopback, one process).
 *
 * exkit `createBitunix(...).fetchBalances()` (GET /api/v1/futures/account?marginCoin=USDT: signs,
 * sends, zod-checks the envelope and account, maps exact Decimals) against a bare `fetch` of the
 * same request with the signature headers computed before the timed block (the adapter's own
 * signing function, so the server accepts them) and no validation — the floor of any client.
 * Rounds of 2 calls each, interleaved, after warm-up (keep-alive sockets, markets).
 *
 * Pacing: exkit enforces Bitunix's 10 requests/s per endpoint on the client, so each round first
 * waits 250 ms (untimed): 8 calls/s, the round trip is timed, not the rate limiter.
 */
import { createBitunix } from '@exkit/bitunix';
import { startBitunixSimulator } from '@exkit/bitunix/testing';
import { abRatioAsync, report } from '../src/index.js';
import { bitunixSign } from './lib/venue-internals.js';

const CALLS = 2;
const sim = await startBitunixSimulator({ seed: 'bench-rest', enforceRateLimits: false });
const exchange = createBitunix({ environment: sim.environment, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } });
const url = `${sim.restUrl}/api/v1/futures/account?marginCoin=USDT`;

/**
 * Signature headers computed once, before timing, with the adapter's algorithm (bitunix.md §2). The
 * front checks no timestamp window unless configured to (bitunix.md §9 open point), so they serve
 * the whole run.
 */
const nonce = 'b3c1d2e4f5a6978812345678abcdef01';
const timestamp = String(Date.now());
const sign = bitunixSign({ nonce, timestamp, apiKey: sim.apiKey, queryParams: 'marginCoinUSDT', body: '', secretKey: sim.apiSecret });
const headers = { 'api-key': sim.apiKey, nonce, timestamp, sign, 'content-type': 'application/json', language: 'en-US' };

const exkitCall = async (): Promise<number> => {
  let n = 0;
  for (let i = 0; i < CALLS; i++) n += (await exchange.fetchBalances()).length;
  return n;
};
const fetchCall = async (): Promise<number> => {
  let n = 0;
  for (let i = 0; i < CALLS; i++) {
    const res = await fetch(url, { headers });
    const body = (await res.json()) as { code: number };
    if (body.code !== 0) throw new Error(`bare fetch refused: ${JSON.stringify(body).slice(0, 200)}`);
    n++;
  }
  return n;
};

try {
  await exkitCall();
  await fetchCall();
  const r = await abRatioAsync(exkitCall, fetchCall, { rounds: 41, warmup: 3, pauseMs: 250, budgetMs: 60_000 });
  const ms = (ns: number): number => Number((ns / CALLS / 1e6).toFixed(3));
  console.log(`exkit vs bare fetch: median ${r.ratio.toFixed(2)}× (IQR ${r.q1.toFixed(2)}–${r.q3.toFixed(2)}, ${r.rounds} rounds of ${CALLS} calls)`);
  const FLOOR = 'bitunix/rest/bare fetch, signature precomputed, no validation (floor)';
  report({ name: FLOOR, unit: 'ms/call', value: ms(r.baselineNs) });
  report({ name: 'bitunix/rest/exkit fetchBalances round trip (signed, zod, Decimal)', unit: 'ms/call', value: ms(r.candidateNs), baseline: FLOOR, ratio: r.ratio });
} finally {
  await exchange.close();
  await sim.close();
}
