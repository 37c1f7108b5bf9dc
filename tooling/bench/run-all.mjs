#!/usr/bin/env node
// Runs every benchmark suite of the workspace, one at a time, and collects their BENCH_RESULT
// lines into bench-results.json at the repo root. Convention: README.md next to this file.
//
//   node tooling/bench/run-all.mjs            all suites
//   node tooling/bench/run-all.mjs orderbook  only suites whose path contains "orderbook"
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { formatTable, parseResultLine, sortEntries } from './src/results.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
// BENCH_ROOT points the runner at another tree (the harness's own test uses a fixture workspace).
const root = path.resolve(process.env.BENCH_ROOT ?? repo);
const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
const outFile = path.join(root, 'bench-results.json');
const timeoutMs = Number(process.env.BENCH_SUITE_TIMEOUT_MS ?? 10 * 60_000);

/** tooling/bench/suites/*.bench.ts, packages/*\/bench/*.bench.ts, apps/*\/bench/*.bench.ts — sorted by path. */
function findSuites() {
  const dirs = [path.join(root, 'tooling', 'bench', 'suites')];
  for (const group of ['packages', 'apps']) {
    const base = path.join(root, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(path.join(base, entry.name, 'bench'));
    }
  }
  const files = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (name.endsWith('.bench.ts')) files.push(path.join(dir, name));
  }
  return files.map((f) => path.relative(root, f)).sort();
}

/** Runs one suite; resolves with its results and, if it failed, why. */
function runSuite(suite) {
  return new Promise((resolve) => {
    const entries = [];
    const problems = [];
    // The suite's package directory (the folder above bench/ or suites/) is its working directory.
    const cwd = path.dirname(path.dirname(path.join(root, suite)));
    const child = spawn(tsx, [path.join(root, suite)], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => {
      problems.push(`timed out after ${timeoutMs} ms`);
      child.kill('SIGKILL');
    }, timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = parseResultLine(line);
      if (parsed === undefined) console.log(`  | ${line}`);
      else if ('error' in parsed) problems.push(`bad result line (${parsed.error}): ${line}`);
      else {
        entries.push(parsed.entry);
        console.log(`  = ${parsed.entry.name}: ${parsed.entry.value} ${parsed.entry.unit}`);
      }
    });
    let settled = false;
    const finish = (problem) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (problem !== undefined) problems.push(problem);
      if (entries.length === 0) problems.push('reported no BENCH_RESULT line');
      resolve({ entries, problems });
    };
    child.on('error', (error) => finish(`could not start: ${error.message}`));
    child.on('close', (code, signal) => finish(code === 0 ? undefined : `exited with ${signal ?? `code ${code}`}`));
  });
}

const filters = process.argv.slice(2);
const suites = findSuites().filter((s) => filters.length === 0 || filters.some((f) => s.includes(f)));
if (suites.length === 0) {
  console.error(`no suites found${filters.length > 0 ? ` matching ${filters.join(', ')}` : ''}`);
  process.exit(1);
}

const all = [];
const failures = [];
for (const suite of suites) {
  console.log(`\n▶ ${suite}`);
  const started = Date.now();
  const { entries, problems } = await runSuite(suite);
  all.push(...entries);
  console.log(`  ${problems.length === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const p of problems) failures.push(`${suite}: ${p}`);
}

const sorted = sortEntries(all);
const seen = new Set();
for (const e of sorted) {
  if (seen.has(e.name)) console.error(`warning: result name reported twice: ${e.name}`);
  seen.add(e.name);
}
// Write what we got even when a suite failed; tmp + rename so a reader never sees half a file.
writeFileSync(`${outFile}.tmp`, `${JSON.stringify(sorted, null, 2)}\n`);
renameSync(`${outFile}.tmp`, outFile);

console.log(`\n${formatTable(sorted)}\n`);
console.log(`${sorted.length} results from ${suites.length} suite(s) → ${path.relative(process.cwd(), outFile) || outFile}`);
if (failures.length > 0) {
  console.error(`\n${failures.length} problem(s):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
