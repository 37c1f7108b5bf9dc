import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exkit, transcript } from './helpers/run.js';
import { bybitFlags, bybitKeys, startBybitSimulator, type BybitSimulator } from './helpers/sims.js';

describe('market data and account views (built binary against the bybit simulator)', () => {
  let sim: BybitSimulator;
  beforeAll(async () => {
    sim = await startBybitSimulator({ seed: 'cli-market' });
  });
  afterAll(async () => {
    await sim.close();
    const all = transcript.join('\n');
    for (const s of [sim.apiKey, sim.apiSecret]) expect(all).not.toContain(s);
  });

  it('markets: the instrument table with its grid', async () => {
    const r = await exkit(['markets', 'bybit', '--json', ...bybitFlags(sim)]);
    expect(r.code, r.stderr).toBe(0);
    const markets = JSON.parse(r.stdout) as Array<{ symbol: string; id: string; tickSize: string; stepSize: string }>;
    const venue = await sim.control.instruments();
    const btc = venue.find((i) => i.nativeId === 'BTCUSDT' && i.type === 'swap');
    expect(markets.find((m) => m.id === 'BTCUSDT')).toMatchObject({ symbol: 'BTC/USDT:USDT', tickSize: btc?.tickSize, stepSize: btc?.stepSize });
  });

  it('book: the venue book, asks above bids, exact prices', async () => {
    await sim.control.freeze(true);
    try {
      await sim.control.seedBook('BTCUSDT', { bids: [['60000.1', '1.5'], ['59999.9', '2']], asks: [['60000.5', '0.25'], ['60001', '3']] });
      const r = await exkit(['book', 'bybit', 'BTCUSDT', '--depth', '2', ...bybitFlags(sim)]);
      expect(r.code, r.stderr).toBe(0);
      const rows = r.stdout.split('\n').filter((l) => /│ [\d ]/.test(l) && !l.includes('price'));
      expect(rows.map((l) => l.split('│').map((c) => c.trim()).filter((c, i) => i > 0 && i < 4))).toEqual([
        ['', '60001', '3'],
        ['', '60000.5', '0.25'],
        ['1.5', '60000.1', ''],
        ['2', '59999.9', ''],
      ]);
      expect(r.stdout).toContain('spread 0.4');
    } finally {
      await sim.control.freeze(false);
    }
  });

  it('ticker and trades answer; book --watch --count ends by itself', async () => {
    const ticker = await exkit(['ticker', 'bybit', 'BTC/USDT:USDT', '--json', ...bybitFlags(sim)]);
    expect(ticker.code, ticker.stderr).toBe(0);
    expect(JSON.parse(ticker.stdout)).toMatchObject({ symbol: 'BTC/USDT:USDT', last: expect.stringMatching(/^\d+(\.\d+)?$/) });
    // five prints of our own, so `--limit 5` is filled whatever the background flow did
    await sim.control.printTrades('BTCUSDT', Array.from({ length: 5 }, () => ({ price: '60000', size: '0.5', side: 'buy' as const })));
    const trades = await exkit(['trades', 'bybit', 'BTC/USDT:USDT', '--limit', '5', '--json', ...bybitFlags(sim)]);
    expect(trades.code, trades.stderr).toBe(0);
    expect((JSON.parse(trades.stdout) as unknown[]).length).toBe(5);
    const live = await exkit(['book', 'bybit', 'BTC/USDT:USDT', '--watch', '--count', '2', '--json', ...bybitFlags(sim)]);
    expect(live.code, live.stderr).toBe(0);
    expect(live.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('--verbose logs the adapter\'s traffic on stderr without any credential', async () => {
    const r = await exkit(['balance', 'bybit', '--verbose', ...bybitFlags(sim)], { env: bybitKeys(sim) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('credentials from environment BYBIT_API_KEY/BYBIT_API_SECRET (values redacted)');
    expect(r.stderr).toMatch(/\[debug\] rest response .*wallet-balance/);
    expect(r.stdout).toMatch(/│ USDT +│ 100000 /);
  });
});
