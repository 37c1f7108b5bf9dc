import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as published from '@exkit/bench';
import { abRatio, createRng, formatResultLine, formatTable, parseResultLine, quantile, report, sortEntries } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('result lines', () => {
  it('round-trips an entry, optional fields included', () => {
    const entry = { name: 'core/x', unit: 'µs/update', value: 0.1, baseline: 'ccxt', ratio: 2.5 };
    const line = formatResultLine(entry);
    expect(line).toBe('BENCH_RESULT {"name":"core/x","unit":"µs/update","value":0.1,"baseline":"ccxt","ratio":2.5}');
    expect(parseResultLine(line)).toEqual({ entry });
    expect(parseResultLine(`${formatResultLine({ name: 'a', unit: 'ops/s', value: 3 })}\r`)).toEqual({ entry: { name: 'a', unit: 'ops/s', value: 3 } });
  });

  it('ignores other output and flags malformed results', () => {
    expect(parseResultLine('warming up…')).toBeUndefined();
    expect(parseResultLine('BENCH_RESULT {nope')).toMatchObject({ error: expect.stringContaining('not JSON') });
    expect(parseResultLine('BENCH_RESULT {"name":"a","unit":"x","value":"1"}')).toEqual({ error: 'value must be a finite number' });
    expect(parseResultLine('BENCH_RESULT {"name":"","unit":"x","value":1}')).toEqual({ error: 'name must be a non-empty string' });
    expect(() => formatResultLine({ name: 'a', unit: 'x', value: Number.NaN })).toThrow(TypeError);
  });

  it('drops unknown fields and sorts by name, stable for equal names', () => {
    const parsed = parseResultLine('BENCH_RESULT {"ratio":1,"value":1,"extra":true,"unit":"x","name":"b"}');
    expect(JSON.stringify(parsed)).toBe('{"entry":{"name":"b","unit":"x","value":1,"ratio":1}}');
    const sorted = sortEntries([
      { name: 'b', unit: 'x', value: 1 },
      { name: 'a', unit: 'x', value: 2 },
      { name: 'b', unit: 'x', value: 3 },
    ]);
    expect(sorted.map((e) => `${e.name}${e.value}`)).toEqual(['a2', 'b1', 'b3']);
    expect(formatTable(sorted).split('\n')).toHaveLength(5);
  });
});

describe('helpers', () => {
  it('are what `@exkit/bench` exports (package suites import them by name)', () => {
    expect(published.abRatio).toBe(abRatio);
    expect(published.report).toBe(report);
  });

  it('the seeded PRNG repeats', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(8).next()).not.toBe(xs[0]);
    expect(createRng(1).pick(['only'])).toBe('only');
  });

  it('quantiles interpolate', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
  });

  it('the A/B loop sees that twice the work takes about twice as long', () => {
    const work = (n: number) => () => {
      let x = 0;
      for (let i = 0; i < n; i++) x = (x + Math.sqrt(i)) % 1_000;
      return x;
    };
    const r = abRatio(work(200_000), work(400_000), { rounds: 15, warmup: 3 });
    expect(r.rounds).toBe(15);
    expect(r.ratio).toBeGreaterThan(1.3);
    expect(r.ratio).toBeLessThan(3.5);
    expect(r.q1).toBeLessThanOrEqual(r.ratio);
    expect(r.q3).toBeGreaterThanOrEqual(r.ratio);
    expect(r.baselineNs).toBeGreaterThan(r.candidateNs);
  });
});

describe('run-all.mjs', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'exkit-bench-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const suite = (dir: string, name: string, body: string) => {
    mkdirSync(path.join(root, dir), { recursive: true });
    writeFileSync(path.join(root, dir, name), body);
  };
  const run = (...filters: string[]) =>
    spawnSync(process.execPath, [path.join(here, '..', 'run-all.mjs'), ...filters], { env: { ...process.env, BENCH_ROOT: root }, encoding: 'utf8' });

  it('runs every suite of the convention, collects sorted results and fails when a suite fails', () => {
    suite('tooling/bench/suites', 'a.bench.ts', `console.log('hello'); console.log('BENCH_RESULT ' + JSON.stringify({ name: 'z/tool', unit: 'ms', value: 1 }));\n`);
    suite('packages/p/bench', 'p.bench.ts', `const n: number = 2; console.log('BENCH_RESULT ' + JSON.stringify({ name: 'p/x', unit: 'µs', value: n, baseline: 'q', ratio: 1.5 }));\n`);
    suite('apps/app/bench', 'broken.bench.ts', `console.log('BENCH_RESULT ' + JSON.stringify({ name: 'app/partial', unit: 'ms', value: 3 })); process.exit(3);\n`);
    suite('packages/p/bench', 'not-a-suite.ts', `throw new Error('must not run');\n`);

    const all = run();
    expect(all.status).toBe(1);
    expect(all.stderr).toContain('apps/app/bench/broken.bench.ts: exited with code 3');
    expect(all.stdout).toContain('| hello');
    const results = JSON.parse(readFileSync(path.join(root, 'bench-results.json'), 'utf8')) as unknown;
    expect(results).toEqual([
      { name: 'app/partial', unit: 'ms', value: 3 },
      { name: 'p/x', unit: 'µs', value: 2, baseline: 'q', ratio: 1.5 },
      { name: 'z/tool', unit: 'ms', value: 1 },
    ]);

    const some = run('packages/p');
    expect(some.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(root, 'bench-results.json'), 'utf8'))).toEqual([{ name: 'p/x', unit: 'µs', value: 2, baseline: 'q', ratio: 1.5 }]);
  }, 60_000);
});
