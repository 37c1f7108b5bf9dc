import { type Decimal, toDecimal, type DecimalValue } from '../decimal.js';
import { BadSymbolError, InvalidOrderError } from '../errors/error-classes.js';
import type { Market } from '../models/market.js';
import type { OrderSide, OrderType } from '../models/enums.js';
import { passiveRounding, roundToStep, isOnStep, type RoundingMode } from './rounding.js';
import { parseUnifiedSymbol } from './unified-symbol.js';

/** What to do with a price or amount that is off the market's grid. */
export type GridPolicy = 'reject' | 'round';

export interface OrderInput {
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly amount: DecimalValue;
  readonly price?: DecimalValue;
  readonly triggerPrice?: DecimalValue;
}

export interface PreparedOrder {
  readonly market: Market;
  readonly amount: Decimal;
  readonly price?: Decimal;
  readonly triggerPrice?: Decimal;
  /** What was rounded, for a caller that wants to say so ("amount 0.0015 → 0.001"). */
  readonly adjustments: readonly string[];
}

/**
 * The loaded markets of one exchange, resolvable by unified symbol or by native id. A native id
 * that names two markets (`BTCUSDT` spot and perpetual) is ambiguous and refused.
 */
export class MarketRegistry {
  readonly #exchange: string;
  readonly #bySymbol = new Map<string, Market>();
  readonly #byId = new Map<string, Market[]>();

