import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, spawnExkit, transcript, waitForOutput } from './helpers/run.js';
import { bitunixFlags, bybitFlags, bybitKeys, startBitunixSimulator, startBybitSimulator, type BitunixSimulator, type BybitSimulator } from './helpers/sims.js';

const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

describe('exkit watch (built binary) survives a forced disconnect', () => {
  let bybit: BybitSimulator;
  let bitunix: BitunixSimulator;
  beforeAll(async () => {
    bybit = await startBybitSimulator({ seed: 'cli-watch' });
    bitunix = await startBitunixSimulator({ seed: 'cli-watch' });
  });
  afterAll(async () => {
    await bybit.close();
    await bitunix.close();
    const all = transcript.join('\n');
    for (const s of [bybit.apiKey, bybit.apiSecret]) expect(all).not.toContain(s);
  });

  it('bybit ticker: keeps printing after the venue resets every socket, and says it reconnected', async () => {
    const child = spawnExkit(['watch', 'bybit', 'ticker', 'BTC/USDT:USDT', ...bybitFlags(bybit)]);
    const done = collect(child, 60_000);
    const before = await waitForOutput(child, 'stdout', (t) => lines(t).length >= 1);
    expect(before).toMatch(/ticker BTC\/USDT:USDT bid \d/);
    await bybit.control.fault({ kind: 'resetConnections', scope: 'all' });
    await waitForOutput(child, 'stderr', (t) => /reconnected, resubscribed/.test(t));
    // Fresh ticks arrive on the new socket.
    await waitForOutput(child, 'stdout', (t) => lines(t).length >= 2);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/connection lost .*reconnecting, attempt 1/);
  });

  it('bybit private orders stream (NDJSON) survives the reset too and then delivers an order event', async () => {
    const child = spawnExkit(['watch', 'bybit', 'orders', '--ndjson', ...bybitFlags(bybit)], { env: bybitKeys(bybit) });
    const done = collect(child, 60_000);
    // Reset only once the CLI's private socket is logged in (polled on the venue, bounded).
    for (let i = 0; i < 100; i += 1) {
      const live = (await bybit.control.connections()).filter((c) => c.scope === 'private' && c.closedAt === undefined && c.authAttempts.some((a) => a.ok));
      if (live.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await bybit.control.fault({ kind: 'resetConnections', scope: 'all' });
    await waitForOutput(child, 'stderr', (t) => /private.*reconnected, resubscribed/.test(t));
    const book = await bybit.control.book('BTCUSDT', 1);
    const bid = book.bids[0]?.[0] ?? '60000';
    // A far-from-market order placed directly on the venue shows up on the stream.
    const { createBybit } = await import('@exkit/bybit');
    const client = createBybit({ environment: 'custom', urls: { rest: bybit.restUrl, publicWs: { linear: bybit.wsPublicUrl('linear'), spot: bybit.wsPublicUrl('spot') }, privateWs: bybit.wsPrivateUrl }, credentials: { apiKey: bybit.apiKey, apiSecret: bybit.apiSecret } });
    try {
      await client.placeOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'limit', amount: '0.001', price: String(Math.floor(Number(bid) * 0.8)) });
    } finally {
      await client.close();
    }
    const text = await waitForOutput(child, 'stdout', (t) => lines(t).length >= 1);
    const event = JSON.parse(lines(text)[0] as string) as { symbol: string; status: string; amount: string };
    expect(event).toMatchObject({ symbol: 'BTC/USDT:USDT', status: 'open', amount: '0.001' });
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
  });

  it('bitunix trades: --count ends the stream by itself after a reset', async () => {
    const child = spawnExkit(['watch', 'bitunix', 'trades', 'BTC/USDT:USDT', '--count', '3', ...bitunixFlags(bitunix)]);
    const done = collect(child, 60_000);
    await waitForOutput(child, 'stdout', (t) => lines(t).length >= 1);
    await bitunix.control.fault({ kind: 'resetConnections', scope: 'all' });
    const r = await done;
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toHaveLength(3);
    for (const l of lines(r.stdout)) expect(l).toMatch(/trade BTC\/USDT:USDT (buy|sell) [\d.]+ @ [\d.]+/);
  });
});
