import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reference payloads of `shared/reference/fixtures/bybit/` (provenance in its SOURCES.md),
 * copied into the package so CI does not depend on the shared folder; `fixtures.test.ts` checks the
 * copies still equal the originals whenever the shared folder is present.
 */
export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'bybit');
/** shared/reference/fixtures/bybit beside the checkout (main/ and shared/ are siblings), when present. */
export const SHARED_FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'reference', 'fixtures', 'bybit');

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR).filter((n) => n.endsWith('.json')).sort();
}
