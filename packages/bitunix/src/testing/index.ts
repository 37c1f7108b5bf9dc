/**
 * `@exkit/bitunix/testing` — a loopback Bitunix futures simulator (REST + public/private WebSocket, the venue's
 * envelope, signing, error codes, rate limits and stream formats) in front of `@exkit/sim`, and its conformance
 * `VenueControl`. Needs the optional peers `@exkit/sim` and `ws`.
 */
export { BITUNIX_INSTRUMENTS, BITUNIX_WALLET, startBitunixSimulator, type BitunixSimulator, type BitunixSimulatorOptions } from './server.js';
export { FRONT_FAULTS } from './control.js';
export { ROUTES } from './http/router.js';
export { codeOfRejection } from './codes.js';
