/**
 * Run as a child process (`node --import tsx close-child.ts`): uses the REST machinery the way an
 * adapter would — keep-alive requests, a limiter with a waiter, a started clock sync, a call in
 * flight — then closes everything and does NOT call process.exit. The parent asserts that this
 * process exits by itself: nothing from the transport is left holding the event loop.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClosedError, RateLimiter, RestTransport, RetryPolicy, ServerTimeSync } from '../../../src/index.js';

const server = createServer((req, res) => {
  if (req.url === '/hang') return; // never answers
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ serverTime: Date.now() }));
});
server.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const { port } = server.address() as AddressInfo;

const limiter = new RateLimiter({ buckets: { ip: { limit: 2, windowMs: 60_000 } }, headroom: 0 });
const transport = new RestTransport({ exchange: 'child', baseUrl: `http://127.0.0.1:${port}`, limiter, retry: RetryPolicy.none() });
const time = new ServerTimeSync({
  fetchServerTime: async (signal) => (await transport.request<{ serverTime: number }>({ path: '/time', signal })).serverTime,
  refreshIntervalMs: 1_000,
});
time.start();
await time.sync();

await transport.request({ path: '/a', cost: { ip: 1 } });
const hanging = transport.request({ path: '/hang' });
const queued = transport.request({ path: '/b', cost: { ip: 1 } }).then(() => transport.request({ path: '/c', cost: { ip: 1 } }));

await new Promise((r) => setTimeout(r, 100));
time.stop();
await transport.close();
limiter.close();
const outcomes = await Promise.allSettled([hanging, queued]);
const closed = outcomes.every((o) => o.status === 'rejected' && o.reason instanceof ClosedError);
await new Promise<void>((r) => server.close(() => r()));
process.stdout.write(closed ? 'closed-ok\n' : `unexpected: ${JSON.stringify(outcomes.map((o) => o.status))}\n`);
