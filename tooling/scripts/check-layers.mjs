#!/usr/bin/env node
// Enforces the layering of design.md, on package.json dependencies and on every import in source:
//   - @exkit/core imports no other @exkit package and names no exchange anywhere in its source;
//   - @exkit/sim depends on @exkit/core only;
//   - an exchange package depends on @exkit/core, and on @exkit/sim only from src/testing/ (its simulator front);
//     it never imports another exchange package;
//   - packages never import apps; no relative import escapes its package.
// Each package says what it is in package.json: "exkit": { "kind": "core" | "engine" | "exchange" | "app" | "tooling" }.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : resolve(dirname(new URL(import.meta.url).pathname), '../..');
const problems = [];
const fail = (where, msg) => problems.push(`${where}: ${msg}`);

function packagesIn(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .map((name) => join(abs, name))
    .filter((p) => existsSync(join(p, 'package.json')))
    .map((p) => ({ dir: p, pkg: JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')) }));
}

const all = [...packagesIn('packages'), ...packagesIn('apps'), ...packagesIn('tooling')];
const byName = new Map(all.map((p) => [p.pkg.name, p]));
const kindOf = (name) => byName.get(name)?.pkg.exkit?.kind;
const exchangeNames = all.filter((p) => p.pkg.exkit?.kind === 'exchange').map((p) => p.pkg.name.replace('@exkit/', ''));
// The two venues we ship plus any exchange package added later.
const EXCHANGE_WORDS = new RegExp(`\\b(${[...new Set(['bybit', 'bitunix', ...exchangeNames])].join('|')})`, 'i');

function sourceFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(p);
    }
  };
  for (const sub of ['src', 'test', 'bench', 'bin']) if (existsSync(join(dir, sub))) walk(join(dir, sub));
  return out;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

for (const { dir, pkg } of all) {
  const kind = pkg.exkit?.kind;
  const where = relative(root, dir);
  if (!kind) {
    fail(where, 'package.json has no "exkit.kind" (core | engine | exchange | app | tooling)');
    continue;
  }
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });
  const internal = deps.filter((d) => d.startsWith('@exkit/'));
  for (const dep of internal) {
    const depKind = kindOf(dep);
    if (kind === 'core') fail(where, `core must not depend on ${dep}`);
    if (kind === 'engine' && dep !== '@exkit/core') fail(where, `sim may depend on @exkit/core only, not ${dep}`);
    if (kind === 'exchange' && depKind === 'exchange') fail(where, `an exchange package must not depend on another exchange (${dep})`);
    if (kind !== 'app' && kind !== 'tooling' && depKind === 'app') fail(where, `packages never depend on apps (${dep})`);
  }
  // Tooling (scripts, bench harness) may import anything; its fixtures would only confuse the scan.
  if (kind === 'tooling') continue;
  for (const file of sourceFiles(dir)) {
    const rel = relative(root, file);
    const relInPkg = relative(dir, file);
    const text = readFileSync(file, 'utf8');
    if (kind === 'core' && relInPkg.startsWith('src') && EXCHANGE_WORDS.test(text)) {
      fail(rel, `core source names an exchange (${EXCHANGE_WORDS.exec(text)[0]}): core knows no exchange`);
    }
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(dir + '/')) fail(rel, `relative import escapes the package: ${spec}`);
        continue;
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!name.startsWith('@exkit/') || name === pkg.name) continue;
      const targetKind = kindOf(name);
      if (kind === 'core' && relInPkg.startsWith('src')) fail(rel, `core imports ${name}`);
      if (kind === 'engine' && name !== '@exkit/core') fail(rel, `sim imports ${name}`);
      if (kind === 'exchange') {
        if (targetKind === 'exchange') fail(rel, `imports another exchange package ${name}`);
        if (name === '@exkit/sim' && relInPkg.startsWith('src') && !relInPkg.startsWith('src/testing')) {
          fail(rel, `@exkit/sim may be imported only by the simulator front (src/testing/)`);
        }
      }
      if ((kind === 'core' || kind === 'engine' || kind === 'exchange') && targetKind === 'app') fail(rel, `a package imports the app ${name}`);
      if (!byName.has(name)) fail(rel, `imports unknown workspace package ${name}`);
      else if (relInPkg.startsWith('src') && !deps.includes(name)) fail(rel, `imports ${name} without declaring it in dependencies/peerDependencies`);
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(`layering check failed (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`layering check: ${all.length} packages ok\n`);
