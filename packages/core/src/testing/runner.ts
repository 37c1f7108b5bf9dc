/**
 * Runs the catalogue against a target: plans each case (run, SKIP-cap, SKIP-env), runs it from a
 * clean venue with every await bounded, classifies the outcome, reports.
 */
import { randomBytes } from 'node:crypto';
import type { Capabilities } from '../exchange/capabilities.js';
import type { Exchange } from '../exchange/exchange.js';
import { silentLogger } from '../logging/logger.js';
import { ALL_CASES } from './cases/index.js';
import { STREAM_CAPABILITIES, type Area, type CaseDef } from './cases/types.js';
import { CaseContext, type Session } from './context.js';
import { CaseFailure, CaseSkip, ControlError, KitTimeoutError, TargetConfigError, errorText } from './errors.js';
import type { InvariantViolation } from './invariants.js';
import { computeMissing, summarize, textReporter, type CaseResult, type ConformanceResult, type Reporter } from './report.js';
import {
  DEFAULT_RECONNECT_BUDGET_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRY_BUDGET_MS,
  defaultTiming,
  type ConformanceTarget,
  type Timing,
} from './target.js';

export interface ConformanceOptions {
  /** Case ids (`CK-OR-03` or `OR-03`), areas (`OR`) or id prefixes (`CK-OR-1`) to run; all when absent. */
  readonly only?: readonly string[];
  /** Same forms, removed from the selection. */
  readonly skip?: readonly string[];
  /** Live: allow placing orders (passive, minimum size). Ignored in the simulator. */
  readonly trading?: boolean;
  /** Live: also allow cases that need fills (requires `trading`). */
  readonly fills?: boolean;
  /** Default: one line per case to process.stdout. `false`: silent. */
  readonly reporter?: Reporter | false;
  /** Overrides target.timing. */
  readonly timing?: Partial<Timing>;
}

export interface PlannedCase {
  readonly def: CaseDef;
  readonly skip?: { readonly status: 'SKIP-cap' | 'SKIP-env'; readonly reason: string };
}

/** Prefix of every kit clientOrderId, across runs (live cleanup cancels what an aborted run left). */
export const KIT_CLIENT_ID_PREFIX = 'exkitck';

function matches(def: CaseDef, pattern: string): boolean {
  // `CK-OR-03`, `OR-03`, `OR`, or a prefix such as `CK-OR-1`.
  const p = pattern.toUpperCase();
  const full = p.startsWith('CK-') || !p.includes('-') ? p : `CK-${p}`;
  return def.id === full || def.area === (p as Area) || def.id.startsWith(full);
}

export function selectCases(options: Pick<ConformanceOptions, 'only' | 'skip'> = {}): CaseDef[] {
  return ALL_CASES.filter(
    (d) => (!options.only || options.only.some((p) => matches(d, p))) && !(options.skip ?? []).some((p) => matches(d, p)),
  );
}

export function planCase(def: CaseDef, caps: Capabilities, target: ConformanceTarget, options: ConformanceOptions): PlannedCase {
  const anyStream = STREAM_CAPABILITIES.some((k) => caps[k] === true);
  const notApplicable = def.notApplicable?.(target);
  if (notApplicable !== undefined) return { def, skip: { status: 'SKIP-cap', reason: notApplicable } };
  if (typeof def.req === 'object' && caps[def.req.cap] !== true) return { def, skip: { status: 'SKIP-cap', reason: `capability ${def.req.cap}` } };
  if ((def.req === 'eachStream' || def.req === 'anyStream') && !anyStream) return { def, skip: { status: 'SKIP-cap', reason: 'no stream declared' } };
  const control = target.env === 'sim' ? target.control : undefined;
  if (def.env !== 'any') {
    const needs = 'faults' in def.env ? def.env.faults : (def.env.features ?? []);
    if (!control) {
      const reason = 'faults' in def.env ? `needs fault injection: ${def.env.label}` : 'needs the simulator';
      return { def, skip: { status: 'SKIP-env', reason } };
    }
    const lacking = needs.filter((k) => !control.faults.includes(k));
    if (lacking.length > 0) return { def, skip: { status: 'SKIP-env', reason: `simulator cannot inject ${lacking.join(', ')}` } };
  }
  if (!control && def.trading === 'orders' && !options.trading) return { def, skip: { status: 'SKIP-env', reason: 'live trading not enabled' } };
  if (!control && def.trading === 'fills' && !(options.trading && options.fills)) return { def, skip: { status: 'SKIP-env', reason: 'live fills not enabled' } };
  return { def };
}

