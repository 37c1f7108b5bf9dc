/**
 * Runs the kit inside an exchange package's vitest suite: one test per case, SKIP-cap/SKIP-env as
 * skipped tests with the reason in the name, the summary and the missing list printed once.
 * Core does not depend on vitest at runtime: pass vitest's functions, or let the helper import
 * vitest lazily (it is then the caller's dependency).
 */
import type { CaseResult } from './report.js';
import { formatCaseLine, formatMissing, formatSummary, type TextSink } from './report.js';
import { createConformanceSession, type ConformanceOptions } from './runner.js';
import type { ConformanceTarget } from './target.js';

/** The part of vitest the helper uses (`import { describe, it, beforeAll, afterAll } from 'vitest'`). */
export interface VitestApi {
  describe(name: string, body: () => void): void;
  it: {
    (name: string, fn: (context: { skip?: (note?: string) => void }) => Promise<void>, timeout?: number): void;
    skip(name: string, fn?: () => void): void;
  };
  afterAll(fn: () => Promise<void> | void, timeout?: number): void;
}

export interface DescribeConformanceOptions extends Omit<ConformanceOptions, 'reporter'> {
  /** vitest's functions; imported lazily when absent. */
  readonly vitest?: VitestApi;
  /** Where the summary and the missing list go (default process.stdout). */
  readonly output?: TextSink;
  /** Also print one line per case (vitest already lists the tests). Default false. */
  readonly lines?: boolean;
}

function isVitestApi(v: unknown): v is VitestApi {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.describe === 'function' && typeof o.it === 'function' && typeof o.afterAll === 'function';
}

async function loadVitest(): Promise<VitestApi> {
  // A variable specifier keeps bundlers and tsc from resolving vitest for core itself.
  const specifier = 'vitest';
  const mod: unknown = await import(specifier);
  if (!isVitestApi(mod)) throw new Error('vitest could not be loaded: pass options.vitest');
  return mod;
}

/**
 * Registers the conformance cases as vitest tests. Call at the top level of a test file:
 * `await describeConformance(target, { vitest: { describe, it, afterAll } })`.
 */
export async function describeConformance(target: ConformanceTarget, options: DescribeConformanceOptions = {}): Promise<void> {
  const vi = options.vitest ?? (await loadVitest());
  const out = options.output ?? process.stdout;
  const startedAt = performance.now();
  const session = createConformanceSession(target, options);
  const capabilities = await session.capabilities();
  const planned = session.plan(capabilities);
  const results: CaseResult[] = [];
  const timing = session.timing;

  vi.describe(`conformance: ${target.name} (${target.env})`, () => {
    for (const p of planned) {
      const { def } = p;
      if (p.skip) {
        results.push({ id: def.id, area: def.area, title: def.title, status: p.skip.status, reason: p.skip.reason, durationMs: 0 });
        vi.it.skip(`${p.skip.status} ${def.id} ${def.title} (${p.skip.reason})`, () => undefined);
        continue;
      }
      // The kit bounds the case itself; vitest's timeout only backs it up.
      const budget = session.caseBudgetMs(def) + 2 * timing.stepTimeoutMs;
      vi.it(
        `${def.id} ${def.title}`,
        async (context) => {
          const r = await session.runCase(def);
          results.push(r);
          if (options.lines) out.write(`${formatCaseLine(r)}\n`);
          if (r.status === 'FAIL' || r.status === 'ERROR') throw new Error(`${r.status} ${r.id}: ${r.reason ?? ''}`);
          if (r.status === 'SKIP-cap' || r.status === 'SKIP-env') context.skip?.(`${r.status}: ${r.reason ?? ''}`);
        },
        budget,
      );
    }
    vi.afterAll(async () => {
      const result = await session.finish(results, capabilities, startedAt);
      out.write(`${formatSummary(result)}\n${formatMissing(result.missing)}\n`);
    });
  });
}
