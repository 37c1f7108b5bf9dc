import type { Exchange } from '@exkit/core';
import type { CheckLine } from './types.js';
import { withTimeout } from './timing.js';

/**
 * The venue's clock against this machine's: server time minus the midpoint of the request, give or
 * take half the round trip. Signed requests carry this machine's time, so a skew beyond the
 * venue's receive window gets them refused as expired.
 */
export async function checkClock(exchange: Exchange, receiveWindowMs: number, timeoutMs: number): Promise<CheckLine> {
  const base = { id: 'clockSkew', name: 'clock skew', required: true } as const;
  const t0 = Date.now();
  const server = await withTimeout(exchange.fetchServerTime(), timeoutMs, 'server time');
  const t1 = Date.now();
  const skew = server - (t0 + t1) / 2;
  const slack = Math.ceil((t1 - t0) / 2);
  const seconds = (Math.abs(skew) / 1000).toFixed(1);
  const window = `${receiveWindowMs / 1000} s receive window`;
  const direction = skew >= 0 ? 'ahead of' : 'behind';
  if (Math.abs(skew) - slack > receiveWindowMs) {
    return {
      ...base,
      status: 'fail',
      detail: `the venue clock is ${seconds} s ${direction} this machine's: outside the ${window}, so signed requests would be refused as expired — sync this machine's clock (NTP), or the venue's clock is off`,
      latencyMs: t1 - t0,
    };
  }
  return { ...base, status: 'pass', detail: `${skew >= 0 ? '+' : '-'}${seconds} s (±${slack} ms), inside the ${window}`, latencyMs: t1 - t0 };
}
