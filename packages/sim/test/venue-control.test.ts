import { describe, expect, it } from 'vitest';
import { engineVenueControl, SimRejection, SimVenue } from '../src/index.js';
import { PERP_DEF, SPOT_DEF } from './helpers.js';

/** The kit's view: native ids and plain strings, through the engine's part of `VenueControl`. */
function kit() {
  const venue = new SimVenue({ virtual: true, seed: 'kit', instruments: [PERP_DEF, SPOT_DEF], wallet: { USDT: '10000', TEST: '100' } });
  const control = engineVenueControl(venue);
  return { venue, control, id: 'TESTUSDT' };
}

describe('the engine side of VenueControl (what the conformance kit drives)', () => {
  it('CK-OR-02/03: seeded book, limit buys walk and rest', async () => {
    const { venue, control, id } = kit();
    await control.freeze(true);
    await control.seedBook(id, { bids: [['90.0', '5']], asks: [['100.0', '1'], ['101.0', '3'], ['102.0', '5']] });
    const a = venue.defaultAccountId;
    venue.placeOrder(a, { symbol: 'TEST/USDT:USDT', side: 'buy', type: 'limit', size: '4', price: '101.0' });
    venue.placeOrder(a, { symbol: 'TEST/USDT:USDT', side: 'buy', type: 'limit', size: '7', price: '102.0' });
    const [first, second] = await control.orders();
    expect(first).toMatchObject({ status: 'filled', filled: '4', amount: '4' });
    expect(second).toMatchObject({ status: 'open', filled: '5', amount: '7', price: '102' });
    expect((await control.book(id, 1)).bids).toEqual([['102.0', '2.0']]);
    expect((await control.fills()).map((f) => [f.price, f.size, f.liquidity])).toEqual([
      ['100', '1', 'taker'],
      ['101', '3', 'taker'],
      ['102', '5', 'taker'],
    ]);
  });

  it('CK-BK-05: scripted deltas — add, resize, zero, delete best, delete absent, two spellings of one price', async () => {
    const { venue, control, id } = kit();
    await control.freeze(true);
    await control.seedBook(id, { bids: [['99.0', '1']], asks: [['101.0', '1']] });
    const deltas: Array<{ bids: readonly (readonly [string, string])[]; seq: number }> = [];
    venue.subscribe((e) => {
      if (e.channel === 'public' && e.type === 'book' && !e.snapshot) deltas.push({ bids: e.bids, seq: e.seq });
    });
    await control.changeBook(id, [
      { side: 'bid', price: '100.10', size: '2' },
      { side: 'bid', price: '100.1', size: '3' },
      { side: 'bid', price: '100.10', size: '0' },
      { side: 'bid', price: '99.0', size: '0' },
      { side: 'bid', price: '98.0', size: '0' },
    ]);
    expect(deltas.map((d) => d.bids)).toEqual([[['100.10', '2']], [['100.1', '3']], [['100.10', '0']], [['99.0', '0']], [['98.0', '0']]]);
    deltas.forEach((d, i) => i === 0 || expect(d.seq).toBe(deltas[i - 1]!.seq + 1));
    expect((await control.book(id, 10)).bids).toEqual([]);
  });

  it('CK-MD-03/09: frozen seeded book; ticker top equals the book; scripted trades arrive once, in order, as printed', async () => {
    const { venue, control, id } = kit();
    await control.freeze(true);
    await control.seedBook(id, { bids: [['99.5', '2']], asks: [['100.5', '3']] });
    const seen: string[] = [];
    venue.subscribe((e) => e.channel === 'public' && e.type === 'trade' && e.symbol === 'TEST/USDT:USDT' && seen.push(`${e.trade.id}:${e.trade.price.toFixed()}`));
    const printed = await control.printTrades(id, Array.from({ length: 50 }, (_, i) => ({ price: (100 + i / 10).toFixed(1), size: '0.1', side: i % 2 ? 'sell' : 'buy' }) as const));
    expect(seen).toEqual(printed.map((t) => `${t.id}:${Number(t.price)}`));
    expect(await control.tape(id, 50)).toEqual(printed);
    const t = venue.ticker('TEST/USDT:USDT');
    expect([t.bid?.toFixed(), t.ask?.toFixed(), t.last.toFixed()]).toEqual(['99.5', '100.5', printed.at(-1)!.price]);
    await control.fault({ kind: 'timestampUnit', unit: 'ns' });
    expect((await control.tape(id, 1))[0]!.rawTimestamp).toBe(`${printed.at(-1)!.timestamp}000000`);
  });

  it('CK-AC-02/07: margin reserved = notional / leverage moves free → used; cancel restores it exactly', async () => {
    const { venue, control, id } = kit();
    await control.freeze(true);
    const a = venue.defaultAccountId;
    venue.setLeverage(a, 'TEST/USDT:USDT', '5');
    const before = (await control.account()).balances['USDT']!;
    const o = venue.placeOrder(a, { symbol: 'TEST/USDT:USDT', side: 'buy', type: 'limit', size: '3', price: '90.0' });
    const during = (await control.account()).balances['USDT']!;
    expect(during).toEqual({ total: before.total, free: '9946', used: '54' });
    expect((await control.account()).leverage[id]).toBe('5');
    venue.cancelOrder(a, { orderId: o.id });
    expect((await control.account()).balances['USDT']).toEqual(before);
  });

  it('CK-ER-02: a read-only key on a fresh account reads but cannot trade', async () => {
    const { venue, control } = kit();
    const creds = await control.createApiKey({ permissions: ['read'], freshAccount: true, wallet: { USDT: '123.45' } });
    expect((await control.account(creds.apiKey)).balances['USDT']).toEqual({ total: '123.45', free: '123.45', used: '0' });
    expect(() => venue.authorize(creds.apiKey, 'trade')).toThrow(SimRejection);
  });

  it('CK-SY-03/06, CK-PR-04: instruments as the kit reads them; halt; an added contract market', async () => {
    const { control, id } = kit();
    const list = await control.instruments();
    expect(list.find((i) => i.type === 'swap')).toMatchObject({ nativeId: id, tickSize: '0.1', stepSize: '0.1', minQty: '0.1', contractSize: '1', maxLeverage: '50', status: 'trading' });
    await control.setMarketStatus(id, 'halted');
    expect((await control.instruments()).find((i) => i.type === 'swap')!.status).toBe('halted');
    await control.addInstrument({ nativeId: 'CNTUSDT', type: 'swap', base: 'CNT', quote: 'USDT', settle: 'USDT', tickSize: '0.000012345', stepSize: '0.00000001', minQty: '0.00000001', contractSize: '0.00000001', makerFee: '0', takerFee: '0' });
    const added = (await control.instruments()).find((i) => i.nativeId === 'CNTUSDT')!;
    expect(added.contractSize).toBe('0.00000001');
    await control.seedBook('CNTUSDT', { bids: [['0.000012345', '123456789.12345678']], asks: [['0.00002469', '1e-8']] });
    expect((await control.book('CNTUSDT', 1))).toMatchObject({ bids: [['0.000012345', '123456789.12345678']], asks: [['0.00002469', '1e-8']] });
  });

  it('clock: now is the venue clock with skew; advanceClock closes candles; reset returns to the start', async () => {
    const { venue, control, id } = kit();
    const t0 = await control.now();
    await control.fault({ kind: 'clockSkew', offsetMs: 5000 });
    expect(await control.now()).toBe(t0 + 5000);
    await control.freeze(true);
    await control.advanceClock(120_000);
    const cs = await control.candles(id, '1m', t0, t0 + 120_000);
    expect(cs.map((c) => c.openTime - t0)).toEqual([0, 60_000]);
    await control.reset();
    expect(await control.now()).toBe(t0);
    expect(venue.frozen).toBe(false);
    expect(await control.orders()).toEqual([]);
  });
});
