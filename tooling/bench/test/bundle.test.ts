/** The bundle helper: "alone" leaves every other package out; a with-deps ESM bundle of CJS deps loads. */
import { describe, expect, it } from 'vitest';
import { assertBundleRuns, bundle } from '../suites/lib/bundle.js';

describe('bundle', () => {
  it('alone: only the package itself is in the output', async () => {
    const b = await bundle(`export * from '@exkit/core';`, { alone: '@exkit/core' });
    expect(b.byPackage.map(([p]) => p).filter((p) => p !== '(own)')).toEqual(['@exkit/core']);
    expect(b.code).toMatch(/from"zod"/);
  });

  it('with dependencies: bundles them and the result runs', async () => {
    const b = await bundle(`export { createBitunix } from '@exkit/bitunix';`);
    const packages = b.byPackage.map(([p]) => p);
    expect(packages).toEqual(expect.arrayContaining(['@exkit/bitunix', '@exkit/core', 'zod', 'ws', 'decimal.js']));
    expect(b.bytes).toBe(Buffer.byteLength(b.code));
    expect(() => assertBundleRuns(b.code, ['createBitunix'])).not.toThrow();
    expect(() => assertBundleRuns(b.code, ['noSuchExport'])).toThrow(/missing export noSuchExport/);
  }, 60_000);
});
