import { fillSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { executionFeeCurrency, FILL_EXEC_TYPES, mapExecution } from '../../src/map/fill.js';
import { execTypeSchema } from '../../src/rest/schemas/common.js';
import { executionListResponseSchema, executionSchema } from '../../src/rest/schemas/trade.js';
import { wsExecutionFrameSchema } from '../../src/ws/schemas/private.js';
import { fixture } from '../helpers/fixtures.js';
import { linearMarket, plain, spotMarket } from '../helpers/markets.js';

const spot = spotMarket('BTCUSDT', 'BTC');
const exec = (fields: Record<string, unknown> = {}) =>
  executionSchema.parse({
    symbol: 'BTCUSDT',
    orderId: 'o1',
    orderLinkId: '',
    side: 'Buy',
    execId: 'e1',
    execPrice: '100.1',
    execQty: '0.3',
    execFee: '0.01',
    execType: 'Trade',
    execTime: '1700000000000',
    isMaker: false,
    feeRate: '0.001',
    ...fields,
  });

describe('mapExecution', () => {
  it('the REST fixture: a taker fill of a USDC perpetual, fee in the settle coin', () => {
    const res = executionListResponseSchema.parse(fixture('execution-list.json'));
    const f = mapExecution(res.result.list[0]!, linearMarket('ETHPERP', 'ETH', 'USDC'))!;
    expect(fillSchema.safeParse(f).success).toBe(true);
    expect(plain(f)).toEqual({
      id: 'e0cbe81d-0f18-5866-9415-cf319b5dab3b',
      orderId: '8c065341-7b52-4ca9-ac2c-37e31ac55c94',
      symbol: 'ETH/USDC:USDC',
      side: 'buy',
      price: '1190.15',
      size: '0.1',
      cost: '119.015',
      fee: { amount: '0.071409', currency: 'USDC' },
      liquidity: 'taker',
      timestamp: 1672282722429,
    });
  });

  it('the WS push: feeCurrency given, extraFees an array', () => {
    const frame = wsExecutionFrameSchema.parse(fixture('ws-execution.json'));
    const f = mapExecution(frame.data[0]!, linearMarket('BTCUSDT', 'BTC'))!;
    expect(plain([f.side, f.size, f.cost, f.fee])).toEqual(['sell', '0.5', '47950.05', { amount: '26.3725275', currency: 'USDT' }]);
  });

  it('cost is price × size exactly, the fee as reported (a rebate stays negative)', () => {
    const f = mapExecution(exec({ execPrice: '0.000012345', execQty: '123456789.12345678', execValue: '1524.07', execFee: '-0.0001', isMaker: true }), spot)!;
    expect(f.cost.toFixed()).toBe('1524.0740617290739491');
    expect(f.fee.amount.toFixed()).toBe('-0.0001');
    expect(f.liquidity).toBe('maker');
  });

  it.each(execTypeSchema.options.map((t) => [t, FILL_EXEC_TYPES.has(t)] as const))('execType %s is a fill: %s', (execType, isFill) => {
    expect(mapExecution(exec({ execType }), spot) !== undefined).toBe(isFill);
  });

  // DOCS docs/v5/enum.mdx "Spot Fee Currency Instruction".
  it.each([
    ['Buy', false, '0.001', 'BTC'],
    ['Sell', false, '0.001', 'USDT'],
    ['Buy', true, '0.001', 'BTC'],
    ['Sell', true, '0.001', 'USDT'],
    ['Buy', true, '-0.0001', 'USDT'],
    ['Sell', true, '-0.0001', 'BTC'],
    ['Buy', false, '-0.0001', 'BTC'],
  ])('spot fee currency: %s maker=%s rate %s → %s', (side, isMaker, feeRate, currency) => {
    expect(executionFeeCurrency(exec({ side, isMaker, feeRate, feeCurrency: '' }), spot)).toBe(currency);
  });

  it('the venue’s feeCurrency wins when given', () => {
    expect(executionFeeCurrency(exec({ feeCurrency: 'MNT' }), spot)).toBe('MNT');
  });
});
