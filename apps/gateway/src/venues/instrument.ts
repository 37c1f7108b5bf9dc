// Wraps an Exchange so every call is timed and counted (venue REST latency and errors), with no venue code.
import type { Exchange } from '@exkit/core';

export type CallObserver = (method: string, ms: number, error: unknown) => void;

const PASS_THROUGH = new Set(['streams', 'events', 'markets', 'capabilities', 'timeframes', 'id']);

export function instrumentExchange(client: Exchange, observe: CallObserver): Exchange {
  return new Proxy(client, {
    get(target, prop) {
      // Read with the target as receiver: getters over private fields (`#x`) fail on a proxy.
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof prop !== 'string' || PASS_THROUGH.has(prop) || typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const started = performance.now();
        const out = fn.apply(target, args);
        if (out instanceof Promise) {
          return out.then(
            (v: unknown) => {
              observe(prop, performance.now() - started, null);
              return v;
            },
            (e: unknown) => {
              observe(prop, performance.now() - started, e);
              throw e;
            },
          );
        }
        return out;
      };
    },
  });
}
