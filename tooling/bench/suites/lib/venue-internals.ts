/**
 * The venue adapters' frame parsers and mappers, which their packages do not export (their public
 * API is `createBybit`/`createBitunix`). The suites reach into the built `dist/` read-only so they
 * time exactly the code the adapters run; `pnpm bench` builds every package first.
 */
export { parseFrame as parseBybitFrame } from '../../../../packages/bybit/dist/ws/parse.js';
export { wsTradeFrameSchema as bybitTradeFrameSchema } from '../../../../packages/bybit/dist/ws/schemas/public.js';
export { mapWsTrade as mapBybitWsTrade } from '../../../../packages/bybit/dist/map/trade.js';
export { openBookStream as openBitunixBookStream } from '../../../../packages/bitunix/dist/ws/book-stream.js';
export { PublicStreams as BitunixPublicStreams } from '../../../../packages/bitunix/dist/ws/public-streams.js';
export { bitunixSign, sortedQueryString as bitunixSortedQuery } from '../../../../packages/bitunix/dist/rest/sign.js';
export { toMarket as bitunixToMarket } from '../../../../packages/bitunix/dist/map/market.js';
export { tradingPairSchema as bitunixTradingPairSchema } from '../../../../packages/bitunix/dist/rest/schemas/market.js';
