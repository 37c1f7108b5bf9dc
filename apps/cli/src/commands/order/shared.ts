import type { Exchange, Market, Order } from '@exkit/core';
import { z } from 'zod';
import { ReportedFailure } from '../../errors.js';
import { err } from '../../output/io.js';
import { printJson } from '../../output/json.js';
import { printOrders } from '../../output/orders.js';
import type { ConnectionFlags } from '../../venues.js';

/** What the order subcommands share: flags, the order printer, the market lookup, the "not confirmed" exit. */
export interface TradeFlags extends ConnectionFlags {
  readonly json?: boolean;
  readonly yes?: boolean;
}

export interface PlaceFlags extends TradeFlags {
  readonly price?: string;
  readonly type?: string;
  readonly tif?: string;
  readonly reduceOnly?: boolean;
  readonly clientId?: string;
  readonly triggerPrice?: string;
}

export const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,36}$/, 'letters, digits, - and _ only, at most 36');

export function show(order: Order, json: boolean | undefined): void {
  if (json === true) printJson(order);
  else printOrders([order]);
}

export async function marketOf(exchange: Exchange, symbol: string): Promise<Market> {
  await exchange.loadMarkets();
  return exchange.markets.resolve(symbol);
}

export function refOf(symbol: string, id: string, byClientId: boolean | undefined): { symbol: string; id?: string; clientOrderId?: string } {
  return byClientId === true ? { symbol, clientOrderId: id } : { symbol, id };
}

export function abort(): never {
  err('not confirmed: nothing sent');
  throw new ReportedFailure(1);
}
