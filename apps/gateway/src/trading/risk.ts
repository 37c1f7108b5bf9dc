// Risk rules of gateway-api.md § Trading engine, in Decimal. Settings are fractions as seed 003's
// /config shows them: `max_position_size` 0.1 = one position's notional ≤ 10 % of the portfolio,
// `max_daily_loss` 0.05 = stop when today's loss reaches 5 % of the day's opening value,
// `stop_loss_percent` 0.03 = exit a position 3 % against its entry, `max_portfolio_risk` 0.02 = the
// loss if every open position hit its stop stays ≤ 2 % of the portfolio.
import { Decimal, ZERO } from '@exkit/core';
import { z } from 'zod';
import type { RiskSettings } from '../contracts/engine.js';

const PLAIN = /^\d+(\.\d+)?$/;
const fraction = (name: string) =>
  z
    .string()
    .regex(PLAIN, `${name}: a plain decimal string such as "0.05"`)
    .refine((v) => !PLAIN.test(v) || (new Decimal(v).gt(0) && new Decimal(v).lte(1)), `${name}: must be in (0, 1]`);

export const riskSettingsSchema = z.object({
  maxPositionSize: fraction('max_position_size'),
  maxDailyLoss: fraction('max_daily_loss'),
  stopLossPercent: fraction('stop_loss_percent'),
  maxPortfolioRisk: fraction('max_portfolio_risk'),
});

/** Seed 003's /config example. */
export const DEFAULT_RISK: RiskSettings = { maxPositionSize: '0.1', maxDailyLoss: '0.05', stopLossPercent: '0.03', maxPortfolioRisk: '0.02' };

export interface RiskLimits {
  readonly maxPositionSize: Decimal;
  readonly maxDailyLoss: Decimal;
  readonly stopLossPercent: Decimal;
  readonly maxPortfolioRisk: Decimal;
}

export function riskLimits(settings: RiskSettings): RiskLimits {
  const s = riskSettingsSchema.parse(settings);
  return {
    maxPositionSize: new Decimal(s.maxPositionSize),
    maxDailyLoss: new Decimal(s.maxDailyLoss),
    stopLossPercent: new Decimal(s.stopLossPercent),
    maxPortfolioRisk: new Decimal(s.maxPortfolioRisk),
  };
}

export interface ExposureLine {
  readonly symbol: string;
  /** Signed base units. */
  readonly size: Decimal;
  readonly price: Decimal;
}

export interface RiskContext {
  readonly portfolioValue: Decimal;
  readonly dayStartValue: Decimal;
  readonly positions: readonly ExposureLine[];
}

export interface OrderIntent {
  readonly symbol: string;
  /** Signed position the order leads to. */
  readonly targetSize: Decimal;
  /** Reference price (last close). */
  readonly price: Decimal;
}

export type RiskVerdict = { readonly ok: true } | { readonly ok: false; readonly rule: string; readonly message: string };

export function dailyLoss(ctx: RiskContext): Decimal {
  return Decimal.max(ZERO, ctx.dayStartValue.minus(ctx.portfolioValue));
}

export function dailyLossBreached(limits: RiskLimits, ctx: RiskContext): boolean {
  if (ctx.dayStartValue.lte(0)) return false;
  return dailyLoss(ctx).gte(limits.maxDailyLoss.times(ctx.dayStartValue));
}

/** Checks an order that adds exposure; orders that only reduce a position are never refused. */
export function checkOrder(limits: RiskLimits, ctx: RiskContext, intent: OrderIntent): RiskVerdict {
  if (ctx.portfolioValue.lte(0)) return { ok: false, rule: 'portfolio_value', message: 'portfolio value is zero or negative' };
  if (dailyLossBreached(limits, ctx)) {
    return { ok: false, rule: 'max_daily_loss', message: `daily loss ${dailyLoss(ctx).toFixed()} reached max_daily_loss ${limits.maxDailyLoss.toFixed()} of ${ctx.dayStartValue.toFixed()}` };
  }
  const notional = intent.targetSize.abs().times(intent.price);
  const maxNotional = limits.maxPositionSize.times(ctx.portfolioValue);
  if (notional.gt(maxNotional)) {
    return { ok: false, rule: 'max_position_size', message: `position notional ${notional.toFixed()} above max_position_size ${limits.maxPositionSize.toFixed()} × portfolio ${ctx.portfolioValue.toFixed()} = ${maxNotional.toFixed()}` };
  }
  let atRisk = notional.times(limits.stopLossPercent);
  for (const p of ctx.positions) if (p.symbol !== intent.symbol) atRisk = atRisk.plus(p.size.abs().times(p.price).times(limits.stopLossPercent));
  const maxRisk = limits.maxPortfolioRisk.times(ctx.portfolioValue);
  if (atRisk.gt(maxRisk)) {
    return { ok: false, rule: 'max_portfolio_risk', message: `risk at stop ${atRisk.toFixed()} above max_portfolio_risk ${limits.maxPortfolioRisk.toFixed()} × portfolio = ${maxRisk.toFixed()}` };
  }
  return { ok: true };
}

/** True when `price` moved `stop_loss_percent` or more against a position opened at `entry`. */
export function stopLossHit(limits: RiskLimits, size: Decimal, entry: Decimal, price: Decimal): boolean {
  if (size.isZero() || entry.lte(0)) return false;
  const move = price.minus(entry).div(entry);
  return size.gt(0) ? move.lte(limits.stopLossPercent.neg()) : move.gte(limits.stopLossPercent);
}
