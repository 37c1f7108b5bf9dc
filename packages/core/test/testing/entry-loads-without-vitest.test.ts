/**
 * @exkit/core/testing must load where vitest is not installed: vitest is a devDependency of core.
 * Proven by importing the entry in a child Node with vitest resolution blocked.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the @exkit/core/testing entry', () => {
  it('imports and runs planning with every import of vitest refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-no-vitest-'));
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(hooks, `export async function resolve(spec, ctx, next) { if (spec === 'vitest' || spec.startsWith('vitest/') || spec.startsWith('@vitest/')) throw new Error('vitest is not installed'); return next(spec, ctx); }\n`);
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const entry = pathToFileURL(resolve(import.meta.dirname, '../../src/testing/index.ts')).href;
    const script = `const kit = await import(${JSON.stringify(entry)}); console.log(typeof kit.runConformance, typeof kit.describeConformance, kit.ALL_CASES.length); await kit.describeConformance({}, {}).catch((e) => console.log('lazy:', e.message));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(register).href, '--input-type=module', '-e', script], { cwd: resolve(import.meta.dirname, '../..') });
    expect(stdout).toContain('function function 90');
    // Only the vitest helper needs vitest, and only when called without it.
    expect(stdout).toContain('lazy: vitest is not installed');
  }, 30_000);
});
