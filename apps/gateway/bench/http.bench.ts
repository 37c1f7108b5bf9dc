// Requests/s of authenticated GET /status and GET /api/v1/market/ticker/{symbol} with autocannon, beside a bare
// Fastify hello-world measured in the same run (target ≥ 50 % of bare). Prints BENCH_RESULT lines
// (tooling/bench/README.md). On a shared 2-core machine one run of each swings several-fold, so the runs are
// interleaved (bare, status, ticker) for ROUNDS rounds and the per-round ratios' median is reported.
// Bounded: ROUNDS × 3 runs of DURATION_S seconds after one warm-up each.
// Setup, as the default deployment runs: embedded store, no Redis, the two simulated venues in the gateway's
// process (README "Run"); autocannon, the bare server and the gateway share this one process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildGateway } from '../src/app.js';
import { parseConfig } from '../src/config/load.js';

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

const dir = mkdtempSync(join(tmpdir(), 'exkit-gw-bench-'));
const password = 'bench-admin-password-1';
const gw = await buildGateway({
  config: parseConfig({ dataDir: dir, port: 0, adminPassword: password, logLevel: 'warn', rateLimitScale: 1_000_000, sampleIntervalSeconds: 3600, healthCheckIntervalSeconds: 3600 }),
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
  const baseline = 'bare fastify hello-world, same run (median of interleaved per-round ratios)';
  report({ name: 'gateway/http/bare-hello', unit: 'req/s', value: Math.round(rps('hello')) });
  report({ name: 'gateway/http/status-authenticated', unit: 'req/s', value: Math.round(rps('status')), baseline, ratio: Number(ratio('status').toFixed(3)) });
  report({ name: 'gateway/http/ticker-authenticated', unit: 'req/s', value: Math.round(rps('ticker')), baseline, ratio: Number(ratio('ticker').toFixed(3)) });
  const p99 = (k: keyof typeof targets) => median(runs[k].map((m) => m.p99));
  const errors = (k: keyof typeof targets) => runs[k].reduce((n, m) => n + m.errors, 0);
  process.stdout.write('setup: embedded store, venue simulators in the gateway process (the default deployment), autocannon in the same process\n');
  process.stdout.write(`median p99 latency ms: bare ${p99('hello')}, status ${p99('status')}, ticker ${p99('ticker')}; errors/non-2xx: ${errors('hello')}/${errors('status')}/${errors('ticker')}\n`);
  if (errors('status') + errors('ticker') > 0) throw new Error('the gateway answered errors under load');
} finally {
  await bare.close();
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
}
