import type { ReceivedOrderParams, VenueOperation } from '@exkit/core/testing';
import type { ApiKeyInfo, SimVenue } from '@exkit/sim';
import type { SimKeyPermissions } from '../keys.js';
import type { Params } from './params.js';

export interface RouteContext {
  readonly venue: SimVenue;
  readonly params: Params;
  /** The signing key's account (private routes only; '' on public ones). */
  readonly accountId: string;
  /** The signing key and the front's extra grants for it (private routes only). */
  readonly key?: { readonly info: ApiKeyInfo; readonly grants: SimKeyPermissions };
  /** Venue time of the request. */
  readonly now: number;
  /** Records the order fields as received (placeOrder / amendOrder) for the request log. */
  noteOrder(order: ReceivedOrderParams): void;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Signed endpoint; `trade` needs a trading key. */
  readonly auth?: 'read' | 'trade';
  /** The neutral call it serves; a function where the parameters decide (tickers with a symbol = fetchTicker). */
  readonly operation: VenueOperation | ((params: Readonly<Record<string, unknown>>) => VenueOperation);
  /** Returns `result`; throws BybitFailure / SimRejection to refuse. */
  handle(ctx: RouteContext): unknown;
}
