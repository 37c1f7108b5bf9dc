/**
 * What a case works with: the target's exchange (instrumented), the simulator's control, bounded
 * waits, assertions that end the case as FAIL, and the bookkeeping of invariants and errors.
 */
import type { Credentials } from '../credentials/credentials.js';
import { Decimal, type DecimalValue } from '../decimal.js';
import type { Exchange } from '../exchange/exchange.js';
import type { ExchangeEvents } from '../exchange/lifecycle.js';
import type { ExchangeError } from '../errors/exchange-error.js';
import type { LogFn, Logger } from '../logging/logger.js';
import type { Market } from '../models/market.js';
import type { CaseDef } from './cases/types.js';
import { CaseFailure, CaseSkip, ControlError, KitTimeoutError, TargetConfigError, errorText } from './errors.js';
import { instrumentControl, instrumentExchange, type KitStreams, type KitSubscription } from './instrument.js';
import { checkInvariants, findSecrets, isCoreDecimal, MIN_TIMESTAMP_MS, OrderTracker, type InvariantViolation, type ModelKind } from './invariants.js';
import type { ConformanceTarget, Declared, ErrorClass, TargetSymbols, Timing } from './target.js';
import type { ReceivedRequest, VenueControl, VenueFaultKind, VenueLimits, VenueOperation } from './venue-control.js';

export interface ErrorRecord {
  readonly caseId: string;
  readonly method: string;
  readonly error: unknown;
}

/** State shared by every case of one run. */
export interface Session {
  readonly target: ConformanceTarget;
  readonly timing: Timing;
  /** Live: the run may place orders / needs fills. Always true in the simulator. */
  readonly trading: boolean;
  readonly fills: boolean;
  readonly requestTimeoutMs: number;
  readonly retryBudgetMs: number;
  readonly reconnectBudgetMs: number;
  /**
   * The simulator's limits, read once before the cases are planned (case budgets derive from them,
   * e.g. CK-ST-04 holds a connection for 3× the idle timeout). Undefined live or when unreadable.
   */
  venueLimits: VenueLimits | undefined;
  /** Every adapter error any case saw (CK-ER-08). */
  readonly errorsSeen: ErrorRecord[];
  readonly adapterErrors: WeakSet<object>;
  /** Strings that must never appear (G7). */
  readonly secrets: Set<string>;
  /** Prefix of every kit clientOrderId (live cleanup finds kit orders by it). */
  readonly clientIdPrefix: string;
  nextClientOrderId(): string;
}

export interface LifecycleRecord {
  readonly type: keyof ExchangeEvents;
  readonly event: unknown;
  readonly at: number;
  /** Index of the exchange instance in the case (0 = the default one, when created first). */
  readonly exchange: number;
}

const LIFECYCLE: readonly (keyof ExchangeEvents)[] = ['open', 'reconnecting', 'resubscribed', 'closed', 'error', 'resync', 'dropped', 'reconciled'];
const MAX_VIOLATIONS = 200;

export interface CreateOptions {
  readonly credentials?: Credentials;
  readonly disableClockSync?: boolean;
  /** Default true. */
  readonly loadMarkets?: boolean;
}

export class CaseContext {
  readonly violations: InvariantViolation[] = [];
  readonly notes: string[] = [];
  readonly lifecycle: LifecycleRecord[] = [];
  readonly logs: unknown[] = [];
  /** REST observations of orders (G5 across calls). */
  readonly restOrders = new OrderTracker();
  /** Orders the case placed (live cleanup cancels those still open). */
  readonly placed: { readonly symbol: string; readonly id: string }[] = [];
  /** Widened G3 bound after the kit moved the simulator clock forward. */
  clockAllowanceMs = 0;
  /** Raises the bound of single adapter calls for cases that wait out fault windows. */
  longCallMs = 0;
  aborted = false;

  readonly #raws: Exchange[] = [];
  readonly #proxies = new Map<Exchange, number>();
  readonly #subs: KitSubscription<unknown>[] = [];
  readonly #scanLater: unknown[] = [];
  /** Signatures the venue received during this case (G7 looks for them too). */
  readonly signatures = new Set<string>();
  #default?: Promise<Exchange>;
  #markets?: Exchange['markets'];
  #control?: VenueControl;

  constructor(
    readonly session: Session,
    readonly def: CaseDef,
  ) {}

