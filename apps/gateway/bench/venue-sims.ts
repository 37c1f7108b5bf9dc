// Child process of http.bench.ts: the two venue simulators (Bybit and Bitunix fronts, each over its own
// SimVenue engine with its timers) outside the gateway's process, as the exchanges are in a deployment.
// Prints one JSON line `{ bybit: {...}, bitunix: {...} }` (URLs and the simulators' throwaway keys), then
// serves until SIGTERM/SIGINT or its stdin closes (the parent exiting), and closes both.
import { startBitunixSimulator } from '@exkit/bitunix/testing';
import { startBybitSimulator } from '@exkit/bybit/testing';

export interface SimEndpoints {
  readonly restUrl: string;
  readonly wsPublicUrl: string;
  readonly wsPrivateUrl: string;
  readonly wsTradeUrl?: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}
export interface VenueSims {
  readonly bybit: SimEndpoints;
  readonly bitunix: SimEndpoints;
}

const bybit = await startBybitSimulator({ seed: 'bench-bybit' });
const bitunix = await startBitunixSimulator({ seed: 'bench-bitunix' });
const line: VenueSims = {
  bybit: { restUrl: bybit.restUrl, wsPublicUrl: bybit.wsPublicUrl('linear'), wsPrivateUrl: bybit.wsPrivateUrl, wsTradeUrl: bybit.wsTradeUrl, apiKey: bybit.apiKey, apiSecret: bybit.apiSecret },
  bitunix: { restUrl: bitunix.restUrl, wsPublicUrl: bitunix.wsPublicUrl, wsPrivateUrl: bitunix.wsPrivateUrl, apiKey: bitunix.apiKey, apiSecret: bitunix.apiSecret },
};
process.stdout.write(`${JSON.stringify(line)}\n`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await Promise.allSettled([bybit.close(), bitunix.close()]);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
