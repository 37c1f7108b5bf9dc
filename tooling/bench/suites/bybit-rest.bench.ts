/**
 * Issue 5b — a signed REST round trip against the Bybit simulator front (loopback, one process).
 *
 * exkit `createBybit(...).fetchBalances()` (signs, sends, checks the envelope and the wallet with
 * zod, maps exact Decimal balances) against bybit-api 4.7.7 `RestClientV5.getWalletBalance({
 * accountType: 'UNIFIED' })` (signs, sends, hands back the JSON) — the same endpoint, server, key
 * and account. Rounds of 4 calls each, interleaved; both clients were warmed (exkit's time sync
 * and the keep-alive sockets) first.
 *
 * Pacing: exkit enforces Bybit's per-UID quota on the client (wallet-balance: 50 per second), so
 * an unpaced loop would time its rate limiter, not the round trip. Each round waits 200 ms
 * (untimed) first: 8 calls a round stays under 50/s for both clients together.
 * Target: ≥ 1× bybit-api.
 */
import { RestClientV5 } from 'bybit-api';
import { abRatioAsync, report } from '../src/index.js';
import { startBybitRig } from './lib/bybit-sim.js';

const CALLS = 4;
const rig = await startBybitRig('bench-rest');
const peer = new RestClientV5({ key: rig.sim.apiKey, secret: rig.sim.apiSecret, baseUrl: rig.sim.restUrl });

const exkitCall = async (): Promise<number> => {
  let n = 0;
  for (let i = 0; i < CALLS; i++) n += (await rig.exchange.fetchBalances()).length;
  return n;
};
const peerCall = async (): Promise<number> => {
  let n = 0;
  for (let i = 0; i < CALLS; i++) {
    const res = await peer.getWalletBalance({ accountType: 'UNIFIED' });
    if (res.retCode !== 0) throw new Error(`bybit-api got retCode ${res.retCode}: ${res.retMsg}`);
    n += res.result.list[0]?.coin.length ?? 0;
  }
  return n;
};

// Same answer from both before timing: the USDT wallet balance.
const ours = (await rig.exchange.fetchBalances()).find((b) => b.currency === 'USDT');
const theirs = (await peer.getWalletBalance({ accountType: 'UNIFIED' })).result.list[0]?.coin.find((c) => c.coin === 'USDT');
if (ours === undefined || theirs === undefined || ours.total.toString() !== String(Number(theirs.walletBalance))) {
  throw new Error(`balances differ: exkit ${ours?.total.toString()}, bybit-api ${theirs?.walletBalance}`);
}

try {
  const r = await abRatioAsync(exkitCall, peerCall, { rounds: 41, warmup: 3, pauseMs: 200, budgetMs: 60_000 });
  const ms = (ns: number): number => Number((ns / CALLS / 1e6).toFixed(3));
  console.log(`exkit vs bybit-api: median ${r.ratio.toFixed(2)}× (IQR ${r.q1.toFixed(2)}–${r.q3.toFixed(2)}, ${r.rounds} rounds of ${CALLS} calls)`);
  const PEER = 'bybit/rest/bybit-api 4.7.7 RestClientV5 getWalletBalance round trip';
  report({ name: PEER, unit: 'ms/call', value: ms(r.baselineNs) });
  report({ name: 'bybit/rest/exkit fetchBalances round trip (signed, zod, Decimal)', unit: 'ms/call', value: ms(r.candidateNs), baseline: PEER, ratio: r.ratio });
} finally {
  await rig.close();
}