  get id(): string {
    return this.def.id;
  }
  get target(): ConformanceTarget {
    return this.session.target;
  }
  get declared(): Declared {
    return this.session.target.declared;
  }
  get symbols(): TargetSymbols {
    return this.session.target.symbols;
  }
  get timing(): Timing {
    return this.session.timing;
  }
  /** T. */
  get T(): number {
    return this.session.timing.convergenceMs;
  }
  get sim(): boolean {
    return this.session.target.env === 'sim' && this.session.target.control !== undefined;
  }
  get live(): boolean {
    return !this.sim;
  }
  get control(): VenueControl {
    const raw = this.session.target.control;
    if (!raw) throw new TargetConfigError('this case needs the simulator control (target.control)');
    return (this.#control ??= instrumentControl(raw, this));
  }
  hasFault(kind: VenueFaultKind): boolean {
    return this.session.target.control?.faults.includes(kind) ?? false;
  }
  get callTimeoutMs(): number {
    return Math.max(this.timing.stepTimeoutMs, this.longCallMs);
  }

  // ---- exchanges -------------------------------------------------------------------------

  /** The default instance (target credentials), markets loaded. */
  exchange(): Promise<Exchange> {
    this.#default ??= this.createExchange().then((ex) => {
      this.#markets = ex.markets;
      return ex;
    });
    return this.#default;
  }

  async createExchange(options: CreateOptions = {}): Promise<Exchange> {
    this.throwIfAborted();
    if (options.credentials) {
      this.session.secrets.add(options.credentials.apiSecret);
      if (options.credentials.passphrase) this.session.secrets.add(options.credentials.passphrase);
    }
    let raw: Exchange;
    try {
      raw = await this.bound(
        'createExchange',
        this.session.target.createExchange({
          logger: this.#logger(),
          ...(options.credentials && { credentials: options.credentials }),
          ...(options.disableClockSync && { disableClockSync: true }),
        }),
        this.timing.stepTimeoutMs,
      );
    } catch (e) {
      if (e instanceof KitTimeoutError) throw e;
      throw new TargetConfigError(`target.createExchange failed: ${errorText(e)}`);
    }
    const index = this.#raws.length;
    this.#raws.push(raw);
    const declared = this.session.target.capabilities;
    if (declared) {
      const differ = (Object.keys(declared) as (keyof typeof declared)[]).filter((k) => declared[k] !== raw.capabilities[k]);
      if (differ.length > 0) throw new TargetConfigError(`target.capabilities differ from the exchange's own (${differ.join(', ')})`);
    }
    for (const type of LIFECYCLE) {
      (raw.events as unknown as { on(t: string, fn: (e: unknown) => void): void }).on(type, (event: unknown) => {
        this.lifecycle.push({ type, event, at: Date.now(), exchange: index });
      });
    }
    const ex = instrumentExchange(raw, this);
    this.#proxies.set(ex, index);
    if (options.loadMarkets !== false) await ex.loadMarkets();
    return ex;
  }

  /** Lifecycle records of one instance. */
  lifecycleOf(ex: Exchange, type?: keyof ExchangeEvents): LifecycleRecord[] {
    const index = this.#proxies.get(ex);
    return this.lifecycle.filter((r) => r.exchange === index && (type === undefined || r.type === type));
  }

  streams(ex: Exchange): KitStreams {
    return ex.streams as unknown as KitStreams;
  }

  trackSubscription(sub: KitSubscription<unknown>): void {
    this.#subs.push(sub);
  }

  market(symbol: string): Market {
    const m = this.#markets?.find(symbol);
    if (!m) throw new TargetConfigError(`${symbol} is not a loaded market of the target (call ctx.exchange() first, or fix target.symbols)`);
    return m;
  }

  /** How VenueControl names the market: its native id, or `<type>:<id>` when the id is shared. */
  nativeId(symbol: string): string {
    const m = this.market(symbol);
    const shared = (this.#markets?.list() ?? []).filter((x) => x.id === m.id).length > 1;
    return shared ? `${m.type}:${m.id}` : m.id;
  }

  /** Closes every instance and subscription the case opened (bounded; failures ignored). */
  async dispose(): Promise<void> {
    const quick = Math.min(this.timing.stepTimeoutMs, 5_000);
    for (const sub of this.#subs) {
      if (!sub.closed) await this.bound('teardown subscription', (sub as unknown as { raw: { close(): Promise<void> } }).raw.close(), quick).catch(() => undefined);
    }
    for (const raw of this.#raws) await this.bound('teardown close()', Promise.resolve().then(() => raw.close()), quick).catch(() => undefined);
  }

  // ---- calls, waits ----------------------------------------------------------------------

  throwIfAborted(): void {
    if (this.aborted) throw new KitTimeoutError(`${this.id} was aborted (case timed out)`);
  }

  /** Races `p` against a timer; the loser is never left unhandled. */
  bound<T>(label: string, p: Promise<T>, ms: number): Promise<T> {
    p.then(undefined, () => undefined);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new KitTimeoutError(`${label} timed out after ${ms} ms`)), ms);
      p.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }

  /** One bounded await (a timeout is an ERROR: the call hung). */
  step<T>(label: string, work: Promise<T> | (() => Promise<T>), ms = this.callTimeoutMs): Promise<T> {
    this.throwIfAborted();
    let p: Promise<T>;
    try {
      p = typeof work === 'function' ? work() : work;
    } catch (e) {
      return Promise.reject(e);
    }
    return this.bound(label, p, ms);
  }

  async sleep(ms: number): Promise<void> {
    this.throwIfAborted();
    await new Promise((r) => setTimeout(r, ms));
    this.throwIfAborted();
  }

  /**
   * Polls until `probe` answers true. A string answer describes what still differs and ends up in
   * the FAIL reason when time runs out (a criterion, not a hang).
   */
  async waitFor(label: string, probe: () => true | string | Promise<true | string>, ms = this.T): Promise<void> {
    const deadline = Date.now() + ms;
    const interval = Math.min(100, Math.max(5, Math.floor(ms / 50)));
    let last: string = 'never checked';
    for (;;) {
      this.throwIfAborted();
      const r = await probe();
      if (r === true) return;
      last = r;
      if (Date.now() >= deadline) throw new CaseFailure(`${label}: not within ${ms} ms (${last})`);
      await new Promise((res) => setTimeout(res, interval));
    }
  }

  /** Adapter call made through the instrumented exchange. */
  async adapterCall<T>(method: string, thunk: () => unknown, onResult: (value: unknown) => void): Promise<T> {
    this.throwIfAborted();
    let promise: Promise<unknown>;
    try {
      promise = Promise.resolve(thunk());
    } catch (e) {
      throw this.recordAdapterError(method, e);
    }
    let value: unknown;
    try {
      value = await this.bound(method, promise, this.callTimeoutMs);
    } catch (e) {
      if (e instanceof KitTimeoutError) throw e;
      throw this.recordAdapterError(method, e);
    }
    onResult(value);
    return value as T;
  }

  async controlCall(name: string, thunk: () => unknown, args: readonly unknown[] = []): Promise<unknown> {
    this.throwIfAborted();
    let value: unknown;
    try {
      value = await this.bound(`control.${name}`, Promise.resolve().then(thunk), this.callTimeoutMs);
    } catch (e) {
      if (e instanceof KitTimeoutError) throw e;
      throw new ControlError(`control.${name} failed: ${errorText(e)}`);
    }
    if (name === 'receivedRequests' && Array.isArray(value)) {
      for (const r of value as ReceivedRequest[]) if (r.signature) this.signatures.add(r.signature);
    }
    if (name === 'advanceClock' && typeof args[0] === 'number') this.clockAllowanceMs += args[0];
    return value;
  }

  /** Records an error thrown by the adapter (ER-08, G7); returns it, as an Error, tagged as the adapter's. */
  recordAdapterError(method: string, e: unknown): unknown {
    const error = typeof e === 'object' && e !== null ? e : new Error(`non-error thrown: ${String(e)}`);
    if (!this.session.adapterErrors.has(error)) {
      this.session.adapterErrors.add(error);
      this.session.errorsSeen.push({ caseId: this.id, method, error });
      this.#scanLater.push(error);
    }
    return error;
  }

  // ---- invariants ------------------------------------------------------------------------

  checkModel(kind: ModelKind, value: unknown, o: { path: string; requested?: string | undefined; markets?: Exchange['markets'] | undefined }): void {
    this.#scanLater.push(value);
    this.addViolations(
      checkInvariants(kind, value, {
        path: o.path,
        ...(o.requested !== undefined && { requestedSymbol: o.requested }),
        ...(o.markets && { markets: o.markets }),
        clockAllowanceMs: this.clockAllowanceMs,
      }),
    );
  }

  checkTimestamp(path: string, value: unknown): void {
    const max = Date.now() + 60_000 + this.clockAllowanceMs;
    if (typeof value !== 'number' || !Number.isInteger(value)) this.addViolations([{ rule: 'G3', path, message: `${String(value)} is not integer epoch ms` }]);
    else if (value < MIN_TIMESTAMP_MS || value > max) this.addViolations([{ rule: 'G3', path, message: `${value} is outside [2015-01-01, now + 60 s]` }]);
  }

  addViolations(list: readonly InvariantViolation[]): void {
    for (const v of list) if (this.violations.length < MAX_VIOLATIONS) this.violations.push(v);
  }

  /** G7 over everything the case saw, once all secrets (signatures included) are known. */
  scanSecrets(): void {
    const secrets = [...this.session.secrets, ...this.signatures].filter((s) => s.length >= 6);
    if (secrets.length === 0) return;
    const hits = new Set<string>();
    this.#scanLater.forEach((v, i) => findSecrets(v, secrets, `seen[${i}]`).forEach((h) => hits.add(h)));
    this.logs.forEach((v, i) => findSecrets(v, secrets, `log[${i}]`).forEach((h) => hits.add(h)));
    for (const h of hits) this.addViolations([{ rule: 'G7', path: h, message: 'contains an API secret, signature or passphrase' }]);
  }

  #logger(): Logger {
    const fn =
      (level: string): LogFn =>
      (a: unknown, b?: unknown) => {
        this.logs.push(b === undefined ? { level, a } : { level, a, b });
      };
    return { trace: fn('trace'), debug: fn('debug'), info: fn('info'), warn: fn('warn'), error: fn('error') };
  }

  // ---- assertions ------------------------------------------------------------------------

  fail(message: string): never {
    throw new CaseFailure(message);
  }

  check(condition: unknown, message: string | (() => string)): asserts condition {
    if (!condition) throw new CaseFailure(typeof message === 'function' ? message() : message);
  }

  /** Exact Decimal equality (the value must be a core Decimal). */
  eq(actual: unknown, expected: DecimalValue, label: string): void {
    const want = new Decimal(expected);
    if (!isCoreDecimal(actual)) this.fail(`${label}: expected ${want.toFixed()}, got ${String(actual)}`);
    if (!actual.eq(want)) this.fail(`${label}: expected ${want.toFixed()}, got ${actual.toFixed()}`);
  }

  /** The call must reject with one of `classes`; returns the error. */
  async expectError(label: string, work: () => unknown, ...classes: ErrorClass[]): Promise<ExchangeError> {
    const names = classes.map((c) => c.name).join(' or ');
    let outcome: unknown;
    try {
      outcome = await this.step(label, () => Promise.resolve().then(work));
    } catch (e) {
      if (e instanceof KitTimeoutError || e instanceof ControlError || e instanceof CaseFailure) throw e;
      if (classes.some((c) => e instanceof c)) return e as ExchangeError;
      this.fail(`${label}: expected ${names}, got ${errorText(e)}`);
    }
    return this.fail(`${label}: expected ${names}, but it succeeded${outcome === undefined ? '' : ` (${describeOutcome(outcome)})`}`);
  }

  note(message: string): void {
    this.notes.push(message);
  }

  skipEnv(reason: string): never {
    throw new CaseSkip('SKIP-env', reason);
  }

  /** A fresh kit clientOrderId (letters and digits only, ≤ 36). */
  coid(): string {
    return this.session.nextClientOrderId();
  }

  // ---- simulator requests ----------------------------------------------------------------

  async requestMark(): Promise<number> {
    return this.sim ? (await this.control.receivedRequests()).length : 0;
  }

  async requestsSince(mark: number, operations?: readonly VenueOperation[]): Promise<ReceivedRequest[]> {
    if (!this.sim) return [];
    const all = (await this.control.receivedRequests()).slice(mark);
    return operations ? all.filter((r) => operations.includes(r.operation)) : all.filter((r) => r.operation !== 'fetchServerTime');
  }

  /** In the simulator: FAIL when any request (of `operations`) arrived since `mark`. Live: nothing to check. */
  async expectNoRequests(label: string, mark: number, operations?: readonly VenueOperation[]): Promise<void> {
    if (!this.sim) return;
    const sent = await this.requestsSince(mark, operations);
    if (sent.length > 0) this.fail(`${label}: ${sent.length} request(s) reached the venue (${[...new Set(sent.map((r) => r.operation))].join(', ')})`);
  }
}

function describeOutcome(v: unknown): string {
  if (typeof v === 'object' && v !== null && 'status' in v && 'id' in v) {
    const o = v as { id: unknown; status: unknown };
    return `order ${String(o.id)} ${String(o.status)}`;
  }
  return typeof v;
}
