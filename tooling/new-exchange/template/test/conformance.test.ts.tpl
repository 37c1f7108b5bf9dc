/**
 * The scaffold's conformance run: the kit runs every case without crashing, lists every capability
 * as missing, and each failing case names what is not implemented yet. As the adapter grows, move
 * the cases that pass into `describeConformance(target, { only: PASSING })` like
 * `packages/bitunix/test/conformance/*.test.ts` (shared `register.ts`), and shrink these expectations.
 */
import { CAPABILITY_KEYS } from '@exkit/core';
import { runConformance } from '@exkit/core/testing';
import { describe, expect, it } from 'vitest';
import { __id__Target } from './testing/conformance-target.js';

const result = await runConformance(__id__Target(), { reporter: false });

describe('conformance of the scaffold', () => {
  it('runs every case of the catalogue to a verdict (none is a kit crash)', () => {
    expect(result.cases).toHaveLength(90);
    const crashes = result.cases.filter((c) => c.status === 'ERROR' && (c.reason ?? '').startsWith('kit:'));
    expect(crashes).toEqual([]);
  });

  it('lists every capability as missing, with the cases it switches off', () => {
    expect(result.missing.map((m) => m.capability)).toEqual([...CAPABILITY_KEYS, 'any stream']);
    expect(result.missing.find((m) => m.capability === 'amendOrder')?.cases).toEqual(['CK-OR-16', 'CK-OR-17']);
  });

  it('fails the required cases, each naming the method not implemented yet', () => {
    const failing = result.cases.filter((c) => c.status === 'FAIL');
    expect(failing.map((c) => c.id)).toContain('CK-SY-01');
    for (const c of failing) expect(c.reason).toMatch(/not implemented yet|NotSupportedError/);
    expect(result.ok).toBe(false);
  });
});
