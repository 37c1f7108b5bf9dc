// Requests/s of authenticated GET /status and GET /api/v1/market/ticker/{symbol} with autocannon, beside a bare
// Fastify hello-world measured in the same run (target ≥ 50 % of bare). Prints BENCH_RESULT lines
// (tooling/bench/README.md). On a shared 2-core machine one run of each swings several-fold, so the runs are
// interleaved (bare, status, ticker) for ROUNDS rounds and the per-round ratios' median is reported.
// Bounded: ROUNDS × 3 runs of DURATION_S seconds after one warm-up each.
// Setup: embedded store, no Redis; the two venue simulators run in a child process (bench/venue-sims.ts) and
// the gateway is configured with them by URL (README "Configuration", `urls`), as a deployment talks to
// exchanges in other processes. autocannon, the bare server and the gateway share this process.
// BENCH_GATEWAY_IN_PROCESS=1 adds the default deployment (simulators inside the gateway) as a second phase.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildGateway } from '../src/app.js';
import { parseConfig } from '../src/config/load.js';
import type { GatewayConfigInput, VenueConfig } from '../src/config/schema.js';
import type { VenueSims } from './venue-sims.js';

const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 3);
const ROUNDS = 5;
const CONNECTIONS = 10;

interface Measured {
  rps: number;
  p99: number;
  errors: number;
}

async function measure(url: string, headers: Record<string, string> = {}): Promise<Measured> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

function report(entry: Record<string, unknown>): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(entry)}\n`);
}

const SIMS_START_MS = 30_000;

/** Starts bench/venue-sims.ts in a child node (same loader as this process: tsx) and reads its JSON line. */
async function startSims(): Promise<{ sims: VenueSims; child: ChildProcess }> {
  const child = spawn(process.execPath, [...process.execArgv, new URL('./venue-sims.ts', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  try {
    const sims = await new Promise<VenueSims>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`venue simulators did not start within ${SIMS_START_MS} ms`)), SIMS_START_MS);
      child.once('exit', (code) => reject(new Error(`venue simulators exited with ${code}`)));
      lines.once('line', (l) => {
        clearTimeout(timer);
        resolve(JSON.parse(l) as VenueSims);
      });
    });
    return { sims, child };
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  } finally {
    lines.close();
  }
}

function externalVenues(s: VenueSims): VenueConfig[] {
  const venue = (id: string, exchange: 'bybit' | 'bitunix', e: VenueSims['bybit']): VenueConfig => ({
    id,
    exchange,
    env: 'sim',
    required: false,
    urls: { rest: e.restUrl, wsPublic: e.wsPublicUrl, wsPrivate: e.wsPrivateUrl, ...(e.wsTradeUrl !== undefined && { wsTrade: e.wsTradeUrl }) },
    credentials: { apiKey: e.apiKey, apiSecret: e.apiSecret },
  });
  return [venue('bybit-sim', 'bybit', s.bybit), venue('bitunix-sim', 'bitunix', s.bitunix)];
}

const password = 'bench-admin-password-1';

/** One measured phase: a gateway with these venues beside a bare hello-world, interleaved rounds. */
async function phase(label: string, setup: string, venues: GatewayConfigInput['venues']): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'exkit-gw-bench-'));
  const gw = await buildGateway({
    config: parseConfig({ dataDir: dir, port: 0, adminPassword: password, logLevel: 'warn', rateLimitScale: 1_000_000, sampleIntervalSeconds: 3600, healthCheckIntervalSeconds: 3600, ...(venues && { venues }) }),
    engine: false,
  });
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  try {
    const base = await gw.listen(0);
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    const login = (await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) })).json()) as { access_token: string };
    const auth = { authorization: `Bearer ${login.access_token}` };

    const targets = { hello: { url: `${bareUrl}/hello`, headers: {} }, status: { url: `${base}/status`, headers: auth }, ticker: { url: `${base}/api/v1/market/ticker/BTCUSDT`, headers: auth } };
    for (const x of Object.values(targets)) await autocannon({ url: x.url, connections: CONNECTIONS, duration: 1, headers: x.headers });
    const runs: Record<keyof typeof targets, Measured[]> = { hello: [], status: [], ticker: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, x] of Object.entries(targets) as [keyof typeof targets, (typeof targets)[keyof typeof targets]][]) runs[name].push(await measure(x.url, x.headers));
    }
    const rps = (k: keyof typeof targets) => median(runs[k].map((m) => m.rps));
    const ratio = (k: keyof typeof targets) => median(runs[k].map((m, i) => m.rps / (runs.hello[i]?.rps ?? Infinity)));
    const baseline = `bare fastify hello-world, same run (median of interleaved per-round ratios); ${setup}`;
    report({ name: `gateway/http/bare-hello${label}`, unit: 'req/s', value: Math.round(rps('hello')) });
    report({ name: `gateway/http/status-authenticated${label}`, unit: 'req/s', value: Math.round(rps('status')), baseline, ratio: Number(ratio('status').toFixed(3)) });
    report({ name: `gateway/http/ticker-authenticated${label}`, unit: 'req/s', value: Math.round(rps('ticker')), baseline, ratio: Number(ratio('ticker').toFixed(3)) });
    const p99 = (k: keyof typeof targets) => median(runs[k].map((m) => m.p99));
    const errors = (k: keyof typeof targets) => runs[k].reduce((n, m) => n + m.errors, 0);
    process.stdout.write(`setup${label}: embedded store, ${setup}, autocannon in the gateway's process\n`);
    process.stdout.write(`median p99 latency ms: bare ${p99('hello')}, status ${p99('status')}, ticker ${p99('ticker')}; errors/non-2xx: ${errors('hello')}/${errors('status')}/${errors('ticker')}\n`);
    if (errors('status') + errors('ticker') > 0) throw new Error('the gateway answered errors under load');
  } finally {
    await bare.close();
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const { sims, child } = await startSims();
try {
  await phase('-venues-out-of-process', 'venue simulators in a child process, reached by URL', externalVenues(sims));
} finally {
  child.kill('SIGTERM');
}
if (process.env['BENCH_GATEWAY_IN_PROCESS'] === '1') {
  await phase('-venues-in-process', 'venue simulators inside the gateway process (the no-config default)', undefined);
}
