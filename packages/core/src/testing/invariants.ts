/**
 * The general invariants G1–G7 of conformance-cases.md, usable on their own: `checkInvariants`
 * answers the violations of one returned object or stream item (empty when it conforms).
 */
import { Decimal } from '../decimal.js';
import {
  liquiditySchema,
  marginModeSchema,
  marketTypeSchema,
  orderSideSchema,
  orderStatusSchema,
  orderTypeSchema,
  positionSideSchema,
  timeframeSchema,
  timeInForceSchema,
  triggerReferenceSchema,
} from '../models/enums.js';
import type { Market } from '../models/market.js';
import { isOnStep } from '../symbols/rounding.js';
import { parseUnifiedSymbol, symbolMatchesType } from '../symbols/unified-symbol.js';

export type InvariantRule = 'G1' | 'G2' | 'G3' | 'G4' | 'G5' | 'G6' | 'G7';

export interface InvariantViolation {
  readonly rule: InvariantRule;
  /** Where, e.g. `fetchTicker.bid` or `orderBook.asks.3.size`. */
  readonly path: string;
  readonly message: string;
}

export type ModelKind =
  | 'market'
  | 'ticker'
  | 'orderBook'
  | 'trade'
  | 'candle'
  | 'balance'
  | 'position'
  | 'order'
  | 'fill'
  | 'fundingRate';

export interface InvariantOptions {
  /** The loaded markets (G2, G6); without them symbols are only checked for the unified form. */
  readonly markets?: { find(symbolOrId: string): Market | undefined };
  /** The symbol the caller asked for (G2: the item's symbol must be its unified form). */
  readonly requestedSymbol?: string;
  /** Upper bound base for timestamps (G3); Date.now() when absent. */
  readonly now?: number;
  /** Extra allowance above now + 60 s (a simulator clock the kit moved forward). */
  readonly clockAllowanceMs?: number;
  /** Strings that must appear nowhere (G7): keys' secrets, signatures, passphrases. */
  readonly secrets?: readonly string[];
  /** Prefix for violation paths. */
  readonly path?: string;
}

export const MIN_TIMESTAMP_MS = Date.UTC(2015, 0, 1);
const FUTURE_SLACK_MS = 60_000;
/**
 * Fields that name a *scheduled* time (the next funding settles up to 8 h ahead, some venues
 * longer): G3's "not in the future" bound does not apply, but a µs/ns leak (≥ year 2500) still shows.
 */
const SCHEDULED_FIELDS: ReadonlySet<string> = new Set(['nextFundingTime']);
const SCHEDULED_HORIZON_MS = 400 * 86_400_000;

interface Shape {
  readonly decimals: readonly string[];
  readonly optionalDecimals: readonly string[];
  readonly timestamps: readonly string[];
  readonly optionalTimestamps: readonly string[];
  readonly enums: ReadonlyArray<readonly [field: string, values: readonly string[], optional: boolean]>;
}

