/**
 * Issues 5c, 6h, 9 — minified bundle sizes (esbuild, platform node, ESM, tree-shaken; lib/bundle.ts).
 *
 * - With dependencies (what an app ships): `import { createBybit } from '@exkit/bybit'` (core, zod,
 *   decimal.js, ws, axios… included) beside ccxt 4.5.84's `import { bybit } from 'ccxt'` and
 *   bybit-api 4.7.7's `RestClientV5` + `WebsocketClient`; `createBitunix` likewise. Target for
 *   @exkit/bybit + core: ≤ 200 KB.
 * - Alone (issue 9): each package's own code from a minimal entry, every other package external.
 *   Core's entry is its whole public API (`export * from '@exkit/core'`), the venues' their factory.
 * KB = 1,000 bytes. ratio = bytes(baseline) / bytes(this): above 1 means smaller than the baseline.
 * Every with-dependency bundle is loaded once in a fresh node to prove it runs.
 */
import { report } from '../src/index.js';
import { assertBundleRuns, bundle, type BundleResult } from './lib/bundle.js';

const kb = (bytes: number): number => Number((bytes / 1000).toFixed(1));
const describe = (label: string, b: BundleResult): void => {
  const top = b.byPackage.slice(0, 8).map(([p, n]) => `${p} ${kb(n)}`).join(', ');
  console.log(`${label}: ${kb(b.bytes)} KB (${kb(b.gzipBytes)} KB gzip) — ${top}`);
};

const exkitBybit = await bundle(`export { createBybit } from '@exkit/bybit';`);
const exkitBitunix = await bundle(`export { createBitunix } from '@exkit/bitunix';`);
const ccxtBybit = await bundle(`export { bybit } from 'ccxt';`);
const bybitApi = await bundle(`export { RestClientV5, WebsocketClient } from 'bybit-api';`);
const coreAlone = await bundle(`export * from '@exkit/core';`, { alone: '@exkit/core' });
const bybitAlone = await bundle(`export { createBybit } from '@exkit/bybit';`, { alone: '@exkit/bybit' });
const bitunixAlone = await bundle(`export { createBitunix } from '@exkit/bitunix';`, { alone: '@exkit/bitunix' });

describe('exkit createBybit', exkitBybit);
describe('exkit createBitunix', exkitBitunix);
describe('ccxt bybit', ccxtBybit);
describe('bybit-api', bybitApi);
describe('core alone', coreAlone);
describe('bybit alone', bybitAlone);
describe('bitunix alone', bitunixAlone);

assertBundleRuns(exkitBybit.code, ['createBybit']);
assertBundleRuns(exkitBitunix.code, ['createBitunix']);
assertBundleRuns(ccxtBybit.code, ['bybit']);
assertBundleRuns(bybitApi.code, ['RestClientV5', 'WebsocketClient']);

const CCXT = 'bybit/bundle/ccxt 4.5.84 { bybit } from ccxt, minified';
const BYBIT_API = 'bybit/bundle/bybit-api 4.7.7 RestClientV5 + WebsocketClient, minified';
report({ name: CCXT, unit: 'KB', value: kb(ccxtBybit.bytes) });
report({ name: BYBIT_API, unit: 'KB', value: kb(bybitApi.bytes) });
report({ name: 'bybit/bundle/exkit createBybit + core + deps vs ccxt', unit: 'KB', value: kb(exkitBybit.bytes), baseline: CCXT, ratio: ccxtBybit.bytes / exkitBybit.bytes });
report({ name: 'bybit/bundle/exkit createBybit + core + deps vs bybit-api', unit: 'KB', value: kb(exkitBybit.bytes), baseline: BYBIT_API, ratio: bybitApi.bytes / exkitBybit.bytes });
report({ name: 'bybit/bundle/exkit createBybit + core + deps, gzip', unit: 'KB', value: kb(exkitBybit.gzipBytes) });
report({ name: 'bitunix/bundle/exkit createBitunix + core + deps', unit: 'KB', value: kb(exkitBitunix.bytes) });
report({ name: 'bitunix/bundle/exkit createBitunix + core + deps, gzip', unit: 'KB', value: kb(exkitBitunix.gzipBytes) });
report({ name: 'core/bundle/@exkit/core alone (whole API, deps external)', unit: 'KB', value: kb(coreAlone.bytes) });
report({ name: 'bybit/bundle/@exkit/bybit alone (createBybit, deps external)', unit: 'KB', value: kb(bybitAlone.bytes) });
report({ name: 'bitunix/bundle/@exkit/bitunix alone (createBitunix, deps external)', unit: 'KB', value: kb(bitunixAlone.bytes) });
