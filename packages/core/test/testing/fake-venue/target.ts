/** The fake venue wrapped as a conformance target, with small timings so the whole run is quick. */
import {
  AuthenticationError,
  BadSymbolError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidOrderError,
  OrderNotFoundError,
  PermissionError,
  RateLimitError,
  TimestampError,
} from '../../../src/errors/error-classes.js';
import type { Capabilities } from '../../../src/exchange/capabilities.js';
import type { Exchange } from '../../../src/exchange/exchange.js';
import type { ConformanceTarget, CreateExchangeOptions, Declared, ErrorCodeExpectation, Timing } from '../../../src/testing/target.js';
import type { VenueFaultKind } from '../../../src/testing/venue-control.js';
import { FakeVenue } from './control.js';
import { FAKE_CAPABILITIES, FakeExchange } from './exchange.js';
import { DEFAULT_KEY, ERROR_CODES } from './server.js';

export const FAKE_DECLARED: Declared = {
  postOnlyCross: 'reject',
  reduceOnlyWithoutPosition: 'reject',
  haltedMarketRejection: 'InvalidOrder',
  flatPosition: 'absent',
  repeatCancel: 'notFound',
  gridPolicy: 'reject',
  cancelAllIncludesConditional: true,
  feeCurrency: 'settle',
  reconciliationIntervalMs: 250,
  timestampTruncation: 'floor',
  serverTimeSource: 'endpoint',
  maxBookDepth: 50,
  candlePageLimit: 100,
  requestTimeoutMs: 250,
  retryBudgetMs: 600,
  reconnectBudgetMs: 700,
};

export const FAKE_ERROR_MAP: readonly ErrorCodeExpectation[] = [
  { code: ERROR_CODES.invalidKey, error: AuthenticationError },
  { code: ERROR_CODES.badSignature, error: AuthenticationError },
  { code: ERROR_CODES.permission, error: PermissionError, operation: 'placeOrder' },
  { code: ERROR_CODES.rateLimit, error: RateLimitError },
  { code: ERROR_CODES.timestamp, error: TimestampError },
  { code: ERROR_CODES.unavailable, error: ExchangeUnavailableError },
  { code: ERROR_CODES.badSymbol, error: BadSymbolError },
  { code: ERROR_CODES.orderNotFound, error: OrderNotFoundError },
  { code: ERROR_CODES.invalidOrder, error: InvalidOrderError },
  { code: ERROR_CODES.insufficientFunds, error: InsufficientFundsError },
  { code: ERROR_CODES.halted, error: InvalidOrderError },
  { code: ERROR_CODES.reduceOnly, error: InvalidOrderError },
  { code: ERROR_CODES.duplicate, error: InvalidOrderError },
  { code: ERROR_CODES.postOnly, error: InvalidOrderError },
  { code: ERROR_CODES.notModified, notModified: 'setLeverage' },
];

export const FAKE_TIMING: Partial<Timing> = {
  convergenceMs: 700,
  stepTimeoutMs: 2_500,
  caseTimeoutMs: 8_000,
  slowReaderMs: 250,
  rateLimitWindowMs: 250,
  unavailableWindowMs: 150,
  refuseWindowMs: 500,
  bookSteps: 20,
};

export interface FakeTargetOptions {
  readonly name?: string;
  readonly env?: 'sim' | 'live';
  readonly capabilities?: Capabilities;
  readonly faults?: readonly VenueFaultKind[];
  /** Wraps every exchange the target creates (the broken variants use this). */
  readonly wrap?: (exchange: FakeExchange) => Exchange;
  readonly timing?: Partial<Timing>;
}

export interface FakeTarget {
  readonly target: ConformanceTarget;
  readonly venue: FakeVenue;
  dispose(): void;
}

export function createFakeTarget(options: FakeTargetOptions = {}): FakeTarget {
  const venue = new FakeVenue(options.faults === undefined ? {} : { faults: options.faults });
  const capabilities = options.capabilities ?? FAKE_CAPABILITIES;
  const declared = FAKE_DECLARED;
  const createExchange = async (o: CreateExchangeOptions): Promise<Exchange> => {
    const ex = new FakeExchange({
      venue,
      credentials: o.credentials ?? DEFAULT_KEY,
      logger: o.logger,
      capabilities,
      ...(o.disableClockSync && { disableClockSync: true }),
      requestTimeoutMs: declared.requestTimeoutMs!,
      retryBudgetMs: declared.retryBudgetMs!,
      reconnectBudgetMs: declared.reconnectBudgetMs!,
      reconciliationIntervalMs: declared.reconciliationIntervalMs,
    });
    return options.wrap ? options.wrap(ex) : ex;
  };
  const target: ConformanceTarget = {
    name: options.name ?? 'fake venue',
    env: options.env ?? 'sim',
    createExchange,
    ...(options.env !== 'live' && { control: venue }),
    credentials: DEFAULT_KEY,
    capabilities,
    declared,
    errorCodeMap: FAKE_ERROR_MAP,
    symbols: { perp: 'BTC/USDT:USDT', second: 'ETH/USDT:USDT' },
    timing: { ...FAKE_TIMING, ...options.timing },
  };
  return { target, venue, dispose: () => venue.dispose() };
}
