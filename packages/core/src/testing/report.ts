/** Results, the per-area summary, the "missing" list, and the text reporter. */
import { CAPABILITY_KEYS, type Capabilities, type CapabilityKey } from '../exchange/capabilities.js';
import { AREAS, AREA_TITLES, STREAM_CAPABILITIES, type Area, type CaseDef } from './cases/types.js';

export type CaseStatus = 'PASS' | 'FAIL' | 'SKIP-cap' | 'SKIP-env' | 'ERROR';
export const CASE_STATUSES: readonly CaseStatus[] = ['PASS', 'FAIL', 'SKIP-cap', 'SKIP-env', 'ERROR'];

export interface CaseResult {
  readonly id: string;
  readonly area: Area;
  readonly title: string;
  readonly status: CaseStatus;
  /** Why it failed / was skipped, or notes on a PASS. */
  readonly reason?: string;
  readonly durationMs: number;
}

export type StatusCounts = Readonly<Record<CaseStatus, number>> & { readonly total: number };

export interface ConformanceSummary extends StatusCounts {
  readonly byArea: Readonly<Record<Area, StatusCounts>>;
}

/** A capability declared false (or absent) and the cases it switches off. */
export interface MissingCapability {
  readonly capability: CapabilityKey | 'any stream';
  /** Cases skipped because of it. */
  readonly cases: readonly string[];
  /** Cases that ran without the part this capability covers (CK-ST-01 runs per declared stream). */
  readonly partly: readonly string[];
}

export interface ConformanceResult {
  readonly target: string;
  readonly env: 'sim' | 'live';
  /** In catalogue order. */
  readonly cases: readonly CaseResult[];
  readonly summary: ConformanceSummary;
  readonly missing: readonly MissingCapability[];
  /** No FAIL and no ERROR. */
  readonly ok: boolean;
  readonly durationMs: number;
}

export interface Reporter {
  start?(info: { readonly target: string; readonly env: 'sim' | 'live'; readonly cases: number }): void;
  caseDone?(result: CaseResult): void;
  end?(result: ConformanceResult): void;
}

function emptyCounts(): Record<CaseStatus, number> & { total: number } {
  return { PASS: 0, FAIL: 0, 'SKIP-cap': 0, 'SKIP-env': 0, ERROR: 0, total: 0 };
}

export function summarize(cases: readonly CaseResult[]): ConformanceSummary {
  const all = emptyCounts();
  const byArea = Object.fromEntries(AREAS.map((a) => [a, emptyCounts()])) as Record<Area, ReturnType<typeof emptyCounts>>;
  for (const c of cases) {
    all[c.status]++;
    all.total++;
    byArea[c.area][c.status]++;
    byArea[c.area].total++;
  }
  return { ...all, byArea };
}

export function computeMissing(capabilities: Capabilities, defs: readonly CaseDef[]): MissingCapability[] {
  const anyStream = STREAM_CAPABILITIES.some((k) => capabilities[k] === true);
  const out: MissingCapability[] = [];
  for (const key of CAPABILITY_KEYS) {
    if (capabilities[key] === true) continue;
    const cases = defs.filter((d) => typeof d.req === 'object' && d.req.cap === key).map((d) => d.id);
    const isStream = (STREAM_CAPABILITIES as readonly string[]).includes(key);
    const partly = isStream && anyStream ? defs.filter((d) => d.req === 'eachStream').map((d) => d.id) : [];
    out.push({ capability: key, cases, partly });
  }
  if (!anyStream) {
    const cases = defs.filter((d) => d.req === 'anyStream' || d.req === 'eachStream').map((d) => d.id);
    if (cases.length > 0) out.push({ capability: 'any stream', cases, partly: [] });
  }
  return out;
}

export function formatCaseLine(r: CaseResult): string {
  const base = `${r.status} ${r.id} ${r.title}`;
  switch (r.status) {
    case 'PASS':
      return `${base}${r.reason ? ` [${r.reason}]` : ''} (${Math.round(r.durationMs)} ms)`;
    case 'SKIP-cap':
    case 'SKIP-env':
      return `${base} (${r.reason ?? 'skipped'})`;
    default:
      return `${base}: ${r.reason ?? 'no reason'} (${Math.round(r.durationMs)} ms)`;
  }
}

function countsText(c: StatusCounts): string {
  return CASE_STATUSES.map((s) => `${c[s]} ${s}`).join(', ');
}

export function formatSummary(result: ConformanceResult): string {
  const lines: string[] = [];
  lines.push(`conformance ${result.target} (${result.env}): ${result.summary.total} cases in ${(result.durationMs / 1000).toFixed(1)} s`);
  for (const area of AREAS) {
    const c = result.summary.byArea[area];
    if (c.total === 0) continue;
    lines.push(`  ${area} ${AREA_TITLES[area].padEnd(30)} ${String(c.total).padStart(2)}: ${countsText(c)}`);
  }
  lines.push(`  ${'total'.padEnd(33)} ${String(result.summary.total).padStart(2)}: ${countsText(result.summary)}`);
  return lines.join('\n');
}

export function formatMissing(missing: readonly MissingCapability[]): string {
  if (missing.length === 0) return 'missing: nothing (every capability declared)';
  const lines = ['missing (capabilities declared false and the cases they switch off):'];
  for (const m of missing) {
    const parts = [...m.cases, ...m.partly.map((id) => `${id} (partly)`)];
    lines.push(`  ${m.capability}: ${parts.length > 0 ? parts.join(', ') : 'no case'}`);
  }
  return lines.join('\n');
}

export interface TextSink {
  write(chunk: string): unknown;
}

/** One line per case as it finishes, then the per-area summary and the missing list. */
export function textReporter(out: TextSink = process.stdout): Reporter {
  return {
    start: (info) => void out.write(`conformance ${info.target} (${info.env}): ${info.cases} cases\n`),
    caseDone: (r) => void out.write(`${formatCaseLine(r)}\n`),
    end: (result) => void out.write(`${formatSummary(result)}\n${formatMissing(result.missing)}\n`),
  };
}
