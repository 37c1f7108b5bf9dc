// The result-line protocol between a suite and run-all.mjs. Plain JS so that run-all (plain node)
// and the TS helpers (tsx) share one implementation; types in results.d.mts.

export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Validates an entry; returns an error message or undefined. */
export function checkEntry(entry) {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return 'not an object';
  if (typeof entry.name !== 'string' || entry.name.length === 0) return 'name must be a non-empty string';
  if (typeof entry.unit !== 'string' || entry.unit.length === 0) return 'unit must be a non-empty string';
  if (typeof entry.value !== 'number' || !Number.isFinite(entry.value)) return 'value must be a finite number';
  if (entry.baseline !== undefined && typeof entry.baseline !== 'string') return 'baseline must be a string';
  if (entry.ratio !== undefined && (typeof entry.ratio !== 'number' || !Number.isFinite(entry.ratio))) return 'ratio must be a finite number';
  return undefined;
}

/** Only the known fields, in a fixed order (stable JSON). */
export function normalizeEntry(entry) {
  const out = { name: entry.name, unit: entry.unit, value: entry.value };
  if (entry.baseline !== undefined) out.baseline = entry.baseline;
  if (entry.ratio !== undefined) out.ratio = entry.ratio;
  return out;
}

export function formatResultLine(entry) {
  const problem = checkEntry(entry);
  if (problem !== undefined) throw new TypeError(`bad bench result: ${problem}`);
  return RESULT_PREFIX + JSON.stringify(normalizeEntry(entry));
}

/**
 * One stdout line → `{ entry }` for a result line, `{ error }` for a malformed one, undefined for
 * any other line (suites may print whatever else they like).
 */
export function parseResultLine(line) {
  const text = line.replace(/\r$/, '');
  if (!text.startsWith(RESULT_PREFIX)) return undefined;
  let value;
  try {
    value = JSON.parse(text.slice(RESULT_PREFIX.length));
  } catch (error) {
    return { error: `not JSON: ${error.message}` };
  }
  const problem = checkEntry(value);
  return problem === undefined ? { entry: normalizeEntry(value) } : { error: problem };
}

/** Sorted by name; equal names keep their arrival order (Array#sort is stable). */
export function sortEntries(entries) {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function formatNumber(value) {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (abs >= 1) return value.toFixed(3).replace(/\.?0+$/, '');
  return value.toPrecision(3);
}

/** A plain-text table of the entries. */
export function formatTable(entries) {
  const rows = [['name', 'value', 'unit', 'ratio', 'baseline']];
  for (const e of entries) rows.push([e.name, formatNumber(e.value), e.unit, e.ratio === undefined ? '' : `${e.ratio.toFixed(2)}×`, e.baseline ?? '']);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 1 || i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