const SHAPES: Readonly<Record<ModelKind, Shape>> = {
  market: {
    decimals: ['contractSize', 'tickSize', 'stepSize', 'minAmount'],
    optionalDecimals: ['maxAmount', 'maxMarketAmount', 'minNotional', 'maxLeverage', 'makerFee', 'takerFee'],
    timestamps: [],
    optionalTimestamps: [],
    enums: [['type', marketTypeSchema.options, false]],
  },
  ticker: {
    decimals: [],
    optionalDecimals: [
      'bid', 'bidSize', 'ask', 'askSize', 'last', 'open24h', 'high24h', 'low24h', 'baseVolume24h', 'quoteVolume24h',
      'markPrice', 'indexPrice', 'fundingRate', 'openInterest',
    ],
    timestamps: ['timestamp'],
    optionalTimestamps: ['nextFundingTime'],
    enums: [],
  },
  orderBook: { decimals: [], optionalDecimals: [], timestamps: ['timestamp'], optionalTimestamps: [], enums: [] },
  trade: {
    decimals: ['price', 'size'],
    optionalDecimals: [],
    timestamps: ['timestamp'],
    optionalTimestamps: [],
    enums: [['side', orderSideSchema.options, false]],
  },
  candle: {
    decimals: ['open', 'high', 'low', 'close', 'volume'],
    optionalDecimals: ['quoteVolume'],
    timestamps: ['openTime'],
    optionalTimestamps: [],
    enums: [['timeframe', timeframeSchema.options, false]],
  },
  balance: { decimals: ['free', 'used', 'total'], optionalDecimals: [], timestamps: [], optionalTimestamps: ['timestamp'], enums: [] },
  position: {
    decimals: ['size', 'unrealizedPnl'],
    optionalDecimals: ['entryPrice', 'markPrice', 'liquidationPrice', 'realizedPnl', 'leverage', 'margin'],
    timestamps: ['timestamp'],
    optionalTimestamps: [],
    enums: [
      ['side', positionSideSchema.options, false],
      ['marginMode', marginModeSchema.options, true],
    ],
  },
  order: {
    decimals: ['amount', 'filled', 'remaining', 'cost'],
    optionalDecimals: ['price', 'average', 'triggerPrice'],
    timestamps: ['timestamp', 'updatedAt'],
    optionalTimestamps: [],
    enums: [
      ['type', orderTypeSchema.options, false],
      ['side', orderSideSchema.options, false],
      ['timeInForce', timeInForceSchema.options, false],
      ['status', orderStatusSchema.options, false],
      ['triggerReference', triggerReferenceSchema.options, true],
    ],
  },
  fill: {
    decimals: ['price', 'size', 'cost'],
    optionalDecimals: [],
    timestamps: ['timestamp'],
    optionalTimestamps: [],
    enums: [
      ['side', orderSideSchema.options, false],
      ['liquidity', liquiditySchema.options, false],
    ],
  },
  fundingRate: {
    decimals: ['rate'],
    optionalDecimals: ['markPrice', 'indexPrice'],
    timestamps: ['timestamp'],
    optionalTimestamps: ['nextFundingTime'],
    enums: [],
  },
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (typeof value === 'string') return `string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name ? `object ${name}` : 'object';
  }
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Core's own Decimal. decimal.js clones share one prototype, so `instanceof` also accepts the
 * caller's decimal.js (default precision 20, which silently rounds); each instance records the
 * constructor that made it, which tells them apart.
 */
function isCoreInstance(value: unknown): value is Decimal {
  return value instanceof Decimal && (value as { constructor?: unknown }).constructor === Decimal;
}

/** G1: a finite core Decimal (not another decimal.js, not a number, string or bigint). */
export function isCoreDecimal(value: unknown): value is Decimal {
  return isCoreInstance(value) && value.isFinite();
}

class Checker {
  readonly out: InvariantViolation[] = [];
  constructor(readonly options: InvariantOptions) {}

  add(rule: InvariantRule, path: string, message: string): void {
    this.out.push({ rule, path, message });
  }

  decimal(path: string, value: unknown, optional: boolean): void {
    if (value === undefined && optional) return;
    if (value === undefined) return this.add('G1', path, 'missing (expected a core Decimal)');
    if (isCoreInstance(value)) {
      if (!value.isFinite()) this.add('G1', path, `not finite (${value.toString()})`);
      return;
    }
    const foreign = value instanceof Decimal;
    this.add('G1', path, foreign ? 'a decimal.js instance that is not core Decimal' : `${describe(value)}, expected a core Decimal`);
  }

  timestamp(path: string, value: unknown, optional: boolean, scheduled = false): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.add('G3', path, `${describe(value)}, expected integer epoch ms`);
    const ahead = scheduled ? SCHEDULED_HORIZON_MS : FUTURE_SLACK_MS;
    const max = (this.options.now ?? Date.now()) + ahead + (this.options.clockAllowanceMs ?? 0);
    if (value < MIN_TIMESTAMP_MS) this.add('G3', path, `${value} is before 2015-01-01 (seconds instead of ms?)`);
    else if (value > max) {
      this.add('G3', path, `${value} is more than ${scheduled ? '400 days' : '60 s'} in the future (µs or ns instead of ms?)`);
    }
  }

  enumValue(path: string, value: unknown, values: readonly string[], optional: boolean): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'string' || !values.includes(value)) this.add('G4', path, `${describe(value)} is not one of ${values.join('|')}`);
  }

  symbol(path: string, value: unknown, kind: ModelKind): Market | undefined {
    if (typeof value !== 'string') {
      this.add('G2', path, `${describe(value)}, expected a unified symbol`);
      return undefined;
    }
    if (!parseUnifiedSymbol(value)) {
      this.add('G2', path, `"${value}" is not a unified symbol (BASE/QUOTE or BASE/QUOTE:SETTLE)`);
      return undefined;
    }
    const { markets, requestedSymbol } = this.options;
    if (kind === 'market' || !markets) return undefined;
    const market = markets.find(value);
    if (!market || market.symbol !== value) {
      this.add('G2', path, `"${value}" is not a loaded market`);
      return undefined;
    }
    if (requestedSymbol !== undefined) {
      const wanted = markets.find(requestedSymbol)?.symbol ?? requestedSymbol;
      if (wanted !== value) this.add('G2', path, `"${value}" but "${requestedSymbol}" was requested`);
    }
    return market;
  }

  onGrid(path: string, value: unknown, step: Decimal, what: 'tick' | 'step'): void {
    if (value instanceof Decimal && value.isFinite() && !isOnStep(value, step)) {
      this.add('G6', path, `${value.toFixed()} is not on the ${what} ${step.toFixed()}`);
    }
  }

  secrets(path: string, value: unknown): void {
    const secrets = (this.options.secrets ?? []).filter((s) => s.length >= 6);
    if (secrets.length === 0) return;
    for (const where of findSecrets(value, secrets, path)) this.add('G7', where, 'contains an API secret, signature or passphrase');
  }
}

/** Paths under `value` whose strings contain one of `secrets` (never the secret itself). */
export function findSecrets(value: unknown, secrets: readonly string[], path = '$', depth = 0, seen = new Set<unknown>()): string[] {
  const hits: string[] = [];
  if (typeof value === 'string') {
    if (secrets.some((s) => s.length > 0 && value.includes(s))) hits.push(path);
    return hits;
  }
  if (!isRecord(value) || depth > 8 || seen.has(value) || value instanceof Decimal) return hits;
  seen.add(value);
  if (value instanceof Error) {
    for (const [k, v] of [['message', value.message], ['stack', value.stack], ['cause', value.cause]] as const) {
      hits.push(...findSecrets(v, secrets, `${path}.${k}`, depth + 1, seen));
    }
    try {
      hits.push(...findSecrets(JSON.stringify(value), secrets, `${path}.toJSON()`, depth + 1, seen));
    } catch {
      // A cyclic or throwing toJSON is not a leak.
    }
  }
  const entries = Array.isArray(value) ? value.slice(0, 500).map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) hits.push(...findSecrets(v, secrets, `${path}.${k}`, depth + 1, seen));
  return [...new Set(hits)];
}

function checkBookSide(c: Checker, path: string, levels: unknown, market: Market | undefined): void {
  if (!Array.isArray(levels)) return c.add('G1', path, `${describe(levels)}, expected an array of levels`);
  levels.forEach((level: unknown, i) => {
    const p = `${path}.${i}`;
    if (!isRecord(level)) return c.add('G1', p, `${describe(level)}, expected { price, size }`);
    c.decimal(`${p}.price`, level.price, false);
    c.decimal(`${p}.size`, level.size, false);
    if (market) {
      c.onGrid(`${p}.price`, level.price, market.tickSize, 'tick');
      c.onGrid(`${p}.size`, level.size, market.stepSize, 'step');
    }
  });
}

function checkOrderShape(c: Checker, path: string, o: Record<string, unknown>, market: Market | undefined): void {
  const { amount, filled, remaining, status } = o;
  if (isCoreDecimal(amount) && isCoreDecimal(filled)) {
    if (filled.isNegative()) c.add('G5', `${path}.filled`, `negative (${filled.toFixed()})`);
    if (filled.gt(amount)) c.add('G5', `${path}.filled`, `${filled.toFixed()} exceeds amount ${amount.toFixed()}`);
    if ((status === 'open' || status === 'untriggered') && isCoreDecimal(remaining) && !remaining.eq(amount.minus(filled))) {
      c.add('G5', `${path}.remaining`, `${remaining.toFixed()} ≠ amount − filled (${amount.minus(filled).toFixed()}) while ${status}`);
    }
  }
  if (o.fee !== undefined) {
    if (!isRecord(o.fee)) c.add('G1', `${path}.fee`, `${describe(o.fee)}, expected { amount, currency }`);
    else c.decimal(`${path}.fee.amount`, o.fee.amount, false);
  }
  if (market) {
    c.onGrid(`${path}.price`, o.price, market.tickSize, 'tick');
    c.onGrid(`${path}.triggerPrice`, o.triggerPrice, market.tickSize, 'tick');
    c.onGrid(`${path}.amount`, amount, market.stepSize, 'step');
    c.onGrid(`${path}.filled`, filled, market.stepSize, 'step');
  }
}

/**
 * G1–G7 on one model object (G5 within one observation; across observations use `OrderTracker`).
 * Returns the violations, empty when the object conforms.
 */
export function checkInvariants(kind: ModelKind, value: unknown, options: InvariantOptions = {}): InvariantViolation[] {
  const c = new Checker(options);
  const path = options.path ?? kind;
  if (!isRecord(value)) {
    c.add('G1', path, `${describe(value)}, expected a ${kind} object`);
    return c.out;
  }
  const shape = SHAPES[kind];
  for (const f of shape.decimals) c.decimal(`${path}.${f}`, value[f], false);
  for (const f of shape.optionalDecimals) c.decimal(`${path}.${f}`, value[f], true);
  for (const f of shape.timestamps) c.timestamp(`${path}.${f}`, value[f], false);
  for (const f of shape.optionalTimestamps) c.timestamp(`${path}.${f}`, value[f], true, SCHEDULED_FIELDS.has(f));
  for (const [f, values, optional] of shape.enums) c.enumValue(`${path}.${f}`, value[f], values, optional);
  const market = kind === 'balance' ? undefined : c.symbol(`${path}.symbol`, value.symbol, kind);
  if (kind === 'market' && typeof value.symbol === 'string' && typeof value.type === 'string' && parseUnifiedSymbol(value.symbol)) {
    const type = marketTypeSchema.safeParse(value.type);
    if (type.success && !symbolMatchesType(value.symbol, type.data)) c.add('G2', `${path}.symbol`, `"${value.symbol}" does not fit type ${type.data}`);
  }
  if (kind === 'balance' && (typeof value.currency !== 'string' || value.currency === '')) c.add('G1', `${path}.currency`, 'missing currency');
  if (kind === 'fill') {
    if (!isRecord(value.fee)) c.add('G1', `${path}.fee`, `${describe(value.fee)}, expected { amount, currency }`);
    else c.decimal(`${path}.fee.amount`, value.fee.amount, false);
  }
  if (kind === 'orderBook') {
    checkBookSide(c, `${path}.bids`, value.bids, market);
    checkBookSide(c, `${path}.asks`, value.asks, market);
  }
  if (kind === 'order') checkOrderShape(c, path, value, market);
  c.secrets(path, value);
  return c.out;
}

/** G7 on a thrown error: message, stack, cause chain, details and toJSON. */
export function checkErrorSecrets(error: unknown, secrets: readonly string[], path = 'error'): InvariantViolation[] {
  const usable = secrets.filter((s) => s.length >= 6);
  return findSecrets(error, usable, path).map((where) => ({ rule: 'G7' as const, path: where, message: 'contains an API secret, signature or passphrase' }));
}

const STATUS_RANK: Readonly<Record<string, number>> = { untriggered: 0, open: 1, filled: 2, canceled: 2, rejected: 2, expired: 2 };

/**
 * G5 across observations of one order: filled never decreases, a terminal status never changes.
 * Keep one tracker per source (REST, each stream) so that a lagging stream is not compared with REST.
 */
export class OrderTracker {
  readonly #seen = new Map<string, { filled: Decimal; status: string }>();

  observe(order: unknown, path = 'order'): InvariantViolation[] {
    if (!isRecord(order) || typeof order.id !== 'string' || !isCoreDecimal(order.filled) || typeof order.status !== 'string') return [];
    const key = `${String(order.symbol)}|${order.id}`;
    const prev = this.#seen.get(key);
    const out: InvariantViolation[] = [];
    if (prev) {
      if (order.filled.lt(prev.filled)) out.push({ rule: 'G5', path: `${path}.filled`, message: `order ${order.id}: filled fell from ${prev.filled.toFixed()} to ${order.filled.toFixed()}` });
      if ((STATUS_RANK[prev.status] ?? 0) === 2 && order.status !== prev.status) {
        out.push({ rule: 'G5', path: `${path}.status`, message: `order ${order.id}: terminal status ${prev.status} changed to ${order.status}` });
      }
    }
    if (!prev || order.filled.gte(prev.filled)) this.#seen.set(key, { filled: order.filled, status: order.status });
    return out;
  }
}

export function statusRank(status: string): number {
  return STATUS_RANK[status] ?? -1;
}
