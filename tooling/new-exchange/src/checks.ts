import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface StepResult {
  readonly title: string;
  readonly ok: boolean;
  /** stdout and stderr, interleaved per stream as they were captured. */
  readonly output: string;
}

/** One scaffold check: the binary (from the workspace's node_modules/.bin), its arguments, and whether failing is expected. */
interface Step {
  readonly title: string;
  readonly bin: string;
  readonly args: readonly string[];
  /** The conformance report fails by design until the adapter is written: it is the to-do list. */
  readonly report?: boolean;
}

const STEPS: readonly Step[] = [
  { title: 'build', bin: 'tsc', args: ['-p', 'tsconfig.build.json'] },
  { title: 'typecheck', bin: 'tsc', args: ['--noEmit', '-p', 'tsconfig.json'] },
  { title: 'lint', bin: 'eslint', args: ['src', 'test'] },
  { title: 'tests', bin: 'vitest', args: ['run'] },
  { title: 'conformance (what is left to implement)', bin: 'tsx', args: ['test/testing/run-conformance.ts'], report: true },
];

/**
 * Builds, typechecks, lints and tests the package in `dir`, then runs its conformance report,
 * echoing each step's output. Stops at the first failing check (the report may fail). Each step is
 * bounded in time.
 */
export function runChecks(dir: string, workspace: string, echo: (text: string) => void = (t) => void process.stdout.write(t)): StepResult[] {
  const results: StepResult[] = [];
  for (const step of STEPS) {
    echo(`\n== ${step.title}: ${step.bin} ${step.args.join(' ')}\n`);
    const r = spawnSync(join(workspace, 'node_modules', '.bin', step.bin), step.args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      timeout: 240_000,
      maxBuffer: 32 * 1024 * 1024,
    });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    echo(output);
    const ok = r.status === 0;
    results.push({ title: step.title, ok, output });
    if (!ok && step.report !== true) throw new Error(`${step.title} failed (exit ${r.status ?? r.signal ?? 'unknown'}):\n${output.slice(-4_000)}`);
  }
  return results;
}
