/**
 * Private stream (reference §6): `auth` with `HMAC(secret, "GET/realtime" + expires)`, then
 * `order`, `execution`, `position`, `wallet` (all-in-one or `.{category}`) from the account's events.
 */
import type { PrivateEvent, SimVenue } from '@exkit/sim';
import { categoryOf, orderRow } from '../format.js';
import { hmacHex } from '../http/auth.js';
import { walletAccount } from '../http/routes/account.js';
import { executionRow } from '../http/routes/execution.js';
import { positionRow } from '../http/routes/position.js';

export const PRIVATE_TOPICS = new Set([
  'order',
  'order.linear',
  'order.spot',
  'execution',
  'execution.linear',
  'execution.spot',
  'position',
  'position.linear',
  'wallet',
]);

/** The account of a good `auth` frame's args, or a failure text. */
export function checkAuth(venue: SimVenue, args: unknown): { accountId: string } | { error: string } {
  if (!Array.isArray(args) || args.length !== 3) return { error: 'Params Error' };
  const [key, expires, sig] = args as unknown[];
  if (typeof key !== 'string' || (typeof expires !== 'number' && typeof expires !== 'string') || typeof sig !== 'string') return { error: 'Params Error' };
  const info = venue.apiKey(key);
  if (info === undefined) return { error: 'Invalid apikey' };
  if (Number(expires) <= venue.serverTime()) return { error: 'Params Error' };
  if (hmacHex(info.apiSecret, `GET/realtime${String(expires)}`) !== sig.toLowerCase()) return { error: 'Invalid sign' };
  return { accountId: info.accountId };
}

/** The topics (all-in-one and categorised) an event belongs to, and its `data` item. */
export function privateItem(venue: SimVenue, e: PrivateEvent): { topics: string[]; item: Record<string, unknown> } | undefined {
  switch (e.type) {
    case 'order': {
      const i = venue.instrument(e.order.symbol);
      const cat = categoryOf(i);
      return { topics: ['order', `order.${cat}`], item: { category: cat, ...orderRow(i, e.order), closedPnl: e.order.realizedPnl.toFixed(), feeCurrency: '' } };
    }
    case 'fill': {
      const i = venue.instrument(e.fill.symbol);
      const cat = categoryOf(i);
      return { topics: ['execution', `execution.${cat}`], item: { category: cat, ...executionRow(venue, i, e.fill), extraFees: [], seq: e.seq } };
    }
    case 'position': {
      const i = venue.instrument(e.position.symbol);
      if (i.isSpot) return undefined;
      const row = positionRow(venue, e.accountId, i, e.position, 'entryPrice');
      return { topics: ['position', 'position.linear'], item: { category: 'linear', ...row, seq: e.seq } };
    }
    case 'balance':
      return { topics: ['wallet'], item: walletAccount(venue, e.accountId, [e.balance.coin]) };
    default:
      return undefined;
  }
}
