import { capabilitiesExcept, type Capabilities } from '@exkit/core';

/**
 * What this adapter promises (the conformance kit holds it to each `true`):
 * - no `conditionalOrders`: Bitunix has no stand-alone trigger order; its TP/SL attach to positions and are offered as
 *   the venue-specific `placeTpsl`/`placePositionTpsl`/… methods instead;
 * - no `fetchTrades`: no recent-public-trades REST endpoint exists (bitunix.md §5: public trades only on the WS
 *   `trade` channel), so `fetchTrades` refuses with NotSupportedError before any request; stream trades instead;
 * - `fetchServerTime` reads the HTTP `Date` header (±500 ms): there is no time endpoint (bitunix.md §3).
 */
export const BITUNIX_CAPABILITIES: Capabilities = capabilitiesExcept(['conditionalOrders', 'fetchTrades']);
