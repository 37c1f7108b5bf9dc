import type { Market } from '@exkit/core';
import type { VenueHandle } from '../venues.js';
import { checkClock } from './clock.js';
import { checkCredentials, checkPermissions, checkPrivateWs, checkPublicRest, checkPublicWs, checkRateLimit } from './probes.js';
import type { CheckLine } from './types.js';
import { describeError } from '../errors.js';

export interface CheckOptions {
  readonly timeoutMs: number;
  /** The market for the WebSocket and permission probes; default BTC's USDT perpetual, else the first active one. */
  readonly symbol?: string;
  readonly credentialHint: string;
}

export interface CheckReport {
  readonly venue: string;
  readonly env: string;
  readonly ok: boolean;
  readonly checks: readonly CheckLine[];
}

function skipped(id: string, name: string, why: string): CheckLine {
  return { id, name, status: 'skip', required: false, detail: `skipped: ${why}` };
}

function pickSymbol(markets: readonly Market[]): string | undefined {
  const active = markets.filter((m) => m.active);
  return (active.find((m) => m.base === 'BTC' && m.quote === 'USDT' && m.type === 'swap') ?? active[0])?.symbol;
}

/** Runs every probe in order; a line that cannot run because an earlier one failed is skipped, saying why. */
export async function runCheck(handle: VenueHandle, o: CheckOptions): Promise<CheckReport> {
  const { exchange } = handle;
  const lines: CheckLine[] = [];
  const rest = await checkPublicRest(exchange, o.timeoutMs);
  lines.push(rest.line);
  if (rest.line.status === 'fail') {
    for (const [id, name] of [
      ['clockSkew', 'clock skew'],
      ['publicWs', 'public WebSocket'],
      ['credentials', 'credentials'],
      ['privateWs', 'private WebSocket'],
      ['rateLimit', 'rate-limit headroom'],
    ] as const)
      lines.push(skipped(id, name, 'public REST unreachable'));
    return report(handle, lines);
  }
  lines.push(await checkClock(exchange, handle.receiveWindowMs, o.timeoutMs).catch((e: unknown): CheckLine => ({ id: 'clockSkew', name: 'clock skew', status: 'fail', required: true, detail: describeError(e) })));
  const symbol = o.symbol ?? pickSymbol(rest.markets);
  lines.push(symbol === undefined ? { id: 'publicWs', name: 'public WebSocket', status: 'fail', required: true, detail: 'no active market to subscribe to' } : await checkPublicWs(exchange, symbol, o.timeoutMs));
  if (!handle.hasCredentials) {
    lines.push(skipped('credentials', 'credentials', `no credentials (${o.credentialHint})`));
    lines.push(skipped('privateWs', 'private WebSocket', 'no credentials'));
  } else {
    const cred = await checkCredentials(exchange, o.timeoutMs);
    lines.push(cred);
    if (cred.status === 'pass' && symbol !== undefined) lines.push(await checkPermissions(exchange, symbol, o.timeoutMs));
    lines.push(await checkPrivateWs(exchange, o.timeoutMs));
  }
  lines.push(await checkRateLimit(exchange, o.timeoutMs));
  return report(handle, lines);
}

function report(handle: VenueHandle, checks: readonly CheckLine[]): CheckReport {
  return { venue: handle.venue, env: handle.target, ok: checks.every((c) => !(c.required && c.status === 'fail')), checks };
}
