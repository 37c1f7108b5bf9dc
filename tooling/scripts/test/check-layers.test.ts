import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'check-layers.mjs');
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

type Pkg = { dir: string; name: string; kind: string; deps?: Record<string, string>; files?: Record<string, string> };

function workspace(pkgs: Pkg[]): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  dirs.push(root);
  for (const p of pkgs) {
    const dir = join(root, p.dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: p.name, exkit: { kind: p.kind }, dependencies: p.deps ?? {} }));
    for (const [file, text] of Object.entries(p.files ?? {})) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  }
  return root;
}

function check(root: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(process.execPath, [script, '--root', root], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const err = e as { stderr: string };
    return { ok: false, output: err.stderr };
  }
}

const core: Pkg = { dir: 'packages/core', name: '@exkit/core', kind: 'core', files: { 'src/index.ts': 'export const x = 1;\n' } };
const sim: Pkg = { dir: 'packages/sim', name: '@exkit/sim', kind: 'engine', deps: { '@exkit/core': 'workspace:*' } };
const venueA = (files: Record<string, string> = {}, deps: Record<string, string> = {}): Pkg => ({
  dir: 'packages/alpha', name: '@exkit/alpha', kind: 'exchange', deps: { '@exkit/core': 'workspace:*', ...deps }, files,
});
const venueB: Pkg = { dir: 'packages/beta', name: '@exkit/beta', kind: 'exchange', deps: { '@exkit/core': 'workspace:*' } };
const app: Pkg = { dir: 'apps/gw', name: '@exkit/gw', kind: 'app', deps: { '@exkit/alpha': 'workspace:*' } };

describe('layering check', () => {
  it('passes a well-layered workspace', () => {
    const root = workspace([core, sim, venueA({ 'src/index.ts': "import { x } from '@exkit/core';\n", 'src/testing/front.ts': "import '@exkit/sim';\n" }, { '@exkit/sim': 'workspace:*' }), venueB, app]);
    expect(check(root)).toMatchObject({ ok: true });
  });

  it('fails when core names an exchange', () => {
    const root = workspace([{ ...core, files: { 'src/a.ts': '// talks to bybit\n' } }, venueB]);
    expect(check(root).output).toMatch(/core source names an exchange/);
  });

  it('fails when an exchange imports another exchange', () => {
    const root = workspace([core, venueA({ 'src/index.ts': "import { y } from '@exkit/beta';\n" }, { '@exkit/beta': 'workspace:*' }), venueB]);
    const out = check(root).output;
    expect(out).toMatch(/must not depend on another exchange/);
    expect(out).toMatch(/imports another exchange package @exkit\/beta/);
  });

  it('fails when a package imports an app, or sim is used outside the simulator front', () => {
    const root = workspace([core, sim, venueA({ 'src/a.ts': "import '@exkit/gw';\n", 'src/b.ts': "import '@exkit/sim';\n" }, { '@exkit/sim': 'workspace:*' }), app]);
    const out = check(root).output;
    expect(out).toMatch(/a package imports the app @exkit\/gw/);
    expect(out).toMatch(/@exkit\/sim may be imported only by the simulator front/);
  });

  it('fails on relative imports that escape a package, and on undeclared kinds', () => {
    const root = workspace([core, venueA({ 'src/a.ts': "import '../../core/src/index.js';\n" }), { dir: 'packages/odd', name: '@exkit/odd', kind: '' }]);
    const out = check(root).output;
    expect(out).toMatch(/relative import escapes the package/);
    expect(out).toMatch(/no "exkit.kind"/);
  });
});
