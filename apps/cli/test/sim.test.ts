import { describe, expect, it } from 'vitest';
import { collect, exkit, spawnExkit, waitForOutput } from './helpers/run.js';

const FIELDS = {
  bybit: ['restUrl', 'wsPublicUrl', 'wsPrivateUrl', 'wsTradeUrl', 'apiKey', 'apiSecret'],
  bitunix: ['restUrl', 'wsPublicUrl', 'wsPrivateUrl', 'apiKey', 'apiSecret'],
} as const;

describe('exkit sim: a simulator in the foreground, one JSON line, stops on SIGTERM', () => {
  for (const venue of ['bybit', 'bitunix'] as const) {
    it(`${venue}: prints its URLs and key, serves other exkit processes, exits 0 on SIGTERM`, async () => {
      const child = spawnExkit(['sim', venue, '--seed', 'cli-sim']);
      const done = collect(child, 60_000);
      const first = (await waitForOutput(child, 'stdout', (t) => t.includes('\n'))).split('\n')[0] as string;
      const info = JSON.parse(first) as Record<string, string>;
      expect(Object.keys(info)).toEqual(FIELDS[venue]);
      expect(info['restUrl']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const keyEnv: Record<string, string> = venue === 'bybit' ? { BYBIT_API_KEY: info['apiKey']!, BYBIT_API_SECRET: info['apiSecret']! } : { BITUNIX_API_KEY: info['apiKey']!, BITUNIX_SECRET_KEY: info['apiSecret']! };
      const check = await exkit(['check', venue, '--rest-url', info['restUrl']!, '--ws-public-url', info['wsPublicUrl']!, '--ws-private-url', info['wsPrivateUrl']!, '--json'], { env: keyEnv });
      expect(check.code, check.stdout).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, env: 'custom' });
      // The check run itself never shows the key it was given.
      expect(check.stdout + check.stderr).not.toContain(info['apiSecret']);
      expect(check.stdout + check.stderr).not.toContain(info['apiKey']);

      child.kill('SIGTERM');
      const r = await done;
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('simulator stopped');
    });
  }
});