function violationText(list: readonly InvariantViolation[]): string {
  const groups = new Map<string, { v: InvariantViolation; n: number }>();
  for (const v of list) {
    const key = `${v.rule} ${v.path.replace(/\[\d+\]|\.\d+(?=\.|$)/g, '')}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { v, n: 1 });
  }
  const shown = [...groups.values()].slice(0, 3).map(({ v, n }) => `${v.rule} ${v.path}: ${v.message}${n > 1 ? ` (×${n})` : ''}`);
  const more = groups.size > 3 ? `; +${groups.size - 3} more` : '';
  return `${shown.join('; ')}${more}`;
}

export interface ConformanceSession {
  readonly target: ConformanceTarget;
  readonly timing: Timing;
  /**
   * The target's declared capabilities (from `target.capabilities`, or a fresh instance). Also
   * reads the simulator's limits once: call it before `caseBudgetMs`.
   */
  capabilities(): Promise<Capabilities>;
  plan(capabilities: Capabilities): PlannedCase[];
  /** The time a case may take before it is cut off (ERROR "timed out after …"). */
  caseBudgetMs(def: CaseDef): number;
  runCase(def: CaseDef): Promise<CaseResult>;
  finish(results: readonly CaseResult[], capabilities: Capabilities, startedAt: number): Promise<ConformanceResult>;
}

/** The pieces of `runConformance`, for callers that drive cases one by one (the vitest helper). */
export function createConformanceSession(target: ConformanceTarget, options: ConformanceOptions = {}): ConformanceSession {
  const timing: Timing = { ...defaultTiming(target.env), ...target.timing, ...options.timing };
  const isSim = target.env === 'sim' && target.control !== undefined;
  const tag = randomBytes(3).toString('hex');
  let counter = 0;
  const session: Session = {
    target,
    timing,
    trading: isSim || options.trading === true,
    fills: isSim || (options.trading === true && options.fills === true),
    requestTimeoutMs: target.declared.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    retryBudgetMs: target.declared.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS,
    reconnectBudgetMs: target.declared.reconnectBudgetMs ?? DEFAULT_RECONNECT_BUDGET_MS,
    venueLimits: undefined,
    errorsSeen: [],
    adapterErrors: new WeakSet(),
    secrets: new Set([target.credentials?.apiSecret, target.credentials?.passphrase].filter((s): s is string => typeof s === 'string')),
    clientIdPrefix: KIT_CLIENT_ID_PREFIX,
    nextClientOrderId: () => `${KIT_CLIENT_ID_PREFIX}${tag}${(++counter).toString(36)}`,
  };
  let caps: Promise<Capabilities> | undefined;
  let cleanup: Promise<Exchange | undefined> | undefined;

  const bounded = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
    Promise.race([p.catch(() => undefined), new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref())]);

  /** Live: cancel kit orders left open (by clientOrderId prefix) so each case starts clean. */
  async function liveCleanup(placed: readonly { readonly symbol: string; readonly id: string }[] = []): Promise<void> {
    if (isSim || !session.trading) return;
    cleanup ??= target.createExchange({ logger: silentLogger }).then(
      async (ex) => {
        await ex.loadMarkets();
        return ex;
      },
      () => undefined,
    );
    const ex = await bounded(cleanup, timing.stepTimeoutMs);
    if (!ex) return;
    for (const o of placed) await bounded(ex.cancelOrder({ symbol: o.symbol, id: o.id }), timing.stepTimeoutMs);
    const symbols = [target.symbols.perp, target.symbols.second, target.symbols.contractSized].filter((s): s is string => !!s);
    for (const symbol of symbols) {
      const open = (await bounded(ex.fetchOpenOrders(symbol), timing.stepTimeoutMs)) ?? [];
      for (const o of open) {
        if (o.clientOrderId?.startsWith(KIT_CLIENT_ID_PREFIX)) await bounded(ex.cancelOrder({ symbol, id: o.id }), timing.stepTimeoutMs);
      }
    }
  }

  function caseBudgetMs(def: CaseDef): number {
    return timing.caseTimeoutMs + (def.extraTimeMs?.(session) ?? 0);
  }

  async function runCase(def: CaseDef): Promise<CaseResult> {
    const started = performance.now();
    const ctx = new CaseContext(session, def);
    const budget = caseBudgetMs(def);
    let outcome: unknown;
    let failed = false;
    try {
      await ctx.bound(
        def.id,
        (async () => {
          if (isSim) await ctx.control.reset();
          else await liveCleanup();
          await def.run(ctx);
        })(),
        budget,
      );
    } catch (e) {
      outcome = e;
      failed = true;
    }
    // Orphaned case code (after a timeout) must not touch the next case's venue.
    ctx.aborted = true;
    await ctx.dispose();
    const control = isSim ? target.control : undefined;
    if (control) {
      const reqs = await bounded(Promise.resolve().then(() => control.receivedRequests()), 5_000);
      for (const r of reqs ?? []) if (r.signature) ctx.signatures.add(r.signature);
    }
    ctx.scanSecrets();
    if (!isSim) await liveCleanup(ctx.placed);

    const durationMs = performance.now() - started;
    const done = (status: CaseResult['status'], reason?: string): CaseResult => ({
      id: def.id,
      area: def.area,
      title: def.title,
      status,
      ...(reason !== undefined && reason !== '' && { reason }),
      durationMs,
    });
    if (ctx.violations.length > 0) return done('FAIL', violationText(ctx.violations));
    if (!failed) return done('PASS', ctx.notes.join('; '));
    if (outcome instanceof CaseSkip) return done(outcome.status, outcome.message);
    if (outcome instanceof KitTimeoutError) {
      return done('ERROR', outcome.message.startsWith(`${def.id} timed out`) ? `timed out after ${budget} ms` : outcome.message);
    }
    if (outcome instanceof CaseFailure) return done('FAIL', outcome.message);
    if (typeof outcome === 'object' && outcome !== null && session.adapterErrors.has(outcome)) {
      const rec = session.errorsSeen.find((r) => r.error === outcome);
      return done('FAIL', `${rec?.method ?? 'a call'} threw ${errorText(outcome)}`);
    }
    if (outcome instanceof ControlError || outcome instanceof TargetConfigError) return done('ERROR', outcome.message);
    return done('ERROR', `kit: ${errorText(outcome)}`);
  }

  return {
    target,
    timing,
    capabilities() {
      caps ??= (async () => {
        // Case budgets (caseBudgetMs) read the venue's limits, so they are known before planning.
        const control = isSim ? target.control : undefined;
        if (control) session.venueLimits = await bounded(Promise.resolve().then(() => control.limits()), timing.stepTimeoutMs);
        if (target.capabilities) return target.capabilities;
        const ex = await target.createExchange({ logger: silentLogger });
        const c = ex.capabilities;
        await bounded(Promise.resolve().then(() => ex.close()), timing.stepTimeoutMs);
        return c;
      })();
      return caps;
    },
    plan(capabilities) {
      const selected = selectCases(options);
      const ordered = [...selected.filter((d) => !d.runLast), ...selected.filter((d) => d.runLast)];
      return ordered.map((d) => planCase(d, capabilities, target, options));
    },
    runCase,
    caseBudgetMs,
    async finish(results, capabilities, startedAt) {
      if (cleanup) {
        const ex = await bounded(cleanup, timing.stepTimeoutMs);
        if (ex) await bounded(Promise.resolve().then(() => ex.close()), timing.stepTimeoutMs);
      }
      const control = isSim ? target.control : undefined;
      if (control) await bounded(Promise.resolve().then(() => control.reset()), timing.stepTimeoutMs);
      const order = new Map(ALL_CASES.map((d, i) => [d.id, i]));
      const cases = [...results].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      const summary = summarize(cases);
      return {
        target: target.name,
        env: target.env,
        cases,
        summary,
        missing: computeMissing(capabilities, selectCases(options)),
        ok: summary.FAIL === 0 && summary.ERROR === 0,
        durationMs: performance.now() - startedAt,
      };
    },
  };
}

/** Runs the conformance kit against `target`; resolves with every case's result (never throws for a failing adapter). */
export async function runConformance(target: ConformanceTarget, options: ConformanceOptions = {}): Promise<ConformanceResult> {
  const startedAt = performance.now();
  const reporter = options.reporter === false ? undefined : (options.reporter ?? textReporter());
  const session = createConformanceSession(target, options);
  const capabilities = await session.capabilities();
  const planned = session.plan(capabilities);
  reporter?.start?.({ target: target.name, env: target.env, cases: planned.length });
  const results: CaseResult[] = [];
  for (const p of planned) {
    const r: CaseResult = p.skip
      ? { id: p.def.id, area: p.def.area, title: p.def.title, status: p.skip.status, reason: p.skip.reason, durationMs: 0 }
      : await session.runCase(p.def);
    results.push(r);
    reporter?.caseDone?.(r);
  }
  const result = await session.finish(results, capabilities, startedAt);
  reporter?.end?.(result);
  return result;
}
