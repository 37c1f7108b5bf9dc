// WS fan-out to 1,000 clients (issue 7): the gateway's WebSocket module (createWebSocketGateway on a
// bare fastify, fed by createEventBus) against a bare `ws` WebSocketServer that stringifies each
// message once and sends it to every client. Both serve 1,000 real `ws` clients on 127.0.0.1 in this
// process, so a frame's latency is publish → client 'message' event on one clock (performance.now()).
//
// - Bursts: rounds of BURST messages published back to back, gateway and bare interleaved (order
//   alternating), each round timed from the first publish to the last delivery; delivered msgs/s is
//   the median round, the ratio the median per-round time(bare)/time(gateway) (tooling/bench/README.md).
// - Paced: both get the same rate, PACED_LOAD of the gateway's burst capacity (so the figure means
//   "latency without a backlog" on a quiet or a busy machine alike), for PACED_MS each in alternating
//   slices; p50/p99 of every delivery's latency.
// Messages go to `metrics` with droppable false: nothing may be dropped, so delivered must equal
// sent × clients; the gateway's drop and slow-client counters are reported as read from stats().
// Bounded: the pools open within 60 s, the measuring loops stop after ~20 s whatever happened.
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import { WebSocketServer } from 'ws';
import type { Authenticator, Principal } from '../src/contracts/auth.js';
import type { VenueRegistry } from '../src/contracts/venues.js';
import { busMessage, createEventBus } from '../src/events/index.js';
import { createWebSocketGateway } from '../src/ws/index.js';
import { ClientPool, nextFrame } from './ws-fanout-clients.js';

const CLIENTS = 1_000;
const BURST = 10;
const WARMUP_ROUNDS = 2;
const ROUNDS = 15;
const BURST_BUDGET_MS = 10_000;
const ROUND_TIMEOUT_MS = 5_000;
/** The paced phase offers this share of the gateway's measured burst capacity (latency without a backlog). */
const PACED_LOAD = 0.25;
const PACED_MS = 4_000;
const PACED_SLICES = 4;
const OPEN_TIMEOUT_MS = 60_000;
const TOPIC = 'metrics';
const TOKEN = 'bench-token';
// About a price update's size once framed ({type,timestamp,data} ≈ 200 bytes).
const PAD = 'x'.repeat(120);
const BASELINE = 'bare ws WebSocketServer broadcast (stringify once, send to each), same run';

/** Accepts the one bench token as a READ_ONLY user. */
const authenticator: Authenticator = {
  authenticate: async (token: string): Promise<Principal | null> => (token === TOKEN ? { kind: 'user', id: 'bench', name: 'bench', role: 'READ_ONLY' } : null),
  isStillValid: async () => true,
};

/** No venue: `metrics` is a plain topic, so the hub never asks for one. */
const venues: VenueRegistry = {
  list: () => [],
  get: () => {
    throw new Error('no venue configured in the fan-out bench');
  },
};

