import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ExchangeNames } from './names.js';

/** Placeholder → value. Longest first, so `__NAME__` is not eaten by `__Name__`-like prefixes. */
function substitutions(n: ExchangeNames): ReadonlyArray<readonly [string, string]> {
  return [
    ['__NAME__', n.constant],
    ['__Name__', n.name],
    ['__id__Target', `${n.camel}Target`],
    ['__id__', n.id],
  ];
}

export function fill(text: string, n: ExchangeNames): string {
  let out = text;
  for (const [from, to] of substitutions(n)) out = out.split(from).join(to);
  return out;
}

/**
 * Copies every `*.tpl` file of `templateDir` into `targetDir` (the suffix dropped, placeholders
 * filled). Refuses an existing target so a package is never overwritten. Returns the written
 * paths, relative to `targetDir`, sorted.
 */
export async function stamp(templateDir: string, targetDir: string, names: ExchangeNames): Promise<string[]> {
  const exists = await stat(targetDir).then(
    () => true,
    () => false,
  );
  if (exists) throw new Error(`${targetDir} already exists: choose another id or remove it first`);
  const written: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const from = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(from);
        continue;
      }
      if (!entry.name.endsWith('.tpl')) continue;
      const rel = relative(templateDir, from).slice(0, -'.tpl'.length);
      const to = join(targetDir, fill(rel, names));
      await mkdir(join(to, '..'), { recursive: true });
      await writeFile(to, fill(await readFile(from, 'utf8'), names));
      written.push(relative(targetDir, to));
    }
  };
  await walk(templateDir);
  if (written.length === 0) throw new Error(`no *.tpl files under ${templateDir}`);
  return written.sort();
}
