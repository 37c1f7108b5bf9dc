/**
 * Issue 5e — soak: 10 million trade messages plus 1,000 subscribe/unsubscribe cycles through one
 * exkit Bybit client, heap growth after GC recorded (target ≤ 5 MB). How the messages reach the
 * client, and why: lib/bybit-soak-child.ts. It runs in a child node with --expose-gc (forced GCs
 * before both heap readings), bounded to 5 minutes of flood (SOAK_BUDGET_MS); its BENCH_RESULT
 * lines go straight to this process's stdout.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'lib', 'bybit-soak-child.ts')], {
  cwd: path.resolve(here, '..'),
  stdio: 'inherit',
  timeout: 8 * 60_000,
  env: { ...process.env, SOAK_BUDGET_MS: process.env['SOAK_BUDGET_MS'] ?? '300000' },
});
if (child.status !== 0) throw new Error(`soak child failed: ${child.error?.message ?? `exit ${child.status ?? child.signal}`}`);