function report(entry: { name: string; unit: string; value: number; baseline?: string; ratio?: number }): void {
  // The line @exkit/bench's report() prints (this app does not depend on @exkit/bench).
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(entry)}\n`);
}

/** Linear-interpolated quantile of a non-empty list (the same as @exkit/bench's). */
function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) throw new RangeError('quantile of an empty list');
  const sorted = Float64Array.from(values).sort();
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Contender {
  readonly pool: ClientPool;
  /** Publishes message `seq` stamped with the current time. */
  publish(seq: number): void;
  /** Messages published so far. */
  sent: number;
}

function payload(seq: number): { seq: number; pad: string; t: number } {
  // `t` last: the clients read it from the end of the frame.
  return { seq, pad: PAD, t: performance.now() };
}

interface Round {
  readonly ms: number;
  readonly delivered: number;
  readonly expected: number;
}

/** One burst: BURST messages back to back, timed until all CLIENTS × BURST deliveries arrived (or the timeout). */
async function burst(c: Contender): Promise<Round> {
  const before = c.pool.received;
  const expected = BURST * c.pool.sockets.length;
  const start = performance.now();
  for (let i = 0; i < BURST; i++) c.publish(c.sent++);
  await c.pool.waitFor(before + expected, ROUND_TIMEOUT_MS);
  return { ms: performance.now() - start, delivered: c.pool.received - before, expected };
}

/** `rate` messages/s, evenly spaced, for `ms`; then waits for the stragglers. */
async function paced(c: Contender, rate: number, ms: number): Promise<Round> {
  const before = c.pool.received;
  const total = Math.max(1, Math.round((ms * rate) / 1000));
  const interval = 1000 / rate;
  const start = performance.now();
  // Bounded in count (total) and time (twice the slice: a late timer only delays the next publish).
  let published = 0;
  while (published < total && performance.now() - start < 2 * ms) {
    const wait = start + published * interval - performance.now();
    if (wait > 1) await sleep(wait);
    c.publish(c.sent++);
    published++;
  }
  const expected = published * c.pool.sockets.length;
  await c.pool.waitFor(before + expected, ROUND_TIMEOUT_MS);
  return { ms: performance.now() - start, delivered: c.pool.received - before, expected };
}

// ---- the gateway --------------------------------------------------------------------------------

const bus = createEventBus();
const gateway = createWebSocketGateway({ bus, authenticator, venues, maxConnections: CLIENTS, pingIntervalMs: 60_000 });
const app = Fastify({ logger: false });
await app.register(gateway.plugin);
await app.listen({ host: '127.0.0.1', port: 0 });
const gwAddress = app.server.address();
const gwPort = typeof gwAddress === 'object' && gwAddress !== null ? gwAddress.port : 0;

// ---- the bare baseline --------------------------------------------------------------------------

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
const bareAddress = wss.address();
const barePort = typeof bareAddress === 'object' && bareAddress !== null ? bareAddress.port : 0;

const pools: ClientPool[] = [];
try {
  let opened = performance.now();
  const gwPool = await ClientPool.open({
    url: `ws://127.0.0.1:${gwPort}/ws/bench?token=${TOKEN}`,
    count: CLIENTS,
    batch: 50,
    timeoutMs: OPEN_TIMEOUT_MS,
    handshake: async (ws, timeoutMs) => {
      await nextFrame(ws, 'authenticated', timeoutMs);
      const subscribed = nextFrame(ws, 'subscribed', timeoutMs);
      ws.send(JSON.stringify({ type: 'subscribe', topics: [TOPIC] }));
      await subscribed;
    },
  });
  pools.push(gwPool);
  const gwOpenMs = performance.now() - opened;
  opened = performance.now();
  const barePool = await ClientPool.open({ url: `ws://127.0.0.1:${barePort}/`, count: CLIENTS, batch: 50, timeoutMs: OPEN_TIMEOUT_MS });
  pools.push(barePool);
  const bareOpenMs = performance.now() - opened;
  const ready = gateway.stats();
  if (ready.total_connections !== CLIENTS || ready.subscription_stats[TOPIC] !== CLIENTS || wss.clients.size !== CLIENTS) {
    throw new Error(`not every client is ready: gateway ${ready.total_connections} connected / ${ready.subscription_stats[TOPIC] ?? 0} subscribed, bare ${wss.clients.size}`);
  }
  process.stdout.write(`${CLIENTS} clients each: gateway opened+authenticated+subscribed in ${gwOpenMs.toFixed(0)} ms, bare opened in ${bareOpenMs.toFixed(0)} ms\n`);

  const gw: Contender = {
    pool: gwPool,
    sent: 0,
    publish: (seq) => bus.publish(busMessage(TOPIC, 'metrics', payload(seq), { at: Date.now(), droppable: false })),
  };
  const bare: Contender = {
    pool: barePool,
    sent: 0,
    publish: (seq) => {
      const text = JSON.stringify({ type: 'metrics', timestamp: new Date().toISOString(), data: payload(seq) });
      for (const client of wss.clients) client.send(text);
    },
  };

  // ---- bursts (interleaved A/B) ----------------------------------------------------------------
  for (let r = 0; r < WARMUP_ROUNDS; r++) {
    await burst(gw);
    await burst(bare);
  }
  gwPool.record(ROUNDS * BURST * CLIENTS);
  barePool.record(ROUNDS * BURST * CLIENTS);
  const gwRounds: Round[] = [];
  const bareRounds: Round[] = [];
  const ratios: number[] = [];
  const burstDeadline = performance.now() + BURST_BUDGET_MS;
  for (let r = 0; r < ROUNDS && (r < 3 || performance.now() < burstDeadline); r++) {
    let g: Round;
    let b: Round;
    if (r % 2 === 0) {
      g = await burst(gw);
      b = await burst(bare);
    } else {
      b = await burst(bare);
      g = await burst(gw);
    }
    gwRounds.push(g);
    bareRounds.push(b);
    // Per delivered frame, so a round cut by its timeout still compares like with like.
    ratios.push(b.ms / b.delivered / (g.ms / g.delivered));
  }
  const rate = (rounds: readonly Round[]): number => quantile(rounds.map((x) => (x.delivered / x.ms) * 1000), 0.5);
  const gwBurstLatency = gwPool.samples();
  const bareBurstLatency = barePool.samples();

  // ---- paced (latency with no backlog) ---------------------------------------------------------
  const pacedRate = Math.max(1, Math.round((rate(gwRounds) * PACED_LOAD) / CLIENTS));
  const pacedSamples = (Math.ceil((PACED_MS * pacedRate) / 1000) + PACED_SLICES) * CLIENTS;
  gwPool.record(pacedSamples);
  barePool.record(pacedSamples);
  const gwPaced: Round[] = [];
  const barePaced: Round[] = [];
  for (let s = 0; s < PACED_SLICES; s++) {
    const slice = PACED_MS / PACED_SLICES;
    if (s % 2 === 0) {
      gwPaced.push(await paced(gw, pacedRate, slice));
      barePaced.push(await paced(bare, pacedRate, slice));
    } else {
      barePaced.push(await paced(bare, pacedRate, slice));
      gwPaced.push(await paced(gw, pacedRate, slice));
    }
  }
  const gwLatency = gwPool.samples();
  const bareLatency = barePool.samples();

  const stats = gateway.stats();
  const shortfall = (rounds: readonly Round[]): number => rounds.reduce((n, x) => n + x.expected - x.delivered, 0);
  const gwMissing = shortfall(gwRounds) + shortfall(gwPaced);
  const bareMissing = shortfall(bareRounds) + shortfall(barePaced);

  const gwRate = rate(gwRounds);
  const bareRate = rate(bareRounds);
  const gwP50 = quantile(gwLatency, 0.5);
  const gwP99 = quantile(gwLatency, 0.99);
  const bareP50 = quantile(bareLatency, 0.5);
  const bareP99 = quantile(bareLatency, 0.99);
  const gwBurstP99 = quantile(gwBurstLatency, 0.99);
  const bareBurstP99 = quantile(bareBurstLatency, 0.99);
  const q1 = quantile(ratios, 0.25);
  const q3 = quantile(ratios, 0.75);

  report({ name: 'gateway/ws-fanout/delivered', unit: 'msg/s', value: Math.round(gwRate), baseline: BASELINE, ratio: round3(quantile(ratios, 0.5)) });
  report({ name: 'gateway/ws-fanout/bare-delivered', unit: 'msg/s', value: Math.round(bareRate) });
  report({ name: 'gateway/ws-fanout/latency-p50', unit: 'ms', value: round3(gwP50), baseline: BASELINE, ratio: round3(bareP50 / gwP50) });
  report({ name: 'gateway/ws-fanout/latency-p99', unit: 'ms', value: round3(gwP99), baseline: BASELINE, ratio: round3(bareP99 / gwP99) });
  report({ name: 'gateway/ws-fanout/burst-latency-p99', unit: 'ms', value: round3(gwBurstP99), baseline: BASELINE, ratio: round3(bareBurstP99 / gwBurstP99) });
  report({ name: 'gateway/ws-fanout/dropped', unit: 'messages', value: stats.messages_dropped_today });

  process.stdout.write(
    [
      `bursts: ${gwRounds.length} rounds × ${BURST} msgs × ${CLIENTS} clients; per-round ratio IQR ${round3(q1)}–${round3(q3)}; ` +
        `median round ${quantile(gwRounds.map((x) => x.ms), 0.5).toFixed(1)} ms gateway, ${quantile(bareRounds.map((x) => x.ms), 0.5).toFixed(1)} ms bare`,
      `burst latency p50/p99 ms: gateway ${quantile(gwBurstLatency, 0.5).toFixed(2)}/${gwBurstP99.toFixed(2)}, bare ${quantile(bareBurstLatency, 0.5).toFixed(2)}/${bareBurstP99.toFixed(2)}`,
      `paced ${pacedRate} msg/s (${PACED_LOAD * 100} % of the gateway's burst rate) × ${CLIENTS} clients, ${PACED_MS} ms each: latency p50/p99 ms gateway ${gwP50.toFixed(2)}/${gwP99.toFixed(2)}, bare ${bareP50.toFixed(2)}/${bareP99.toFixed(2)} ` +
        `(${gwLatency.length} / ${bareLatency.length} deliveries)`,
      `gateway stats: sent ${stats.messages_sent_today}, dropped ${stats.messages_dropped_today}, slow clients closed ${stats.slow_clients_closed}, connections ${stats.total_connections}; ` +
        `missing deliveries: gateway ${gwMissing}, bare ${bareMissing}; unstamped frames ${gwPool.unstamped + barePool.unstamped}`,
    ].join('\n') + '\n',
  );
  // droppable false: a lost frame or a closed client is a fan-out bug, not a figure.
  if (gwMissing > 0 || stats.slow_clients_closed > 0 || stats.messages_dropped_today > 0) {
    throw new Error(`the gateway lost frames: ${gwMissing} missing, ${stats.messages_dropped_today} dropped, ${stats.slow_clients_closed} clients closed`);
  }
  if (bareMissing > 0) throw new Error(`the bare baseline lost ${bareMissing} frames (overloaded machine?)`);
} finally {
  for (const p of pools) p.close();
  await app.close();
  await bus.close();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}
