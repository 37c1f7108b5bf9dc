/**
 * Minified esbuild bundles of small entries, measured in bytes — the same build for every
 * contender: platform node, ESM, target node20, minify, tree shaking, resolved from this package.
 * CJS dependencies inside an ESM bundle call `require`, so every bundle gets the createRequire
 * banner (toolchain.md §8: without it the bundle builds but throws "Dynamic require of …").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '../..');
const BANNER = 'import{createRequire as __cr}from"node:module";const require=__cr(import.meta.url);';
/** Native addons `ws` tries to load (optional, not bundleable): left out of every bundle alike. */
const EXTERNAL = ['bufferutil', 'utf-8-validate'];

/**
 * ccxt's optional peer protobufjs is not installed (ccxt uses it for two other exchanges only, but
 * imports it statically): an empty module stands in, so the ccxt bundle builds and loads. This can
 * only make ccxt's bundle smaller.
 */
const stubProtobuf: Plugin = {
  name: 'stub-protobufjs',
  setup(b) {
    b.onResolve({ filter: /^protobufjs(\/|$)/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

export interface BundleResult {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Output bytes by npm package (`(own)` for the entry), largest first. */
  readonly byPackage: ReadonlyArray<readonly [string, number]>;
  readonly code: string;
}

/** Marks every bare import external except `keep` itself: the package "alone", its deps not counted. */
function onlyPackage(keep: string): Plugin {
  return {
    name: 'only-package',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path === keep || args.path.startsWith(`${keep}/`) || args.path.startsWith('node:')) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

function packageOf(file: string): string {
  const parts = file.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm === -1) {
    const pk = parts.indexOf('packages');
    return pk === -1 ? '(own)' : `@exkit/${parts[pk + 1]}`;
  }
  const name = parts[nm + 1]!;
  // zod's error-message translations ride along with `import { z } from 'zod'` (z.locales): shown apart.
  if (name === 'zod' && parts.includes('locales')) return 'zod (locales)';
  return name.startsWith('@') ? `${name}/${parts[nm + 2]}` : name;
}

/** Bundles `entry` (ESM source text); `alone` keeps only that package's own code. */
export async function bundle(entry: string, options: { readonly alone?: string } = {}): Promise<BundleResult> {
  const result = await build({
    stdin: { contents: entry, resolveDir: packageDir, sourcefile: 'entry.mjs', loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: EXTERNAL,
    banner: { js: BANNER },
    plugins: options.alone === undefined ? [stubProtobuf] : [onlyPackage(options.alone)],
  });
  const out = result.outputFiles[0]!;
  const sizes = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, info] of Object.entries(output.inputs)) {
      const pkg = packageOf(file);
      sizes.set(pkg, (sizes.get(pkg) ?? 0) + info.bytesInOutput);
    }
  }
  return {
    bytes: out.contents.byteLength,
    gzipBytes: gzipSync(out.contents, { level: 9 }).byteLength,
    byPackage: [...sizes.entries()].sort((a, b) => b[1] - a[1]),
    code: out.text,
  };
}

/**
 * Loads a bundle in a fresh node and checks it exports `names` (a bundle that does not run
 * proves nothing about size). Throws with node's stderr when it fails.
 */
export function assertBundleRuns(code: string, names: readonly string[]): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'exkit-bundle-'));
  try {
    const file = path.join(dir, 'bundle.mjs');
    writeFileSync(file, code);
    const check = `const m = await import(${JSON.stringify(file)}); for (const n of ${JSON.stringify(names)}) if (typeof m[n] !== 'function') throw new Error('missing export ' + n);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', check], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    if (run.status !== 0) throw new Error(`bundle does not load (${run.status ?? run.signal}): ${run.stderr.slice(0, 500)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
