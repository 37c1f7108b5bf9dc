import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exkit, transcript } from './helpers/run.js';
import { bybitFlags, bybitKeys, startBybitSimulator, type BybitSimulator } from './helpers/sims.js';

/** The table row of one check: `│ ✗ │ credentials │ …`. */
function row(stdout: string, name: string): string {
  return stdout.split('\n').find((l) => new RegExp(`│ . +│ ${name} +│`).test(l)) ?? '';
}

describe('exkit check (built binary against the bybit simulator)', () => {
  let sim: BybitSimulator;
  const wrongSecret = 'wrong-secret-0123456789abcdef';

  beforeAll(async () => {
    sim = await startBybitSimulator({ seed: 'cli-check' });
  });
  afterAll(async () => {
    await sim.close();
    // No key, secret or wrong secret in anything any run printed.
    const all = transcript.join('\n');
    for (const s of [sim.apiKey, sim.apiSecret, wrongSecret]) expect(all).not.toContain(s);
  });

  it('passes on a healthy venue: every line ✓, exit 0', async () => {
    const r = await exkit(['check', 'bybit', ...bybitFlags(sim)], { env: bybitKeys(sim) });
    expect(r.code, r.stderr).toBe(0);
    for (const name of ['public REST', 'clock skew', 'public WebSocket', 'credentials', 'permissions', 'private WebSocket', 'rate-limit headroom']) {
      expect(row(r.stdout, name)).toMatch(/│ ✓ /);
    }
    expect(row(r.stdout, 'permissions')).toContain('trade ✓');
    // From the venue's key info (GET /v5/user/query-api), not the cancel probe.
    expect(row(r.stdout, 'permissions')).toContain('withdraw ✗ (disabled)');
    expect(r.stdout).toContain('all required checks passed');
  });

  it('--json gives the same report as data', async () => {
    const r = await exkit(['check', 'bybit', ...bybitFlags(sim), '--json'], { env: bybitKeys(sim) });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; venue: string; env: string; checks: { id: string; status: string }[] };
    expect(report).toMatchObject({ ok: true, venue: 'bybit', env: 'custom' });
    expect(report.checks.map((c) => c.id)).toEqual(['publicRest', 'clockSkew', 'publicWs', 'credentials', 'permissions', 'privateWs', 'rateLimit']);
  });

  it('fails with a wrong secret and names the credentials line', async () => {
    const r = await exkit(['check', 'bybit', ...bybitFlags(sim)], { env: bybitKeys(sim, wrongSecret) });
    expect(r.code).toBe(1);
    expect(row(r.stdout, 'credentials')).toMatch(/│ ✗ .*rejected by the venue/);
    expect(row(r.stdout, 'private WebSocket')).toMatch(/│ ✗ /);
    expect(row(r.stdout, 'public REST')).toMatch(/│ ✓ /);
    expect(r.stdout).toMatch(/FAILED: credentials, private WebSocket/);
  });

  it('fails with a venue clock 30 s off and explains it as clock skew', async () => {
    await sim.control.fault({ kind: 'clockSkew', offsetMs: 30_000 });
    try {
      const r = await exkit(['check', 'bybit', ...bybitFlags(sim)], { env: bybitKeys(sim) });
      expect(r.code).toBe(1);
      const line = row(r.stdout, 'clock skew');
      expect(line).toMatch(/│ ✗ /);
      expect(line).toMatch(/venue clock is 30\.\d s ahead of this machine's: outside the 5 s receive window/);
      expect(r.stdout).toMatch(/FAILED: .*clock skew/);
    } finally {
      await sim.control.clearFaults();
    }
  });

  it('fails when the venue is down, naming public REST and skipping the rest', async () => {
    const down = await startBybitSimulator({ seed: 'cli-down' });
    const flags = bybitFlags(down);
    await down.close();
    const r = await exkit(['check', 'bybit', ...flags], { env: bybitKeys(sim) });
    expect(r.code).toBe(1);
    expect(row(r.stdout, 'public REST')).toMatch(/│ ✗ .*venue unreachable/);
    expect(row(r.stdout, 'credentials')).toMatch(/│ – .*skipped: public REST unreachable/);
    expect(r.stdout).toContain('FAILED: public REST');
  });

  it('runs anywhere with --env sim (starts the simulator itself), bitunix too', async () => {
    const r = await exkit(['check', 'bitunix', '--env', 'sim']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('exkit check bitunix (sim)');
    expect(row(r.stdout, 'private WebSocket')).toMatch(/│ ✓ /);
  });

  it('a read-only key passes (reading works) but the permissions line warns that it cannot trade', async () => {
    const readOnly = await sim.control.createApiKey({ permissions: ['read'] });
    const r = await exkit(['check', 'bybit', ...bybitFlags(sim)], { env: { BYBIT_API_KEY: readOnly.apiKey, BYBIT_API_SECRET: readOnly.apiSecret } });
    expect(r.code, r.stdout).toBe(0);
    expect(row(r.stdout, 'permissions')).toMatch(/│ ! .*read ✓ trade ✗ \(read-only key\)/);
    expect(r.stdout + r.stderr).not.toContain(readOnly.apiSecret);
  });

  it('a withdraw-enabled key passes (warnings do not fail) but the permissions line warns about withdraw', async () => {
    const risky = await startBybitSimulator({ seed: 'cli-withdraw', keyPermissions: { withdraw: true, transfer: true } });
    try {
      const r = await exkit(['check', 'bybit', ...bybitFlags(risky)], { env: bybitKeys(risky) });
      expect(r.code, r.stdout).toBe(0);
      const line = row(r.stdout, 'permissions');
      expect(line).toMatch(/│ ! .*read ✓ trade ✓; withdraw ⚠ ENABLED/);
      const json = await exkit(['check', 'bybit', ...bybitFlags(risky), '--json'], { env: bybitKeys(risky) });
      const report = JSON.parse(json.stdout) as { ok: boolean; checks: { id: string; status: string; detail: string }[] };
      expect(report.ok).toBe(true);
      expect(report.checks.find((c) => c.id === 'permissions')).toMatchObject({ status: 'warn', detail: expect.stringContaining('withdraw ⚠ ENABLED') });
      expect(r.stdout + json.stdout).not.toContain(risky.apiSecret);
    } finally {
      await risky.close();
    }
  });

  it('without credentials the private lines are skipped, saying how to give them', async () => {
    const r = await exkit(['check', 'bybit', ...bybitFlags(sim)]);
    expect(r.code).toBe(0);
    expect(row(r.stdout, 'credentials')).toMatch(/│ – .*BYBIT_API_KEY\/BYBIT_API_SECRET/);
  });
});
