import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exkit, transcript } from './helpers/run.js';
import { bitunixFlags, bitunixKeys, bybitFlags, bybitKeys, startBitunixSimulator, startBybitSimulator, type BitunixSimulator, type BybitSimulator } from './helpers/sims.js';

interface OrderJson {
  readonly id: string;
  readonly symbol: string;
  readonly status: string;
  readonly price: string;
  readonly amount: string;
}

describe('exkit order place → orders → order cancel (built binary against the simulators)', () => {
  let bybit: BybitSimulator;
  let bitunix: BitunixSimulator;
  beforeAll(async () => {
    bybit = await startBybitSimulator({ seed: 'cli-orders' });
    bitunix = await startBitunixSimulator({ seed: 'cli-orders' });
  });
  afterAll(async () => {
    await bybit.close();
    await bitunix.close();
    const all = transcript.join('\n');
    for (const s of [bybit.apiKey, bybit.apiSecret, bitunix.apiKey, bitunix.apiSecret]) expect(all).not.toContain(s);
  });

  it('bybit: places a resting limit order (rounded onto the grid with a note), lists it, cancels it', async () => {
    const flags = bybitFlags(bybit);
    const env = bybitKeys(bybit);
    const placed = await exkit(['order', 'place', 'bybit', 'BTC/USDT:USDT', 'buy', '0.00123', '--price', '30000.05', '--json', ...flags], { env });
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.stderr).toContain('amount 0.00123 rounded down to 0.001 (step 0.001)');
    expect(placed.stderr).toContain('price 30000.05 rounded down to 30000 (tick 0.1)');
    const order = JSON.parse(placed.stdout) as OrderJson;
    expect(order).toMatchObject({ symbol: 'BTC/USDT:USDT', status: 'open', price: '30000', amount: '0.001' });
    // The venue holds exactly what was sent.
    expect((await bybit.control.orders({ id: order.id }))[0]).toMatchObject({ status: 'open', price: '30000', amount: '0.001' });

    const listed = await exkit(['orders', 'bybit', '--json', ...flags], { env });
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as OrderJson[]).map((o) => o.id)).toContain(order.id);
    const table = await exkit(['orders', 'bybit', 'BTC/USDT:USDT', ...flags], { env });
    expect(table.stdout).toMatch(new RegExp(`│ ${order.id} +│.*│ open +│ 30000 +│ 0\\.001 `));

    const canceled = await exkit(['order', 'cancel', 'bybit', 'BTC/USDT:USDT', order.id, '--json', ...flags], { env });
    expect(canceled.code, canceled.stderr).toBe(0);
    expect(JSON.parse(canceled.stdout)).toMatchObject({ id: order.id, status: 'canceled' });
    expect((await bybit.control.orders({ id: order.id }))[0]?.status).toBe('canceled');
    const after = await exkit(['orders', 'bybit', '--json', ...flags], { env });
    expect((JSON.parse(after.stdout) as OrderJson[]).map((o) => o.id)).not.toContain(order.id);
  });

  it('bitunix: the same round trip by client order id', async () => {
    const flags = bitunixFlags(bitunix);
    const env = bitunixKeys(bitunix);
    const placed = await exkit(['order', 'place', 'bitunix', 'BTC/USDT:USDT', 'sell', '0.002', '--price', '99999', '--client-id', 'cli-rt-1', '--json', ...flags], { env });
    expect(placed.code, placed.stderr).toBe(0);
    const order = JSON.parse(placed.stdout) as OrderJson;
    expect(order.status).toBe('open');
    const listed = await exkit(['orders', 'bitunix', 'BTC/USDT:USDT', '--json', ...flags], { env });
    expect((JSON.parse(listed.stdout) as OrderJson[]).map((o) => o.id)).toContain(order.id);
    const canceled = await exkit(['order', 'cancel', 'bitunix', 'BTC/USDT:USDT', 'cli-rt-1', '--by-client-id', '--json', ...flags], { env });
    expect(canceled.code, canceled.stderr).toBe(0);
    expect(JSON.parse(canceled.stdout)).toMatchObject({ id: order.id, status: 'canceled' });
  });

  it('trading commands refuse to run without credentials (exit 2, says how to give them)', async () => {
    const r = await exkit(['orders', 'bybit', ...bybitFlags(bybit)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('BYBIT_API_KEY/BYBIT_API_SECRET');
  });

  it('an amount below the market minimum is refused before anything is sent', async () => {
    const before = (await bybit.control.receivedRequests()).filter((q) => q.operation === 'placeOrder').length;
    const r = await exkit(['order', 'place', 'bybit', 'BTC/USDT:USDT', 'buy', '0.0001', '--price', '30000', ...bybitFlags(bybit)], { env: bybitKeys(bybit) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('below the minimum 0.001');
    expect((await bybit.control.receivedRequests()).filter((q) => q.operation === 'placeOrder')).toHaveLength(before);
  });
});
