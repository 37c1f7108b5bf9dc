import { formatUnifiedSymbol } from '@exkit/core';
import { reject } from '../errors.js';
import { D0, D1, Decimal, fromUnits, toDecimal, toUnits, unitPlaces } from '../util/decimal.js';
import { instrumentDefinitionSchema, type InstrumentDefinition, type ParsedInstrumentDefinition } from './definition.js';

const HOUR = 3_600_000;

/**
 * One market of the venue with its grids. The engine keeps prices in ticks and sizes in lots
 * (bigint) on the book and converts to Decimal where money is computed.
 */
export class SimInstrument {
  readonly definition: ParsedInstrumentDefinition;
  /** Unified symbol: `BTC/USDT` (spot) or `BTC/USDT:USDT` (perpetual). The engine's key. */
  readonly symbol: string;
  readonly nativeId: string;
  readonly type: 'spot' | 'swap';
  readonly base: string;
  readonly quote: string;
  /** Settlement (margin) coin of a perpetual; undefined for spot. */
  readonly settle: string | undefined;
  readonly tickSize: Decimal;
  readonly stepSize: Decimal;
  readonly minSize: Decimal;
  readonly maxSize: Decimal | undefined;
  readonly maxMarketSize: Decimal | undefined;
  readonly minNotional: Decimal | undefined;
  readonly contractSize: Decimal;
  readonly maxLeverage: Decimal | undefined;
  readonly defaultLeverage: Decimal;
  readonly makerFee: Decimal;
  readonly takerFee: Decimal;
  readonly maintenanceMarginRate: Decimal;
  readonly fundingIntervalMs: number;
  readonly fundingRateCap: Decimal;
  readonly initialPrice: Decimal;
  readonly minLots: bigint;
  readonly maxLots: bigint | undefined;
  readonly maxMarketLots: bigint | undefined;
  /** Decimal places prices and sizes print with (a `0.10` tick prints `30247.20`, as the venue does). */
  readonly priceDp: number;
  readonly sizeDp: number;
  status: 'trading' | 'halted';
  /** k when the grid unit is 10^-k (prints without Decimal), else -1. */
  readonly #tickScale: number;
  readonly #stepScale: number;
  /** Grid values met recently (Decimals are immutable; flows reuse prices near the touch and sizes). */
  readonly #prices = new Map<bigint, Decimal>();
  readonly #sizes = new Map<bigint, Decimal>();