  constructor(exchange: string, markets: Iterable<Market>) {
    this.#exchange = exchange;
    for (const m of markets) {
      if (this.#bySymbol.has(m.symbol)) throw new Error(`duplicate unified symbol ${m.symbol}`);
      this.#bySymbol.set(m.symbol, m);
      const list = this.#byId.get(m.id) ?? [];
      list.push(m);
      this.#byId.set(m.id, list);
    }
  }

  get size(): number {
    return this.#bySymbol.size;
  }

  list(): readonly Market[] {
    return [...this.#bySymbol.values()];
  }

  has(symbolOrId: string): boolean {
    return this.find(symbolOrId) !== undefined;
  }

  /** The market, or undefined when unknown or ambiguous. */
  find(symbolOrId: string): Market | undefined {
    const bySymbol = this.#bySymbol.get(symbolOrId);
    if (bySymbol) return bySymbol;
    const byId = this.#byId.get(symbolOrId);
    return byId?.length === 1 ? byId[0] : undefined;
  }

  /** Resolves a unified symbol or an unambiguous native id; BadSymbol otherwise (before any request). */
  resolve(symbolOrId: string): Market {
    if (typeof symbolOrId !== 'string' || symbolOrId.trim() === '') {
      throw new BadSymbolError('symbol is empty', { exchange: this.#exchange });
    }
    const market = this.find(symbolOrId);
    if (market) return market;
    const ids = this.#byId.get(symbolOrId);
    if (ids && ids.length > 1) {
      throw new BadSymbolError(`${symbolOrId} is ambiguous: use one of ${ids.map((m) => m.symbol).join(', ')}`, { exchange: this.#exchange });
    }
    const parts = parseUnifiedSymbol(symbolOrId);
    const hint = parts
      ? [...this.#bySymbol.keys()].find((s) => s.startsWith(`${parts.base}/${parts.quote}`))
      : undefined;
    throw new BadSymbolError(`unknown symbol ${symbolOrId}${hint ? ` (did you mean ${hint}?)` : ''}`, { exchange: this.#exchange });
  }

  toNative(symbolOrId: string): string {
    return this.resolve(symbolOrId).id;
  }

  /** Native id → unified symbol, for mapping venue payloads. Type disambiguates ids shared by spot and perpetual. */
  toUnified(nativeId: string, type?: Market['type']): string {
    const list = this.#byId.get(nativeId);
    const market = type === undefined ? (list?.length === 1 ? list[0] : undefined) : list?.find((m) => m.type === type);
    if (!market) throw new BadSymbolError(`unknown native id ${nativeId}${type ? ` (${type})` : ''}`, { exchange: this.#exchange });
    return market.symbol;
  }

  roundPrice(symbol: string, price: DecimalValue, mode: RoundingMode): Decimal {
    return roundToStep(toDecimal(price), this.resolve(symbol).tickSize, mode);
  }

  /** Amounts round down unless told otherwise: never up into insufficient funds. */
  roundAmount(symbol: string, amount: DecimalValue, mode: RoundingMode = 'down'): Decimal {
    return roundToStep(toDecimal(amount), this.resolve(symbol).stepSize, mode);
  }

  /**
   * Checks (and with policy `round`, moves onto the grid) an order's price and amount. Price rounds
   * toward passive (buy down, sell up), amount down; a result below min amount or min notional is
   * InvalidOrder, never a zero-size order.
   */
  prepareOrder(symbol: string, input: OrderInput, policy: GridPolicy): PreparedOrder {
    const market = this.resolve(symbol);
    const fail = (msg: string): never => {
      throw new InvalidOrderError(`${market.symbol}: ${msg}`, { exchange: this.#exchange });
    };
    if (!market.active) fail('market is not trading (halted or delisted)');
    const adjustments: string[] = [];
    let amount = toDecimal(input.amount);
    if (!amount.isFinite() || amount.lte(0)) fail(`amount must be positive, got ${amount.toFixed()}`);
    if (!isOnStep(amount, market.stepSize)) {
      if (policy === 'reject') fail(`amount ${amount.toFixed()} is not a multiple of the step ${market.stepSize.toFixed()}`);
      const rounded = roundToStep(amount, market.stepSize, 'down');
      adjustments.push(`amount ${amount.toFixed()} → ${rounded.toFixed()}`);
      amount = rounded;
    }
    if (amount.lt(market.minAmount)) fail(`amount ${amount.toFixed()} is below the minimum ${market.minAmount.toFixed()}`);
    if (market.maxAmount && amount.gt(market.maxAmount)) fail(`amount ${amount.toFixed()} is above the maximum ${market.maxAmount.toFixed()}`);
    if (input.type === 'market' && market.maxMarketAmount && amount.gt(market.maxMarketAmount)) {
      fail(`market order amount ${amount.toFixed()} is above the maximum ${market.maxMarketAmount.toFixed()}`);
    }
    let price: Decimal | undefined;
    if (input.price !== undefined) {
      price = toDecimal(input.price);
      if (!price.isFinite() || price.lte(0)) fail(`price must be positive, got ${price.toFixed()}`);
      if (!isOnStep(price, market.tickSize)) {
        if (policy === 'reject') fail(`price ${price.toFixed()} is not on the tick ${market.tickSize.toFixed()}`);
        const rounded = roundToStep(price, market.tickSize, passiveRounding(input.side));
        adjustments.push(`price ${price.toFixed()} → ${rounded.toFixed()}`);
        price = rounded;
      }
      if (price.lte(0)) fail('price rounds to zero');
    } else if (input.type === 'limit') {
      fail('a limit order needs a price');
    }
    let triggerPrice: Decimal | undefined;
    if (input.triggerPrice !== undefined) {
      triggerPrice = toDecimal(input.triggerPrice);
      if (!triggerPrice.isFinite() || triggerPrice.lte(0)) fail('triggerPrice must be positive');
      if (!isOnStep(triggerPrice, market.tickSize)) {
        if (policy === 'reject') fail(`triggerPrice ${triggerPrice.toFixed()} is not on the tick ${market.tickSize.toFixed()}`);
        const rounded = roundToStep(triggerPrice, market.tickSize, 'nearest');
        adjustments.push(`triggerPrice ${triggerPrice.toFixed()} → ${rounded.toFixed()}`);
        triggerPrice = rounded;
      }
    }
    const notionalPrice = price ?? triggerPrice;
    if (market.minNotional && notionalPrice) {
      const notional = notionalPrice.mul(amount);
      if (notional.lt(market.minNotional)) fail(`order value ${notional.toFixed()} is below the minimum ${market.minNotional.toFixed()}`);
    }
    return {
      market,
      amount,
      ...(price !== undefined && { price }),
      ...(triggerPrice !== undefined && { triggerPrice }),
      adjustments,
    };
  }
}
