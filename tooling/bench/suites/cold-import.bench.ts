/**
 * Issue 5d — cold import time: a fresh `node` per measurement imports the package and reports how
 * long `await import(…)` took (node's own start-up is not counted; it is the same for all).
 *
 * @exkit/bybit (its built dist, pulling in core, zod, ws, axios, decimal.js) vs ccxt 4.5.84
 * (`import('ccxt')`, then `.bybit`: ESM evaluates ccxt's whole module graph either way) vs
 * bybit-api 4.7.7 (CJS). Each round runs every contender once, in a rotating order; 15 rounds,
 * bounded to 2 minutes. value = median ms; ratio = median over rounds of ms(baseline)/ms(exkit).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantile, report } from '../src/index.js';

const ROUNDS = 15;
const BUDGET_MS = 120_000;
const cwd = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const contenders = [
  { key: 'exkit', spec: '@exkit/bybit', use: 'createBybit' },
  { key: 'ccxt', spec: 'ccxt', use: 'bybit' },
  { key: 'bybit-api', spec: 'bybit-api', use: 'RestClientV5' },
] as const;
type Key = (typeof contenders)[number]['key'];

function importMs(spec: string, use: string): number {
  const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(spec)}); const t1 = performance.now();
if (typeof (m[${JSON.stringify(use)}] ?? m.default?.[${JSON.stringify(use)}]) !== 'function') throw new Error('no ${use}');
process.stdout.write(String(t1 - t0));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`import ${spec} failed: ${run.stderr.slice(0, 400)}`);
  return Number(run.stdout);
}

const times: Record<Key, number[]> = { exkit: [], ccxt: [], 'bybit-api': [] };
const deadline = Date.now() + BUDGET_MS;
for (let r = 0; r < ROUNDS && (r < 3 || Date.now() < deadline); r++) {
  for (let k = 0; k < contenders.length; k++) {
    const c = contenders[(r + k) % contenders.length]!;
    times[c.key].push(importMs(c.spec, c.use));
  }
}
const median = (key: Key): number => Number(quantile(times[key], 0.5).toFixed(1));
const perRound = (key: Key): number => quantile(times[key].map((t, i) => t / times.exkit[i]!), 0.5);
for (const c of contenders) console.log(`${c.key}: ${times[c.key].map((t) => t.toFixed(0)).join(', ')} ms`);

const CCXT = 'bybit/import/ccxt 4.5.84 cold import';
const BYBIT_API = 'bybit/import/bybit-api 4.7.7 cold import';
report({ name: CCXT, unit: 'ms', value: median('ccxt') });
report({ name: BYBIT_API, unit: 'ms', value: median('bybit-api') });
report({ name: 'bybit/import/exkit @exkit/bybit cold import vs ccxt', unit: 'ms', value: median('exkit'), baseline: CCXT, ratio: perRound('ccxt') });
report({ name: 'bybit/import/exkit @exkit/bybit cold import vs bybit-api', unit: 'ms', value: median('exkit'), baseline: BYBIT_API, ratio: perRound('bybit-api') });
