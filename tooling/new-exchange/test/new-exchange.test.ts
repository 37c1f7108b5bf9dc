/**
 * Runs the scaffold for a dummy id into a temp checkout (never into packages/), links it the way
 * pnpm does, builds, typechecks, lints and tests it, and reads its conformance report. A second
 * test proves `pnpm install --offline` can link a new package: every dependency of the template is
 * already in the lockfile (resolved offline, lockfile only, in a temp copy of the manifests).
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runChecks } from '../src/checks.js';
import { exchangeNames } from '../src/names.js';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = join(workspace, 'tooling/new-exchange/src/cli.ts');
const tsx = join(workspace, 'node_modules/.bin/tsx');
const temps: string[] = [];
// The capability keys as the built core exports them (tooling imports no package source).
const { CAPABILITY_KEYS } = (await import(pathToFileURL(join(workspace, 'packages/core/dist/index.js')).href)) as { CAPABILITY_KEYS: readonly string[] };

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'exkit-new-exchange-'));
  temps.push(root);
  await mkdir(join(root, 'packages'));
  return root;
}

afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

describe('pnpm new-exchange', () => {
  it('stamps the venue layout; the package builds, typechecks, lints, tests green and reports what is left', async () => {
    const root = await tempRoot();
    // The workspace-level config a package extends, and the root tools (tsc, eslint, vitest, tsx).
    for (const f of ['tsconfig.base.json', 'eslint.config.js']) await cp(join(workspace, f), join(root, f));
    await symlink(join(workspace, 'node_modules'), join(root, 'node_modules'));

    const stamped = spawnSync(tsx, [cli, 'dummyx', '--root', root, '--skip-install', '--skip-checks'], { encoding: 'utf8', timeout: 60_000 });
    expect(stamped.stderr).toBe('');
    expect(stamped.status).toBe(0);
    const dir = join(root, 'packages/dummyx');
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.name).toBe('@exkit/dummyx');
    for (const field of ['exports', 'files', 'sideEffects', 'engines', 'repository', 'license', 'publishConfig']) expect(pkg).toHaveProperty(field);
    expect(await readFile(join(dir, 'src/index.ts'), 'utf8')).toContain('export function createDummyx(');
    for (const f of ['README.md', 'CHANGELOG.md', 'bench/README.md', 'src/rest/README.md', 'src/ws/README.md', 'src/map/README.md', 'src/testing/index.ts', 'vitest.config.ts']) {
      await expect(readFile(join(dir, f), 'utf8')).resolves.not.toContain('__');
    }
    // A second run never overwrites the package.
    const again = spawnSync(tsx, [cli, 'dummyx', '--root', root, '--skip-install', '--skip-checks'], { encoding: 'utf8', timeout: 60_000 });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');

    // What `pnpm install` links for this package: the workspace's core and sim, and zod.
    await mkdir(join(dir, 'node_modules/@exkit'), { recursive: true });
    await symlink(join(workspace, 'packages/core'), join(dir, 'node_modules/@exkit/core'));
    await symlink(join(workspace, 'packages/sim'), join(dir, 'node_modules/@exkit/sim'));
    await symlink(await realpath(join(workspace, 'packages/core/node_modules/zod')), join(dir, 'node_modules/zod'));

    const steps = runChecks(dir, workspace, () => undefined);
    expect(steps.map((s) => [s.title, s.ok])).toEqual([
      ['build', true],
      ['typecheck', true],
      ['lint', true],
      ['tests', true],
      ['conformance (what is left to implement)', false],
    ]);
    expect(steps[3]!.output).toMatch(/Tests\s+4 passed/);
    const report = steps[4]!.output;
    expect(report).toContain('conformance dummyx (scaffold) (live): 90 cases');
    expect(report).toContain('FAIL CK-SY-01 loadMarkets: unified symbols, parts and types: loadMarkets threw NotSupportedError: dummyx: loadMarkets is not implemented yet');
    expect(report).toContain('missing (capabilities declared false and the cases they switch off):');
    for (const key of CAPABILITY_KEYS) expect(report).toMatch(new RegExp(`^  ${key}: `, 'm'));
    // one group per capability key, plus "any stream" (the stream cases need at least one stream)
    expect(report).toMatch(new RegExp(`^left to implement: \\d+ failing case\\(s\\), ${CAPABILITY_KEYS.length + 1} capability group\\(s\\) missing$`, 'm'));
  });

  it('rejects ids that are not package names or are taken by the workspace; derives the names', () => {
    for (const bad of ['Acme', 'a', 'acme_x', 'acme-', '9acme', 'core', 'sim']) expect(() => exchangeNames(bad), bad).toThrow(/invalid exchange id|reserved/);
    expect(exchangeNames('acme-x')).toEqual({ id: 'acme-x', name: 'AcmeX', constant: 'ACME_X', camel: 'acmeX' });
    const r = spawnSync(tsx, [cli, 'Bad_Id', '--root', tmpdir(), '--skip-install', '--skip-checks'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('new-exchange: invalid exchange id "Bad_Id"');
  });

  it('links offline: pnpm resolves the new package from the lockfile alone (--offline --lockfile-only)', async () => {
    const root = await tempRoot();
    const manifests = ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml'];
    for (const dir of ['packages', 'apps', 'tooling']) {
      const listed = spawnSync('sh', ['-c', `ls -d ${dir}/*/package.json 2>/dev/null`], { cwd: workspace, encoding: 'utf8' });
      manifests.push(...listed.stdout.split('\n').filter((l) => l !== ''));
    }
    for (const m of manifests) {
      await mkdir(dirname(join(root, m)), { recursive: true });
      await cp(join(workspace, m), join(root, m));
    }
    const stamped = spawnSync(tsx, [cli, 'dummyx', '--root', root, '--skip-install', '--skip-checks'], { encoding: 'utf8', timeout: 60_000 });
    expect(stamped.status).toBe(0);
    const install = spawnSync('pnpm', ['install', '--offline', '--lockfile-only', '--reporter=append-only'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    expect(install.stderr + install.stdout).not.toMatch(/ERR_PNPM/);
    expect(install.status).toBe(0);
    const lock = await readFile(join(root, 'pnpm-lock.yaml'), 'utf8');
    expect(lock).toMatch(/^ {2}packages\/dummyx:$/m);
  });
});
