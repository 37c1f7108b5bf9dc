/** What a route handler sees and answers. */
import type { ReceivedOrderParams, VenueOperation } from '@exkit/core/testing';
import type { SimVenue } from '@exkit/sim';
import type { WireError } from '../codes.js';
import type { RouteLimit } from '../limits.js';

export type Params = Readonly<Record<string, unknown>>;

export interface RouteContext {
  readonly venue: SimVenue;
  readonly params: Params;
  /** Set on private routes once the key is authorised. */
  readonly accountId: string;
  readonly batchMax: number;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** `public`, or the key permission a private route needs. */
  readonly auth: 'public' | 'read' | 'trade';
  readonly limit: RouteLimit;
  readonly operation: VenueOperation | ((params: Params) => VenueOperation);
  /** Order fields as received (placeOrder / amendOrder), for the kit's request log. */
  readonly order?: (params: Params) => ReceivedOrderParams | undefined;
  /** The `data` of a success envelope; throw `Refusal` (or let a `SimRejection` escape) to refuse. */
  handle(ctx: RouteContext): unknown;
}

/** A venue refusal: `{code, data: null, msg}`. */
export class Refusal extends Error {
  constructor(readonly error: WireError) {
    super(error.msg);
  }
}
