import { ExchangeError, RateLimitError, type SubscriptionAck, type TopicProtocol } from '@exkit/core';
import { WS_MAX_CHANNELS } from '../rest/limits.js';

/**
 * Topic keys used with core's TopicManager: `<ch>:<SYMBOL>` for public channels (`depth_book15:BTCUSDT`), the bare
 * channel for private ones (`order`). Frames: `{"op":"subscribe","args":[{"symbol":"BTCUSDT","ch":"depth_book15"}]}`
 * (bitunix.md §6 "Subscribe / unsubscribe"; DOC prepare page, PROBE capture ws-subscribe-request-probe.json).
 */
export function topicKey(ch: string, symbol?: string): string {
  return symbol === undefined ? ch : `${ch}:${symbol.toUpperCase()}`;
}

export function topicArg(key: string): { symbol?: string; ch: string } {
  const i = key.indexOf(':');
  return i < 0 ? { ch: key } : { symbol: key.slice(i + 1), ch: key.slice(0, i) };
}

function refusal(message: unknown, exchange: string): SubscriptionAck | undefined {
  const f = message as { op?: unknown; data?: unknown };
  if (f.op !== 'subscribe' || f.data === null || typeof f.data !== 'object') return undefined;
  const d = f.data as { result?: unknown; msg?: unknown };
  if (d.result !== false) return undefined;
  const msg = typeof d.msg === 'string' && d.msg !== '' ? d.msg : 'subscribe refused';
  // The only refusal ever seen is the 300-channel cap (PROBE, fixture ws-subscribe-limit-error.json).
  const error = /> ?\d+|limit|too many/i.test(msg)
    ? new RateLimitError(`${exchange}: subscribe refused: ${msg}`, { exchange, code: 'subscribe_limit' })
    : new ExchangeError(`${exchange}: subscribe refused: ${msg}`, { exchange, code: 'subscribe_refused' });
  return { op: 'subscribe', error };
}

/**
 * The venue's subscription protocol. No reply comes to a valid subscribe (PROBE; NET "Live subscribe returns data
 * without an acknowledgement"), so a subscribe counts as confirmed once written (`confirm: 'write'`); the unsubscribe
 * reply `{"op":"unsubscribe","ts":…,"data":"success"}` and the `result:false` refusal are recognised. At most 300
 * channels per connection (more open a second one) and all of them fit one frame (PROBE: 300 in one frame accepted).
 */
export function createProtocol(exchange: string): TopicProtocol {
  return {
    maxTopicsPerConnection: WS_MAX_CHANNELS,
    maxTopicsPerFrame: WS_MAX_CHANNELS,
    confirm: 'write',
    subscribe: (topics) => ({ op: 'subscribe', args: topics.map(topicArg) }),
    unsubscribe: (topics) => ({ op: 'unsubscribe', args: topics.map(topicArg) }),
    parseAck: (message): SubscriptionAck | undefined => {
      if (message === null || typeof message !== 'object') return undefined;
      if ((message as { op?: unknown }).op === 'unsubscribe') return { op: 'unsubscribe' };
      return refusal(message, exchange);
    },
    topicOf: (message) => {
      if (message === null || typeof message !== 'object') return undefined;
      const f = message as { ch?: unknown; symbol?: unknown; data?: unknown };
      if (typeof f.ch !== 'string' || f.ch === '') return undefined; // control frames carry `op`, no `ch`
      if (typeof f.symbol === 'string' && f.symbol !== '') return topicKey(f.ch, f.symbol);
      // `tickers` has no envelope symbol: route by the `s` of each item (NET filters the same way).
      if (f.ch === 'tickers' && Array.isArray(f.data)) {
        const keys = new Set<string>();
        for (const item of f.data as unknown[]) {
          const s = (item as { s?: unknown } | null)?.s;
          if (typeof s === 'string' && s !== '') keys.add(topicKey('tickers', s));
        }
        return [...keys];
      }
      return f.ch; // private channels
    },
  };
}