  constructor(input: InstrumentDefinition) {
    const parsed = instrumentDefinitionSchema.safeParse(input);
    if (!parsed.success) reject('INVALID_PARAMETER', `invalid instrument definition: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const d = parsed.data;
    this.definition = d;
    this.nativeId = d.nativeId;
    this.type = d.type;
    this.base = d.base;
    this.quote = d.quote;
    this.settle = d.type === 'swap' ? (d.settle ?? d.quote) : undefined;
    this.symbol = d.symbol ?? formatUnifiedSymbol(this.settle === undefined ? { base: d.base, quote: d.quote } : { base: d.base, quote: d.quote, settle: this.settle });
    this.tickSize = toDecimal(d.tickSize);
    this.stepSize = toDecimal(d.stepSize);
    this.minSize = toDecimal(d.minSize);
    this.maxSize = d.maxSize === undefined ? undefined : toDecimal(d.maxSize);
    this.maxMarketSize = d.maxMarketSize === undefined ? undefined : toDecimal(d.maxMarketSize);
    this.minNotional = d.minNotional === undefined ? undefined : toDecimal(d.minNotional);
    this.contractSize = d.contractSize === undefined ? D1 : toDecimal(d.contractSize);
    this.maxLeverage = d.type === 'spot' ? undefined : toDecimal(d.maxLeverage ?? '100');
    this.defaultLeverage = d.type === 'spot' ? D1 : toDecimal(d.defaultLeverage ?? '10');
    this.makerFee = toDecimal(d.makerFee);
    this.takerFee = toDecimal(d.takerFee);
    this.maintenanceMarginRate = toDecimal(d.maintenanceMarginRate ?? '0.005');
    this.fundingIntervalMs = d.fundingIntervalMs ?? 8 * HOUR;
    this.fundingRateCap = toDecimal(d.fundingRateCap ?? '0.00375');
    this.initialPrice = toDecimal(d.initialPrice);
    this.status = d.status ?? 'trading';
    this.priceDp = unitPlaces(d.tickSize, this.tickSize);
    this.sizeDp = unitPlaces(d.stepSize, this.stepSize);
    this.#tickScale = powerOfTenScale(this.tickSize);
    this.#stepScale = powerOfTenScale(this.stepSize);

    const lots = (v: Decimal, what: string): bigint => toUnits(v, this.stepSize) ?? reject('INVALID_PARAMETER', `${what} ${v.toFixed()} is not a multiple of the step ${this.stepSize.toFixed()}`);
    this.minLots = lots(this.minSize, 'minSize');
    this.maxLots = this.maxSize === undefined ? undefined : lots(this.maxSize, 'maxSize');
    this.maxMarketLots = this.maxMarketSize === undefined ? undefined : lots(this.maxMarketSize, 'maxMarketSize');
    // A venue that counts whole contracts (contractSize ≠ 1) steps in whole contracts.
    if (!this.contractSize.eq(D1) && toUnits(this.stepSize, this.contractSize) === undefined) reject('INVALID_PARAMETER', 'stepSize must be a whole number of contracts');
    if (toUnits(this.initialPrice, this.tickSize) === undefined) reject('INVALID_PARAMETER', 'initialPrice must be on the tick');
    if (this.defaultLeverage.lte(D0) || (this.maxLeverage !== undefined && this.defaultLeverage.gt(this.maxLeverage))) reject('INVALID_PARAMETER', 'defaultLeverage out of range');
  }

  get isSpot(): boolean {
    return this.type === 'spot';
  }

  /** The coin margin, PnL, fees and funding of a perpetual are paid in (quote for spot fees on sells). */
  get marginCoin(): string {
    return this.settle ?? this.quote;
  }

  priceToTicks(price: Decimal): bigint | undefined {
    return toUnits(price, this.tickSize);
  }

  sizeToLots(size: Decimal): bigint | undefined {
    return toUnits(size, this.stepSize);
  }

  price(ticks: bigint): Decimal {
    let d = this.#prices.get(ticks);
    if (d === undefined) {
      d = this.#tickScale >= 0 ? new Decimal(`${ticks}e-${this.#tickScale}`) : fromUnits(ticks, this.tickSize);
      remember(this.#prices, ticks, d);
    }
    return d;
  }

  size(lots: bigint): Decimal {
    let d = this.#sizes.get(lots);
    if (d === undefined) {
      // On a power-of-ten grid one exact construction instead of a construction and a product.
      d = this.#stepScale >= 0 ? new Decimal(`${lots}e-${this.#stepScale}`) : fromUnits(lots, this.stepSize);
      remember(this.#sizes, lots, d);
    }
    return d;
  }

  formatPrice(ticks: bigint): string {
    return this.#tickScale >= 0 ? formatScaled(ticks, this.#tickScale, this.priceDp) : this.price(ticks).toFixed(this.priceDp);
  }

  formatSize(lots: bigint): string {
    return this.#stepScale >= 0 ? formatScaled(lots, this.#stepScale, this.sizeDp) : this.size(lots).toFixed(this.sizeDp);
  }

  /** Base units → venue contracts (exact; a front's wire quantity on a contract market). */
  toContracts(size: Decimal): Decimal {
    return size.div(this.contractSize);
  }

  /** Venue contracts → base units. */
  fromContracts(contracts: Decimal): Decimal {
    return contracts.times(this.contractSize);
  }
}

const CACHE_LIMIT = 4096;

function remember(cache: Map<bigint, Decimal>, key: bigint, value: Decimal): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

/** k when `unit` is exactly 10^-k (k ≥ 0), else -1. */
function powerOfTenScale(unit: Decimal): number {
  const k = unit.decimalPlaces();
  return unit.eq(new Decimal(10).pow(-k)) ? k : -1;
}

/** units × 10^-scale printed with `places` decimals (places ≥ scale), from the integer's digits. */
function formatScaled(units: bigint, scale: number, places: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  if (places > scale) digits += (scale === 0 ? '.' : '') + '0'.repeat(places - scale);
  return negative ? `-${digits}` : digits;
}
