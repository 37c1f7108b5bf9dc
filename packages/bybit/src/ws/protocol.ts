import { BadSymbolError, PermissionError, type ExchangeError, type SubscriptionAck, type TopicProtocol } from '@exkit/core';
import { EXCHANGE_ID } from '../options.js';
import { commandResponseSchema, subscriptionAckSchema } from './schemas/public.js';

export type ConnectionKind = 'spot' | 'linear' | 'private';

/**
 * Subscription limits (reference §6; DOCS `/v5/ws/connect` "Public channel - Args limits"):
 * - the `args` of one public connection may not exceed 21 000 characters — read here both per frame
 *   (`maxFrameChars`) and per connection: 500 topics × ≤ 40 characters stays under it, so a
 *   connection carries at most 500 topics and the next ones open another connection;
 * - spot: at most 10 args per subscribe request;
 * - linear: no documented cap per request; SIEBLY batches 500.
 */
export const PUBLIC_MAX_FRAME_CHARS = 21_000;
export const PUBLIC_MAX_TOPICS_PER_CONNECTION = 500;
export const MAX_TOPICS_PER_FRAME: Readonly<Record<ConnectionKind, number>> = { spot: 10, linear: 500, private: 10 };

const TOPIC_IN_MESSAGE = /topic:\s*\[?([A-Za-z0-9._-]+)/g;

/**
 * Topics a refusal names. Texts are not documented (reference §9); the one seen in the wild is
 * `error:handler not found,topic:dcp.future` (SIEBLY issue #561).
 */
export function refusedTopics(retMsg: string): string[] {
  return [...retMsg.matchAll(TOPIC_IN_MESSAGE)].map((m) => m[1] as string);
}

function refusal(kind: ConnectionKind, op: string, retMsg: string): ExchangeError {
  const text = `${EXCHANGE_ID} ${kind === 'private' ? 'private' : `public:${kind}`}: ${op} refused: ${retMsg || 'no reason given'}`;
  // A public topic the venue does not know is an unknown symbol (symbols are resolved before
  // subscribing, so this is a market the venue no longer serves); a private refusal is a permission one.
  return kind === 'private' ? new PermissionError(text, { exchange: EXCHANGE_ID }) : new BadSymbolError(text, { exchange: EXCHANGE_ID });
}

/** The TopicProtocol of one Bybit connection kind: `{req_id, op, args}` frames, acks by echoed `req_id`. */
export function bybitTopicProtocol(kind: ConnectionKind): TopicProtocol {
  return {
    ...(kind !== 'private' && { maxTopicsPerConnection: PUBLIC_MAX_TOPICS_PER_CONNECTION, maxFrameChars: PUBLIC_MAX_FRAME_CHARS }),
    maxTopicsPerFrame: MAX_TOPICS_PER_FRAME[kind],
    subscribe: (topics, reqId) => ({ req_id: reqId, op: 'subscribe', args: topics }),
    unsubscribe: (topics, reqId) => ({ req_id: reqId, op: 'unsubscribe', args: topics }),
    confirm: 'ack',
    parseAck(message): SubscriptionAck | undefined {
      const ack = subscriptionAckSchema.safeParse(message);
      if (ack.success) {
        const a = ack.data;
        const reqId = a.req_id !== undefined && a.req_id !== '' ? a.req_id : undefined;
        if (a.success) return { op: a.op, ...(reqId !== undefined && { reqId }) };
        const msg = a.ret_msg ?? '';
        const refused = refusedTopics(msg);
        return { op: a.op, ...(reqId !== undefined && { reqId }), error: refusal(kind, a.op, msg), ...(refused.length > 0 && { refused }) };
      }
      const cmd = commandResponseSchema.safeParse(message);
      if (cmd.success) {
        const failed = cmd.data.data.failTopics;
        if (failed.length === 0) return { op: 'subscribe' };
        return { op: 'subscribe', error: refusal(kind, 'subscribe', `failTopics ${failed.join(',')}`), refused: failed };
      }
      return undefined;
    },
    topicOf(message) {
      if (typeof message !== 'object' || message === null) return undefined;
      const m = message as Record<string, unknown>;
      return typeof m['topic'] === 'string' && m['op'] === undefined ? m['topic'] : undefined;
    },
  };
}
