// A Prometheus scraper may read /metrics/prometheus with its own token, and nothing else with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

const SCRAPE = 'scrape-token-0123456789abcdef';
let t: TestGateway;

beforeAll(async () => {
  t = await startGateway({ metricsScrapeToken: SCRAPE }, { engine: false });
  t.secrets.add(SCRAPE);
});
afterAll(async () => {
  expect(t.leaks()).toEqual([]);
  await t.close();
});

describe('metrics scrape token', () => {
  it('reads the exposition and nothing else', async () => {
    const ok = await t.request('GET', '/metrics/prometheus', { token: SCRAPE });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('exkit_venue_up{venue="bybit-sim"} 1');
    expect((await t.request('GET', '/status', { token: SCRAPE })).status).toBe(401);
    expect((await t.request('GET', '/metrics/prometheus', { token: `${SCRAPE}x` })).status).toBe(401);
    expect((await t.request('GET', '/metrics/prometheus')).status).toBe(401);
  });
});
