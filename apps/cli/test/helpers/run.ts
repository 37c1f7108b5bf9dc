import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/exkit.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every output the CLI produced in this test file, for the "no secret anywhere" assertion. */
export const transcript: string[] = [];

/** A clean environment: no venue keys leak in from the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(BYBIT_|BITUNIX_|EXKIT_)/.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

function assertBuilt(): void {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build @exkit/cli first (pnpm turbo run build --filter=@exkit/cli...)`);
}

/** Runs the built binary (async: the simulator in this process must keep serving meanwhile). */
export function exkit(args: readonly string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
  assertBuilt();
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(child, options.timeoutMs ?? 45_000);
}

/** Starts the binary and hands back the child, for long-running commands (`watch`, `sim`). */
export function spawnExkit(args: readonly string[], options: { env?: Record<string, string> } = {}): ChildProcess {
  assertBuilt();
  return spawn(process.execPath, [BIN, ...args], { env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function collect(child: ChildProcess, timeoutMs: number): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`exkit did not exit within ${timeoutMs} ms; stdout: ${stdout.slice(0, 2000)} stderr: ${stderr.slice(0, 2000)}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      transcript.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Resolves with the stream's text once `predicate` holds for it (bounded by `timeoutMs`). */
export function waitForOutput(child: ChildProcess, stream: 'stdout' | 'stderr', predicate: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const source = child[stream];
  if (source === null) return Promise.reject(new Error(`no ${stream}`));
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      source.off('data', onData);
      reject(new Error(`timed out waiting on ${stream}; got: ${text.slice(-2000)}`));
    }, timeoutMs);
    const onData = (d: Buffer): void => {
      text += d.toString('utf8');
      if (predicate(text)) {
        clearTimeout(timer);
        source.off('data', onData);
        resolve(text);
      }
    };
    source.on('data', onData);
  });
}
