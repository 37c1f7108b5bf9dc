import { BadSymbolError } from '../../../src/errors/error-classes.js';
import type { SubscriptionAck, TopicProtocol } from '../../../src/ws/index.js';

type Reply = { op?: unknown; req_id?: unknown; success?: unknown; ret_msg?: unknown; failed?: unknown; topic?: unknown };

/** The TopicProtocol an adapter would write for the fake venue (Bybit-shaped). */
export function fakeProtocol(over: Partial<TopicProtocol> = {}): TopicProtocol {
  return {
    subscribe: (topics, reqId) => ({ op: 'subscribe', req_id: reqId, args: topics }),
    unsubscribe: (topics, reqId) => ({ op: 'unsubscribe', req_id: reqId, args: topics }),
    parseAck: (m): SubscriptionAck | undefined => {
      const f = m as Reply;
      if ((f.op !== 'subscribe' && f.op !== 'unsubscribe') || typeof f.success !== 'boolean') return undefined;
      const reqId = typeof f.req_id === 'string' ? f.req_id : undefined;
      if (f.success) return { op: f.op, ...(reqId !== undefined && { reqId }) };
      return {
        op: f.op,
        ...(reqId !== undefined && { reqId }),
        error: new BadSymbolError(String(f.ret_msg), { exchange: 'fake', code: 'sub_refused' }),
        ...(Array.isArray(f.failed) && { refused: f.failed.map(String) }),
      };
    },
    topicOf: (m) => {
      const t = (m as Reply).topic;
      return typeof t === 'string' ? t : undefined;
    },
    ...over,
  };
}
