/**
 * describeConformance: an exchange package runs the kit in its vitest suite with one call. Each
 * case is one test, SKIP-cap/SKIP-env become skipped tests with the reason in the name, FAIL and
 * ERROR fail the test, and the summary with the missing list is printed once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { describeConformance, type VitestApi } from '../../src/testing/index.js';
import { BROKEN } from './fake-venue/broken.js';
import { createFakeTarget } from './fake-venue/target.js';

// The way an exchange package wires it (here against the fake venue, a few cases).
const fake = createFakeTarget();
afterAll(() => fake.dispose());
let printed = '';
await describeConformance(fake.target, {
  vitest: { describe, it, afterAll },
  only: ['SY-01', 'MD-01', 'OR-02', 'MD-10', 'FT-02'],
  output: { write: (s) => (printed += s) },
});

describe('describeConformance registration', () => {
  interface Recorded {
    readonly name: string;
    readonly fn: (context: { skip?: (note?: string) => void }) => Promise<void>;
    readonly timeout?: number;
  }

  async function record(only: string[]): Promise<{ suites: string[]; tests: Recorded[]; skipped: string[]; after: Array<() => unknown>; out: () => string; dispose(): void }> {
    const broken = createFakeTarget({ wrap: BROKEN.floatPrices });
    const suites: string[] = [];
    const tests: Recorded[] = [];
    const skipped: string[] = [];
    const after: Array<() => unknown> = [];
    let out = '';
    const api: VitestApi = {
      describe: (name, body) => {
        suites.push(name);
        body();
      },
      it: Object.assign((name: string, fn: Recorded['fn'], timeout?: number) => void tests.push({ name, fn, ...(timeout !== undefined && { timeout }) }), {
        skip: (name: string) => void skipped.push(name),
      }),
      afterAll: (fn) => void after.push(fn),
    };
    await describeConformance(broken.target, { vitest: api, only, output: { write: (s) => (out += s) } });
    return { suites, tests, skipped, after, out: () => out, dispose: broken.dispose };
  }

  it('registers one test per case and skipped tests carrying the reason', async () => {
    const r = await record(['SY-01', 'MD-01', 'MD-10', 'FT-02']);
    expect(r.suites).toEqual(['conformance: fake venue (sim)']);
    expect(r.tests.map((t) => t.name)).toEqual(['CK-SY-01 loadMarkets: unified symbols, parts and types', 'CK-MD-01 fetchTicker: bid < ask, positive, 24 h stats consistent']);
    expect(r.tests.every((t) => (t.timeout ?? 0) >= 8_000)).toBe(true);
    expect(r.skipped).toEqual([
      'SKIP-cap CK-MD-10 candle stream across two boundaries = fetchCandles (capability streamCandles)',
      'SKIP-env CK-FT-02 burst at 3× the limits: no RateLimit, every bucket respected (simulator cannot inject enforceRateLimits)',
    ]);
    r.dispose();
  });

  it('a passing case resolves, a failing one throws with the reason, the summary prints once', async () => {
    const r = await record(['SY-01', 'MD-01', 'MD-10']);
    await expect(r.tests[0]!.fn({})).resolves.toBeUndefined();
    await expect(r.tests[1]!.fn({})).rejects.toThrow(/^FAIL CK-MD-01: G1 fetchTicker\.bid: number 95/);
    for (const fn of r.after) await fn();
    expect(r.out()).toMatch(/conformance fake venue \(sim\): 3 cases/);
    expect(r.out()).toMatch(/total +3: 1 PASS, 1 FAIL, 1 SKIP-cap, 0 SKIP-env, 0 ERROR/);
    expect(r.out().match(/^missing/gm)).toHaveLength(1);
    r.dispose();
  });
});

describe('the real registration above', () => {
  it('printed the summary and the missing list once, after its cases', () => {
    expect(printed).toMatch(/total +5: 3 PASS, 0 FAIL, 1 SKIP-cap, 1 SKIP-env, 0 ERROR/);
    expect(printed).toMatch(/^ {2}streamCandles: CK-MD-10$/m);
    expect(printed.match(/^missing/gm)).toHaveLength(1);
  });
});
