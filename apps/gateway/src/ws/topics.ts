// Topic names clients may subscribe to (gateway-api.md § WebSocket). Market topics carry a symbol
// suffix (`price_update:BTC/USDT:USDT`); a candle topic may name a timeframe after `@` (default 1m).
import { timeframeSchema, type Timeframe } from '@exkit/core';

export const PLAIN_TOPICS = [
  'system_status', 'trading_updates', 'alerts', 'metrics',
  'position_opened', 'position_closed', 'position_updated', 'order_filled',
] as const;
export const MARKET_STREAMS = ['price_update', 'trade', 'candle'] as const;
export type MarketStream = (typeof MARKET_STREAMS)[number];

export type ParsedTopic =
  | { readonly kind: 'plain'; readonly topic: string }
  | { readonly kind: 'market'; readonly stream: MarketStream; readonly symbol: string; readonly timeframe?: Timeframe };

export const DEFAULT_CANDLE_TIMEFRAME: Timeframe = '1m';

export function parseTopic(raw: string): ParsedTopic | { readonly kind: 'invalid'; readonly reason: string } {
  if ((PLAIN_TOPICS as readonly string[]).includes(raw)) return { kind: 'plain', topic: raw };
  const colon = raw.indexOf(':');
  const stream = colon < 0 ? raw : raw.slice(0, colon);
  if (!(MARKET_STREAMS as readonly string[]).includes(stream)) return { kind: 'invalid', reason: `unknown topic ${JSON.stringify(raw.slice(0, 60))}` };
  if (colon < 0 || colon === raw.length - 1) return { kind: 'invalid', reason: `${stream} needs a symbol suffix, e.g. ${stream}:BTC/USDT:USDT` };
  let symbol = raw.slice(colon + 1);
  let timeframe: Timeframe | undefined;
  if (stream === 'candle') {
    const at = symbol.lastIndexOf('@');
    if (at >= 0) {
      const tf = timeframeSchema.safeParse(symbol.slice(at + 1));
      if (!tf.success) return { kind: 'invalid', reason: `unknown candle timeframe in ${JSON.stringify(raw.slice(0, 60))}` };
      timeframe = tf.data;
      symbol = symbol.slice(0, at);
    }
    timeframe ??= DEFAULT_CANDLE_TIMEFRAME;
  }
  if (!/^[A-Za-z0-9/:._-]{1,60}$/.test(symbol)) return { kind: 'invalid', reason: `bad symbol in ${JSON.stringify(raw.slice(0, 60))}` };
  return { kind: 'market', stream: stream as MarketStream, symbol, ...(timeframe !== undefined && { timeframe }) };
}

/** The canonical topic string of a market topic (unified symbol), as the bus carries it. */
export function marketTopicName(stream: MarketStream, symbol: string, timeframe?: Timeframe): string {
  if (stream === 'candle') return timeframe === undefined || timeframe === DEFAULT_CANDLE_TIMEFRAME ? `candle:${symbol}` : `candle:${symbol}@${timeframe}`;
  return `${stream}:${symbol}`;
}
