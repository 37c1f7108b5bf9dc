import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** shared/reference/fixtures/bitunix, found from the repository (main/ and shared/ are siblings; CI clones them the same way). */
export const FIXTURE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/reference/fixtures/bitunix');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json')).sort();
}

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as unknown;
}

/** The `data` of a REST envelope fixture. */
export function fixtureData(name: string): unknown {
  return (fixture(name) as { data: unknown }).data;
}
