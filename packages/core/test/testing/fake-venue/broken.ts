/**
 * Deliberately broken variants of the fake adapter: each breaks one rule the kit must catch.
 */
import { AuthenticationError, NotSupportedError } from '../../../src/errors/error-classes.js';
import { ExchangeError } from '../../../src/errors/exchange-error.js';
import type { Exchange } from '../../../src/exchange/exchange.js';
import type { PlaceOrderRequest } from '../../../src/models/requests.js';
import type { Ticker } from '../../../src/models/ticker.js';
import type { Trade } from '../../../src/models/trade.js';
import type { FakeExchange } from './exchange.js';
import { DEFAULT_KEY } from './server.js';

/** A view of `ex` with some methods replaced (the rest bound to the real instance). */
export function override(ex: FakeExchange, methods: Partial<Record<keyof Exchange, unknown>>): Exchange {
  return new Proxy(ex, {
    get(target, prop) {
      if (typeof prop === 'string' && prop in methods) return methods[prop as keyof Exchange];
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export type Breakage = 'floatPrices' | 'nativeSymbol' | 'secondsTimestamps' | 'fokDeclaredButRefused' | 'secretInErrors' | 'hangingTicker';

export const BROKEN: Readonly<Record<Breakage, (ex: FakeExchange) => Exchange>> = {
  /** G1: numbers where Decimals belong. */
  floatPrices: (ex) =>
    override(ex, {
      fetchTicker: async (symbol: string): Promise<Ticker> => {
        const t = await ex.fetchTicker(symbol);
        return { ...t, bid: Number(t.bid), ask: Number(t.ask), last: Number(t.last) } as unknown as Ticker;
      },
    }),
  /** G2: the venue's native id instead of the unified symbol. */
  nativeSymbol: (ex) =>
    override(ex, {
      fetchTicker: async (symbol: string): Promise<Ticker> => {
        const t = await ex.fetchTicker(symbol);
        return { ...t, symbol: ex.markets.resolve(symbol).id };
      },
    }),
  /** G3: epoch seconds leaking through. */
  secondsTimestamps: (ex) =>
    override(ex, {
      fetchTicker: async (symbol: string): Promise<Ticker> => {
        const t = await ex.fetchTicker(symbol);
        return { ...t, timestamp: Math.floor(t.timestamp / 1000) };
      },
      fetchTrades: async (symbol: string, q?: { limit?: number }): Promise<Trade[]> =>
        (await ex.fetchTrades(symbol, q)).map((t) => ({ ...t, timestamp: Math.floor(t.timestamp / 1000) })),
    }),
  /** Declares fok (see the target) but refuses every FOK order. */
  fokDeclaredButRefused: (ex) =>
    override(ex, {
      placeOrder: (r: PlaceOrderRequest) =>
        r.timeInForce === 'fok' ? Promise.reject(new NotSupportedError('fok not implemented', { exchange: ex.id, method: 'placeOrder' })) : ex.placeOrder(r),
    }),
  /** G7: the API secret pasted into error messages. */
  secretInErrors: (ex) =>
    override(ex, {
      fetchBalances: async () => {
        try {
          return await ex.fetchBalances();
        } catch (e) {
          const secret = ex.o.credentials?.apiSecret ?? DEFAULT_KEY.apiSecret;
          if (e instanceof ExchangeError) throw new AuthenticationError(`${e.message} (signed with secret ${secret})`, { exchange: ex.id, method: 'fetchBalances', cause: e });
          throw e;
        }
      },
    }),
  /** A call that never settles. */
  hangingTicker: (ex) => override(ex, { fetchTicker: () => new Promise<never>(() => undefined) }),
};
