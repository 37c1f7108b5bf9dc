/**
 * Bybit V5 hosts per environment (reference bybit-v5.md §1; DOCS `docs/v5/guide.mdx`,
 * `docs/v5/websocket/wss-authentication.mdx` (slug /v5/ws/connect), `docs/v5/demo.mdx`).
 */

/** The categories this adapter trades and streams. Inverse is left out on purpose, see README "Open points". */
export type BybitCategory = 'linear' | 'spot';

export type BybitEnvironment = 'mainnet' | 'testnet' | 'demo' | 'custom';

/**
 * Regional mainnet hosts. `bytick` is the documented alternative global host; `hk`/`tk` come from
 * SIEBLY `src/util/requestUtils.ts` (not in the DOCS guide).
 */
export const BYBIT_REGIONS = ['global', 'bytick', 'nl', 'tr', 'kz', 'ge', 'ae', 'eu', 'id', 'jp', 'hk', 'tk'] as const;
export type BybitRegion = (typeof BYBIT_REGIONS)[number];

/** Every URL one exchange instance talks to. */
export interface BybitUrls {
  /** REST base for signed (private) calls, e.g. `https://api.bybit.com`. */
  readonly rest: string;
  /** REST base for market data (demo: mainnet, its public data is mainnet's). */
  readonly publicRest: string;
  /** Public WebSocket per category, e.g. `wss://stream.bybit.com/v5/public/linear`. */
  readonly publicWs: Readonly<Record<BybitCategory, string>>;
  /** Private WebSocket, e.g. `wss://stream.bybit.com/v5/private`. */
  readonly privateWs: string;
  /** Order entry over WebSocket (§7); absent where the venue does not offer it (demo). */
  readonly tradeWs?: string;
}

interface RegionHosts {
  readonly api: string;
  /** DOCS name a separate stream host for these regions only; the others use the global one. */
  readonly stream: string;
}

const REGION_HOSTS: Readonly<Record<BybitRegion, RegionHosts>> = {
  global: { api: 'api.bybit.com', stream: 'stream.bybit.com' },
  bytick: { api: 'api.bytick.com', stream: 'stream.bybit.com' },
  nl: { api: 'api.bybit.nl', stream: 'stream.bybit.com' },
  tr: { api: 'api.bybit.tr', stream: 'stream.bybit.tr' },
  kz: { api: 'api.bybit.kz', stream: 'stream.bybit.kz' },
  ge: { api: 'api.bybitgeorgia.ge', stream: 'stream.bybitgeorgia.ge' },
  ae: { api: 'api.bybit.ae', stream: 'stream.bybit.com' },
  eu: { api: 'api.bybit.eu', stream: 'stream.bybit.com' },
  id: { api: 'api.bybit.id', stream: 'stream.bybit.id' },
  jp: { api: 'api.manepa.jp', stream: 'stream.manepa.jp' },
  hk: { api: 'api.byhkbit.com', stream: 'stream.bybit.com' },
  tk: { api: 'api.bybit-tr.com', stream: 'stream.bybit.com' },
};

function hostUrls(api: string, stream: string, trade: boolean): BybitUrls {
  return {
    rest: `https://${api}`,
    publicRest: `https://${api}`,
    publicWs: { linear: `wss://${stream}/v5/public/linear`, spot: `wss://${stream}/v5/public/spot` },
    privateWs: `wss://${stream}/v5/private`,
    ...(trade && { tradeWs: `wss://${stream}/v5/trade` }),
  };
}

/** Mainnet, optionally through a regional host. */
export function mainnetUrls(region: BybitRegion = 'global'): BybitUrls {
  const h = REGION_HOSTS[region];
  return hostUrls(h.api, h.stream, true);
}

export function testnetUrls(): BybitUrls {
  return hostUrls('api-testnet.bybit.com', 'stream-testnet.bybit.com', true);
}

/**
 * Demo trading: private REST and WS on the demo hosts, public data from mainnet (DOCS `demo.mdx`:
 * "public data = mainnet"). WS order entry is not supported on demo (DOCS `demo.mdx`, trade
 * `guideline.mdx`); GO and CCXT list `wss://stream-demo.bybit.com/v5/trade` — unconfirmed, so the
 * adapter places demo orders over REST.
 */
export function demoUrls(): BybitUrls {
  const main = mainnetUrls('global');
  return {
    rest: 'https://api-demo.bybit.com',
    publicRest: main.publicRest,
    publicWs: main.publicWs,
    privateWs: 'wss://stream-demo.bybit.com/v5/private',
  };
}
