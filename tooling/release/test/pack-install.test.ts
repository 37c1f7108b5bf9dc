/**
 * "Install only the exchange you need", as a consumer sees it: `pnpm pack` core, sim and bybit,
 * `npm install` the tarballs into a scratch project outside the workspace (third-party deps come
 * from the npm registry), and run a ten-line program against the Bybit simulator.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const workspace = resolve(here, '../../..');
const PACKAGES = ['core', 'sim', 'bybit'] as const;

/** The environment without the npm/pnpm settings a workspace script run leaks into it. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm|pnpm)_/i.test(k) && k !== 'NODE_OPTIONS'));
}

function sh(cmd: string, args: readonly string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: cleanEnv(), timeout, maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

let scratch: string | undefined;
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('packed tarballs, installed outside the workspace', () => {
  it('core + sim + bybit install with npm and run a program against the Bybit simulator', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'exkit-release-'));
    const tarballs = join(scratch, 'tarballs');
    await mkdir(tarballs);
    for (const p of PACKAGES) sh('pnpm', ['pack', '--pack-destination', tarballs], join(workspace, 'packages', p));
    const versions = new Map<string, string>();
    for (const p of PACKAGES) versions.set(p, (JSON.parse(await readFile(join(workspace, 'packages', p, 'package.json'), 'utf8')) as { version: string }).version);
    const tarball = (name: string): string => `exkit-${name}-${versions.get(name)}.tgz`;
    const files = (await readdir(tarballs)).sort();
    expect(files).toEqual(PACKAGES.map(tarball).sort());
    for (const f of files) {
      const listed = sh('tar', ['-tzf', join(tarballs, f)], scratch).stdout.split('\n').filter((l) => l !== '');
      // `files: ["dist"]`: built code and the manifest/readme only — no sources, tests or fixtures.
      expect(listed.filter((l) => !/^package\/(dist\/.+|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(l)), f).toEqual([]);
      expect(listed, f).toContain('package/dist/index.js');
    }

    const app = join(scratch, 'app');
    await mkdir(app);
    const tgz = (name: string): string => `file:${join(tarballs, tarball(name))}`;
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({
        name: 'exkit-consumer',
        private: true,
        type: 'module',
        // Peers: zod for every package; ws and @exkit/sim only because this program starts the simulator.
        dependencies: { '@exkit/core': tgz('core'), '@exkit/bybit': tgz('bybit'), '@exkit/sim': tgz('sim'), zod: '4.6.7', ws: '8.23.0' },
      }),
    );
    await cp(join(workspace, 'tooling/release/fixtures/consumer.mjs'), join(app, 'consumer.mjs'));
    sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app, 480_000);
    expect((await readdir(join(app, 'node_modules/@exkit'))).sort()).toEqual(['bybit', 'core', 'sim']);

    const run = sh(process.execPath, ['consumer.mjs'], app, 60_000);
    const line = run.stdout.trim().split('\n').pop() ?? '';
    expect(JSON.parse(line)).toEqual({ symbol: 'BTC/USDT:USDT', bidBelowAsk: true, usdtTotal: expect.stringMatching(/^\d+(\.\d+)?$/) });
  });
});
