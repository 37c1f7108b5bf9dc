/**
 * @exkit/__id__/testing — the simulator front (step 6 of docs/adding-an-exchange.md).
 *
 * Today it holds the neutral engine the front will stand in front of. The front itself — the
 * venue's own REST paths, signature checks, WebSocket frames and a `VenueControl` for the kit —
 * is written from the wire reference, like `packages/bitunix/src/testing/server.ts`.
 */
import { SimVenue, type InstrumentDefinition } from '@exkit/sim';

export interface __Name__SimulatorOptions {
  /** Same seed, same market data and faults. */
  readonly seed?: string;
  /** The venue's instruments (its real tick, step and minimums); the engine's defaults when absent. */
  readonly instruments?: readonly InstrumentDefinition[];
}

/** The engine the __Name__ front will serve: seeded, with the default account and wallet. */
export function create__Name__Venue(options: __Name__SimulatorOptions = {}): SimVenue {
  return new SimVenue({ seed: options.seed ?? '__id__-sim', ...(options.instruments !== undefined && { instruments: options.instruments }) });
}
