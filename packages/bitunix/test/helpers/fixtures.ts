import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The package's copy of the reference payloads, so its tests need nothing outside the repository. */
export const FIXTURE_DIR = resolve(here, '../fixtures/bitunix');
/** shared/reference/fixtures/bitunix beside the checkout, when present: the copy must not drift from it. */
export const SHARED_FIXTURE_DIR = resolve(here, '../../../../../shared/reference/fixtures/bitunix');

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
