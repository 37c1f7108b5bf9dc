/**
 * The soak's child process (run with --expose-gc by bybit-soak.bench.ts): one exkit Bybit client
 * against the simulator front; the trade stream and 1,000 subscribe/unsubscribe cycles go over real
 * loopback WebSockets, and the 10 million trade messages are handed to the client's own socket as
 * received frames (`ws` 'message' events on its connected WebSocket — the exact handler path from
 * there on: decode, topic routing, zod, Decimal, Trade, the subscription). Why not through the
 * front: it emits trades only when its matching engine trades (~36k orders/s at best) and a 10M
 * frame flood over loopback would mostly time the server and the kernel on a shared 2-core VM.
 *
 * Heap is read after forced GCs once warm, then after the run; prints BENCH_RESULT lines.
 */
import { createRequire } from 'node:module';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { report } from '../../src/index.js';
import { startBybitRig } from './bybit-sim.js';

const MESSAGES = Number(process.env['SOAK_MESSAGES'] ?? 10_000_000);
const CYCLES = Number(process.env['SOAK_CYCLES'] ?? 1_000);
const BUDGET_MS = Number(process.env['SOAK_BUDGET_MS'] ?? 300_000);
const WARMUP = 200_000;
const BATCH = 500; // messages between yields to the event loop (socket I/O, acks, heartbeats)

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

interface ClientSocket {
  readonly url: string;
  readonly _isServer: boolean;
  emit(event: 'message', data: Buffer, isBinary: boolean): boolean;
}
// The `ws` module instance core's socket layer uses: note every client socket that connects.
const ws = createRequire(import.meta.resolve('@exkit/core'))('ws') as { prototype: { setSocket: (...args: unknown[]) => unknown } };
const sockets: ClientSocket[] = [];
const setSocket = ws.prototype.setSocket;
ws.prototype.setSocket = function (this: ClientSocket, ...args: unknown[]) {
  if (!this._isServer) sockets.push(this);
  return setSocket.apply(this, args);
};

const settle = (): number => {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number): number => Number((bytes / 1_048_576).toFixed(2));

const rig = await startBybitRig('bench-soak');
await rig.sim.control.freeze(true); // no background trades: every delivered trade is one we sent
const SYMBOL = rig.market.symbol;
const stream = rig.exchange.streams.trades(SYMBOL);
let delivered = 0;
let lastId = '';
stream.onItem((t) => {
  delivered++;
  lastId = t.id;
});
await stream.ready;
const socket = sockets.find((s) => s.url.endsWith('/v5/public/linear'));
if (socket === undefined) throw new Error('the client has no public linear socket');

const head = `{"topic":"publicTrade.${rig.market.id}","type":"snapshot","ts":`;
let ts = 1_672_304_486_868;
let sent = 0;
const send = (): void => {
  ts++;
  const side = (sent & 1) === 0 ? 'Buy' : 'Sell';
  const price = `${16_000 + (sent % 1_000)}.${sent % 10}0`;
  socket.emit('message', Buffer.from(`${head}${ts},"data":[{"T":${ts},"s":"${rig.market.id}","S":"${side}","v":"0.00${1 + (sent % 9)}","p":"${price}","L":"PlusTick","i":"t-${sent}","BT":false,"seq":${sent}}]}`), false);
  sent++;
};

/** One subscribe/unsubscribe cycle over the real socket: another symbol's trades, acked, then dropped. */
const cycle = async (): Promise<void> => {
  const other = rig.exchange.streams.trades('ETH/USDT:USDT');
  await other.ready;
  await other.close();
};

for (let i = 0; i < WARMUP; i++) {
  send();
  if (i % BATCH === 0) await yieldToLoop();
}
for (let i = 0; i < 10; i++) await cycle();
const heapBefore = settle();
const started = Date.now();
sent = 0;
delivered = 0;
// One cycle every MESSAGES / CYCLES messages, awaited: churn while the stream is busy.
const every = Math.max(BATCH, Math.floor(MESSAGES / CYCLES / BATCH) * BATCH);
let cycles = 0;
let cutShort = false;
while (sent < MESSAGES) {
  for (let i = 0; i < BATCH && sent < MESSAGES; i++) send();
  await yieldToLoop();
  if (sent % every === 0 && cycles < CYCLES) {
    await cycle();
    cycles++;
  }
  if (sent % 1_000_000 === 0) console.log(`${sent} messages, ${cycles} cycles, ${((Date.now() - started) / 1000).toFixed(0)} s, heap ${mb(process.memoryUsage().heapUsed)} MB`);
  if (Date.now() - started > BUDGET_MS) {
    cutShort = true;
    break;
  }
}
while (cycles < CYCLES && !cutShort) {
  await cycle();
  cycles++;
}
const seconds = (Date.now() - started) / 1000;
await yieldToLoop();
if (delivered !== sent || lastId !== `t-${sent - 1}`) throw new Error(`sent ${sent} trades, the stream delivered ${delivered} (last ${lastId})`);
const heapAfter = settle();
await stream.close();
await rig.close();

if (cutShort) console.log(`time budget of ${BUDGET_MS / 1000} s reached: ${sent} of ${MESSAGES} messages, ${cycles} of ${CYCLES} cycles`);
console.log(`${sent} messages and ${cycles} cycles in ${seconds.toFixed(1)} s; heap ${mb(heapBefore)} → ${mb(heapAfter)} MB`);
report({ name: 'bybit/soak/messages through one client', unit: 'messages', value: sent });
report({ name: 'bybit/soak/subscribe-unsubscribe cycles through one client', unit: 'cycles', value: cycles });
report({ name: 'bybit/soak/throughput, frame → Trade delivered', unit: 'messages/s', value: Math.round(sent / seconds) });
report({ name: 'bybit/soak/heap growth after GC (target ≤ 5 MB)', unit: 'MB', value: mb(heapAfter - heapBefore) });
