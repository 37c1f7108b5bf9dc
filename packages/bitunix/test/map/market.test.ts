import { Decimal } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { toMarket, toWireQty } from '../../src/map/market.js';
import { tradingPairSchema, tradingPairsSchema } from '../../src/rest/schemas/market.js';
import { fixtureData } from '../helpers/fixtures.js';

const pair = (over: Record<string, unknown>) =>
  tradingPairSchema.parse({
    symbol: 'BTCUSDT',
    base: 'BTC',
    quote: 'USDT',
    minTradeVolume: '0.0001',
    maxLimitOrderVolume: '100000',
    maxMarketOrderVolume: '50000',
    basePrecision: 4,
    quotePrecision: 1,
    maxLeverage: 125,
    symbolStatus: 'OPEN',
    ...over,
  });

describe('trading pair → Market', () => {
  it('maps the 2026 fixture exactly', () => {
    const [p] = tradingPairsSchema.parse(fixtureData('rest-trading-pairs-2026.json'));
    const m = toMarket(p!);
    expect(m).toMatchObject({ symbol: 'BTC/USDT:USDT', id: 'BTCUSDT', type: 'swap', base: 'BTC', quote: 'USDT', settle: 'USDT', active: true });
    expect(m?.tickSize.toFixed()).toBe('0.1');
    expect(m?.stepSize.toFixed()).toBe('0.0001');
    expect(m?.minAmount.toFixed()).toBe('0.0001');
    expect(m?.maxAmount?.toFixed()).toBe('100000');
    expect(m?.maxMarketAmount?.toFixed()).toBe('50000');
    expect(m?.maxLeverage?.toFixed()).toBe('125');
    expect(m?.contractSize.toFixed()).toBe('1');
  });

  const cases: Array<[string, Record<string, unknown>, Partial<{ symbol: string; active: boolean }> | undefined]> = [
    ['CANCEL_ONLY is inactive', { symbolStatus: 'CANCEL_ONLY' }, { active: false }],
    ['STOP is inactive', { symbolStatus: 'STOP' }, { active: false }],
    ['PREVIEW (live) is inactive', { symbolStatus: 'PREVIEW' }, { active: false }],
    ['mixed-case status is read', { symbolStatus: 'Open' }, { active: true }],
    ['API trading disabled is inactive', { isApiSupported: false }, { active: false }],
    ['1000PEPE keeps its multiplier in the unified base', { symbol: '1000PEPEUSDT', base: 'PEPE' }, { symbol: '1000PEPE/USDT:USDT' }],
    ['USDC-M is out of scope', { symbol: 'BTCUSDC', quote: 'USDC' }, undefined],
    ['coin-M is out of scope', { symbol: 'BTCUSD', quote: 'USD' }, undefined],
  ];
  it.each(cases)('%s', (_name, over, expected) => {
    const m = toMarket(pair(over));
    if (expected === undefined) expect(m).toBeUndefined();
    else expect(m).toMatchObject(expected);
  });

  it('an unknown symbolStatus is refused, not defaulted', () => {
    expect(tradingPairSchema.safeParse({ ...pair({}), symbolStatus: 'HALTED' }).success).toBe(false);
  });

  it('null offsets and limits (live) are accepted', () => {
    const m = toMarket(pair({ minBuyPriceOffset: null, maxSellPriceOffset: null, maxMarketOrderVolume: null }));
    expect(m?.maxMarketAmount).toBeUndefined();
  });

  it('defaultMarginMode parses as number or text', () => {
    expect(pair({ defaultMarginMode: 1 }).defaultMarginMode).toBe(1);
    expect(pair({ defaultMarginMode: 'Isolation' }).defaultMarginMode).toBe('Isolation');
  });

  it('quantities go to the wire unconverted (contract size 1) and exactly', () => {
    const m = toMarket(pair({}))!;
    expect(toWireQty(new Decimal('0.0010'), m)).toBe('0.001');
    expect(toWireQty(new Decimal('123456789.1234'), m)).toBe('123456789.1234');
  });
});
