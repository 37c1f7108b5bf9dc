/**
 * Where Bitunix futures lives. Source: reference bitunix.md §1 (DOC introduction + WebSocket prepare page,
 * DEMO `Demo/*\/config.yaml`, NET `BitunixEnvironment.cs`, CCXT `urls`, PROBE). Futures REST is
 * `fapi.bitunix.com` (not the spot host `openapi.bitunix.com` the DOC introduction mis-prints).
 * Bitunix publishes no testnet or demo environment: the only alternative to mainnet is a custom URL
 * set (the exkit simulator on loopback, a proxy).
 */
export interface BitunixUrls {
  /** REST base, e.g. `https://fapi.bitunix.com`; every path starts with `/api/v1/futures/`. */
  readonly rest: string;
  /** Public WebSocket, e.g. `wss://fapi.bitunix.com/public/`. */
  readonly publicWs: string;
  /** Private WebSocket, e.g. `wss://fapi.bitunix.com/private/`. */
  readonly privateWs: string;
}

export const BITUNIX_MAINNET: BitunixUrls = Object.freeze({
  rest: 'https://fapi.bitunix.com',
  // Trailing slash as documented (DOC prepare page; NET and TIQ use it too).
  publicWs: 'wss://fapi.bitunix.com/public/',
  privateWs: 'wss://fapi.bitunix.com/private/',
});

/** `'mainnet'` or a custom URL set. */
export type BitunixEnvironment = 'mainnet' | BitunixUrls;

export function resolveUrls(environment: BitunixEnvironment | undefined): BitunixUrls {
  return environment === undefined || environment === 'mainnet' ? BITUNIX_MAINNET : environment;
}
