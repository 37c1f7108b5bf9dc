import { Decimal, marketSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { mapLinearInstrument, mapSpotInstrument } from '../../src/map/market.js';
import { linearInstrumentsResponseSchema, spotInstrumentsResponseSchema } from '../../src/rest/schemas/market.js';
import { fixture } from '../helpers/fixtures.js';
import { plain } from '../helpers/markets.js';

const linear = (name: string, patch: Record<string, unknown> = {}) => {
  const body = fixture<{ result: { list: Array<Record<string, unknown>> } }>(name);
  Object.assign(body.result.list[0]!, patch);
  return linearInstrumentsResponseSchema.parse(body).result.list[0]!;
};
const spot = (patchLot: Record<string, unknown> = {}) => {
  const body = fixture<{ result: { list: Array<{ lotSizeFilter: Record<string, unknown> }> } }>('instruments-info-spot.json');
  Object.assign(body.result.list[0]!.lotSizeFilter, patchLot);
  return spotInstrumentsResponseSchema.parse(body).result.list[0]!;
};

describe('mapLinearInstrument', () => {
  it('maps the BTCUSDT perpetual exactly (contract size 1: qty is base coin)', () => {
    const m = mapLinearInstrument(linear('instruments-info-linear.json'))!;
    expect(marketSchema.safeParse(m).success).toBe(true);
    expect(plain(m)).toEqual({
      symbol: 'BTC/USDT:USDT',
      id: 'BTCUSDT',
      type: 'swap',
      base: 'BTC',
      quote: 'USDT',
      settle: 'USDT',
      active: true,
      contractSize: '1',
      tickSize: '0.1',
      stepSize: '0.001',
      minAmount: '0.001',
      maxAmount: '1190',
      maxMarketAmount: '500',
      minNotional: '5',
      maxLeverage: '100',
    });
    expect(m.minAmount.mod(m.stepSize).isZero()).toBe(true);
  });

  it.each([
    ['PreLaunch', false],
    ['Trading', true],
    ['Delivering', false],
    ['Closed', false],
  ])('status %s → active %s', (status, active) => {
    expect(mapLinearInstrument(linear('instruments-info-linear.json', { status }))!.active).toBe(active);
  });

  it('a pre-listing contract keeps its own grid', () => {
    const m = mapLinearInstrument(linear('instruments-info-linear-prelisting.json'))!;
    expect([m.symbol, m.active, m.tickSize.toFixed(), m.stepSize.toFixed(), m.maxLeverage?.toFixed()]).toEqual(['BIO/USDT:USDT', false, '0.0001', '1', '5']);
  });

  it('dated futures are left out (no unified form without expiry)', () => {
    expect(mapLinearInstrument(linear('instruments-info-linear.json', { contractType: 'LinearFutures', symbol: 'BTC-26DEC25' }))).toBeUndefined();
  });

  it('a USDC perpetual settles in USDC', () => {
    const m = mapLinearInstrument(linear('instruments-info-linear.json', { symbol: 'ETHPERP', baseCoin: 'ETH', quoteCoin: 'USDC', settleCoin: 'USDC' }))!;
    expect([m.symbol, m.id]).toEqual(['ETH/USDC:USDC', 'ETHPERP']);
  });

  it('"" for optional filters means absent', () => {
    const body = fixture<{ result: { list: Array<{ lotSizeFilter: Record<string, unknown> }> } }>('instruments-info-linear.json');
    Object.assign(body.result.list[0]!.lotSizeFilter, { minNotionalValue: '', maxMktOrderQty: '' });
    const m = mapLinearInstrument(linearInstrumentsResponseSchema.parse(body).result.list[0]!)!;
    expect(m.minNotional).toBeUndefined();
    expect(m.maxMarketAmount).toBeUndefined();
  });
});

describe('mapSpotInstrument', () => {
  it('maps BTCUSDT spot: basePrecision grid, min order value, limit/market caps', () => {
    const m = mapSpotInstrument(spot());
    expect(marketSchema.safeParse(m).success).toBe(true);
    expect(plain(m)).toEqual({
      symbol: 'BTC/USDT',
      id: 'BTCUSDT',
      type: 'spot',
      base: 'BTC',
      quote: 'USDT',
      active: true,
      contractSize: '1',
      tickSize: '0.1',
      stepSize: '0.000001',
      minAmount: '0.000011',
      maxAmount: '83',
      maxMarketAmount: '41.5',
      minNotional: '5',
    });
  });

  it('without the deprecated minOrderQty the minimum is one step', () => {
    const m = mapSpotInstrument(spot({ minOrderQty: undefined, maxLimitOrderQty: undefined }));
    expect(m.minAmount).toEqual(new Decimal('0.000001'));
    expect(m.maxAmount?.toFixed()).toBe('83'); // falls back to maxOrderQty
  });
});
