import { Decimal } from '@exkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engineClientOrderId, isEngineOrder } from '../../src/trading/client-order-id.js';
import { nextState } from '../../src/trading/commands.js';
import { checkOrder, dailyLossBreached, DEFAULT_RISK, riskLimits, riskSettingsSchema, stopLossHit } from '../../src/trading/risk.js';
import { crossover, maCrossoverParamsSchema } from '../../src/trading/strategies/ma-crossover.js';

const d = (v: string | number): Decimal => new Decimal(v);
const limits = riskLimits(DEFAULT_RISK);
const ctx = { portfolioValue: d('100000'), dayStartValue: d('100000'), positions: [] };

describe('risk rules (Decimal)', () => {
  it('max_position_size bounds the notional the order leads to, exactly at the limit', () => {
    expect(checkOrder(limits, ctx, { symbol: 'X', targetSize: d('0.1'), price: d('100000') })).toEqual({ ok: true });
    const over = checkOrder(limits, ctx, { symbol: 'X', targetSize: d('-0.1000001'), price: d('100000') });
    expect(over).toMatchObject({ ok: false, rule: 'max_position_size' });
  });

  it('max_portfolio_risk sums the stop risk of the other positions', () => {
    const withOthers = { ...ctx, positions: [{ symbol: 'Y', size: d('-600'), price: d('100') }] };
    // Others: 60,000 × 3 % = 1,800; new: 9,000 × 3 % = 270 → 2,070 > 2,000.
    expect(checkOrder(limits, withOthers, { symbol: 'X', targetSize: d('0.09'), price: d('100000') })).toMatchObject({ ok: false, rule: 'max_portfolio_risk' });
    expect(checkOrder(limits, withOthers, { symbol: 'X', targetSize: d('0.06'), price: d('100000') })).toEqual({ ok: true });
  });

  it('the daily loss breaker trips at max_daily_loss of the opening value, not before', () => {
    expect(dailyLossBreached(limits, { ...ctx, portfolioValue: d('95000.01') })).toBe(false);
    expect(dailyLossBreached(limits, { ...ctx, portfolioValue: d('95000') })).toBe(true);
    expect(checkOrder(limits, { ...ctx, portfolioValue: d('94000') }, { symbol: 'X', targetSize: d('0.001'), price: d('1') })).toMatchObject({ rule: 'max_daily_loss' });
  });

  it('stop loss triggers against the position side only', () => {
    expect(stopLossHit(limits, d('1'), d('100'), d('97'))).toBe(true);
    expect(stopLossHit(limits, d('1'), d('100'), d('97.01'))).toBe(false);
    expect(stopLossHit(limits, d('-1'), d('100'), d('103'))).toBe(true);
    expect(stopLossHit(limits, d('-1'), d('100'), d('97'))).toBe(false);
    expect(stopLossHit(limits, d('0'), d('100'), d('1'))).toBe(false);
  });

  it('settings are validated as fractions in (0, 1]', () => {
    expect(riskSettingsSchema.safeParse({ ...DEFAULT_RISK, maxDailyLoss: '0' }).success).toBe(false);
    expect(riskSettingsSchema.safeParse({ ...DEFAULT_RISK, maxPositionSize: '1.5' }).success).toBe(false);
    expect(riskSettingsSchema.safeParse({ ...DEFAULT_RISK, stopLossPercent: '3e-2' }).success).toBe(false);
    expect(() => riskLimits({ ...DEFAULT_RISK, maxPortfolioRisk: 'x' })).toThrow(/max_portfolio_risk/);
  });
});

describe('ma_crossover', () => {
  it('signals once per cross, in both directions', () => {
    const closes = [10, 10, 10, 10, 12].map(d);
    expect(crossover(closes, 2, 4)).toBe('bullish');
    expect(crossover([10, 10, 10, 10, 12, 12].map(d), 2, 4)).toBeNull();
    expect(crossover([12, 12, 12, 12, 9].map(d), 2, 4)).toBe('bearish');
    expect(crossover([10, 11, 12].map(d), 2, 4)).toBeNull();
  });

  it('never signals on a constant series (property, seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 100_000 }), (fast, extra, price) => {
        const slow = fast + extra;
        expect(crossover(Array.from({ length: slow + 3 }, () => d(price)), fast, slow)).toBeNull();
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('validates its parameters', () => {
    expect(maCrossoverParamsSchema.safeParse({ fast_ma: 10, slow_ma: 5, size: '0.01' }).success).toBe(false);
    expect(maCrossoverParamsSchema.safeParse({ fast_ma: 10, slow_ma: 30, size: 0.01 }).success).toBe(false);
    expect(maCrossoverParamsSchema.parse({ fast_ma: 10, slow_ma: 30, size: '0.01' })).toMatchObject({ allow_short: true, order_type: 'market' });
  });
});

describe('engine commands and order ids', () => {
  it('moves between states as the contract says', () => {
    expect(nextState('stopped', 'start')).toEqual({ state: 'running', change: true });
    expect(nextState('running', 'pause')).toEqual({ state: 'paused', change: true });
    expect(nextState('paused', 'resume')).toEqual({ state: 'running', change: true });
    expect(nextState('stopped', 'pause')).toEqual({ state: 'stopped', change: false });
    expect(nextState('paused', 'stop')).toEqual({ state: 'stopped', change: true });
    expect(nextState('stopped', 'restart')).toEqual({ state: 'running', change: true });
  });

  it('client order ids are deterministic, distinct per decision, and fit the venue rule', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom('sig', 'sl', 'cls' as const), (id, at, purpose) => {
        const cid = engineClientOrderId(id, at, purpose);
        expect(cid).toBe(engineClientOrderId(id, at, purpose));
        expect(cid).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
        expect(isEngineOrder(cid)).toBe(true);
        expect(engineClientOrderId(id, at + 60_000, purpose)).not.toBe(cid);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
