/**
 * `pnpm new-exchange <id> [--root <dir>] [--skip-install] [--skip-checks]`
 *
 * Stamps `packages/<id>` from `tooling/new-exchange/template`, links it into the workspace
 * (`pnpm install --offline`: every dependency of the template is already in the lockfile), then
 * builds, typechecks and lints it, runs its tests and the conformance kit, which prints what is
 * left to implement. `--root` stamps into another checkout (the scaffold's own test uses a temp dir).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks } from './checks.js';
import { exchangeNames } from './names.js';
import { stamp } from './stamp.js';

const here = dirname(fileURLToPath(import.meta.url));
const workspace = resolve(here, '../../..');
const templateDir = resolve(here, '../template');

interface Args {
  readonly id: string;
  readonly root: string;
  readonly install: boolean;
  readonly checks: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let id: string | undefined;
  let root = workspace;
  let install = true;
  let checks = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--root') root = resolve(argv[++i] ?? '');
    else if (a === '--skip-install') install = false;
    else if (a === '--skip-checks') checks = false;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else if (id === undefined) id = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (id === undefined) throw new Error('usage: pnpm new-exchange <id> [--root <dir>] [--skip-install] [--skip-checks]');
  return { id, root, install, checks };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const names = exchangeNames(args.id);
  const dir = join(args.root, 'packages', names.id);
  const files = await stamp(templateDir, dir, names);
  console.log(`stamped @exkit/${names.id} into ${dir} (${files.length} files)`);
  if (args.install) {
    console.log('\n== link into the workspace: pnpm install --offline');
    const r = spawnSync('pnpm', ['install', '--offline'], { cwd: args.root, stdio: 'inherit', timeout: 600_000 });
    if (r.status !== 0) throw new Error('pnpm install --offline failed (is the lockfile in place?)');
  }
  if (!args.checks) return;
  runChecks(dir, workspace);
  console.log(`\nnext: docs/adding-an-exchange.md, then \`pnpm --filter @exkit/${names.id} conformance\` as you go`);
}

main().catch((err: unknown) => {
  console.error(`new-exchange: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
