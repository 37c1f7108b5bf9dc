// The engine's risk rules (risk.ts checkOrder) applied to an order placed by hand through POST /api/v1/trade:
// the same portfolio (quote balance + unrealized PnL over every venue), the same day-start value the engine
// keeps in the store, the limits /config holds. As in the engine, an order that only brings a position
// toward flat is never refused.
import { Decimal, ZERO, type Exchange } from '@exkit/core';
import type { RiskSettings } from '../contracts/engine.js';
import { STATE_KEY_DAY } from './engine.js';
import { checkOrder, riskLimits, type ExposureLine, type RiskVerdict } from './risk.js';

export interface ManualOrder {
  readonly venueId: string;
  /** Unified symbol. */
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly amount: Decimal;
  /** The limit price; undefined for a market order (the venue's last price is used). */
  readonly price?: Decimal;
  readonly reduceOnly: boolean;
}

export interface ManualOrderRiskInput {
  readonly settings: RiskSettings;
  readonly quoteCurrency: string;
  readonly venues: readonly { readonly id: string; readonly client: Exchange }[];
  readonly getEngineValue?: (key: string) => Promise<string | null>;
  readonly now: number;
}

export async function checkManualOrder(input: ManualOrderRiskInput, order: ManualOrder): Promise<RiskVerdict> {
  if (order.reduceOnly) return { ok: true };
  let value = ZERO;
  let current = ZERO;
  const positions: ExposureLine[] = [];
  for (const venue of input.venues) {
    const [balances, open] = await Promise.all([venue.client.fetchBalances(), venue.client.capabilities.positions ? venue.client.fetchPositions() : Promise.resolve([])]);
    const quote = balances.find((b) => b.currency === input.quoteCurrency);
    if (quote !== undefined) value = value.plus(quote.total);
    for (const p of open) {
      if (p.size.isZero()) continue;
      value = value.plus(p.unrealizedPnl);
      positions.push({ symbol: p.symbol, size: p.size, price: p.markPrice ?? p.entryPrice ?? ZERO });
      if (venue.id === order.venueId && p.symbol === order.symbol) current = current.plus(p.size);
    }
  }
  const target = current.plus(order.side === 'buy' ? order.amount : order.amount.neg());
  // Toward flat without crossing it: only reduces exposure.
  if (!current.isZero() && target.abs().lte(current.abs()) && (target.isZero() || target.s === current.s)) return { ok: true };
  let price = order.price;
  if (price === undefined) {
    const client = input.venues.find((v) => v.id === order.venueId)?.client;
    const t = client === undefined ? undefined : await client.fetchTicker(order.symbol);
    price = t?.last ?? t?.markPrice ?? undefined;
    if (price === undefined) return { ok: false, rule: 'price', message: `no last price for ${order.symbol} to size the order against` };
  }
  const day = new Date(input.now).toISOString().slice(0, 10);
  const saved = input.getEngineValue === undefined ? null : await input.getEngineValue(STATE_KEY_DAY(day));
  const dayStartValue = saved !== null && /^-?\d+(\.\d+)?$/.test(saved) ? new Decimal(saved) : value;
  return checkOrder(riskLimits(input.settings), { portfolioValue: value, dayStartValue, positions }, { symbol: order.symbol, targetSize: target, price });
}
