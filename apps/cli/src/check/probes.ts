import { randomBytes } from 'node:crypto';
import { AuthenticationError, OrderNotFoundError, PermissionError, RateLimitError, TimestampError, type Exchange, type Market } from '@exkit/core';
import { describeError } from '../errors.js';
import { describeKeyInfo } from './key-info.js';
import type { CheckLine } from './types.js';
import { timed, withTimeout } from './timing.js';

export async function checkPublicRest(exchange: Exchange, timeoutMs: number): Promise<{ line: CheckLine; markets: readonly Market[] }> {
  const base = { id: 'publicRest', name: 'public REST', required: true } as const;
  try {
    const { value, ms } = await timed(() => withTimeout(exchange.loadMarkets(), timeoutMs, 'markets'));
    return { line: { ...base, status: 'pass', detail: `reachable, ${value.length} markets loaded`, latencyMs: ms }, markets: value };
  } catch (e) {
    return { line: { ...base, status: 'fail', detail: `venue unreachable: ${describeError(e)}` }, markets: [] };
  }
}

/** Subscribes to a ticker and waits for its first message. */
export async function checkPublicWs(exchange: Exchange, symbol: string, timeoutMs: number): Promise<CheckLine> {
  const base = { id: 'publicWs', name: 'public WebSocket', required: true } as const;
  const sub = exchange.streams.ticker(symbol);
  try {
    const t0 = performance.now();
    const first = new Promise<void>((resolve) => {
      if (sub.latest !== undefined) resolve();
      sub.onItem(() => resolve());
    });
    await withTimeout(sub.ready, timeoutMs, 'subscription');
    await withTimeout(first, timeoutMs, 'first message');
    const ms = Math.round(performance.now() - t0);
    return { ...base, status: 'pass', detail: `connected, first ${symbol} ticker received`, latencyMs: ms };
  } catch (e) {
    return { ...base, status: 'fail', detail: describeError(e) };
  } finally {
    await sub.close().catch(() => undefined);
  }
}

export async function checkCredentials(exchange: Exchange, timeoutMs: number): Promise<CheckLine> {
  const base = { id: 'credentials', name: 'credentials', required: true } as const;
  try {
    const { value, ms } = await timed(() => withTimeout(exchange.fetchBalances(), timeoutMs, 'balances'));
    return { ...base, status: 'pass', detail: `accepted, account readable (${value.length} balances)`, latencyMs: ms };
  } catch (e) {
    if (e instanceof AuthenticationError) return { ...base, status: 'fail', detail: `rejected by the venue (wrong key or secret?): ${describeError(e)}` };
    if (e instanceof TimestampError) return { ...base, status: 'fail', detail: `refused as expired — the clocks differ (see clock skew): ${describeError(e)}` };
    if (e instanceof PermissionError) return { ...base, status: 'fail', detail: `the key may not read the account (IP whitelist? permissions?): ${describeError(e)}` };
    return { ...base, status: 'fail', detail: describeError(e) };
  }
}

/**
 * The key's permissions. When the adapter can ask the venue about its key (`fetchApiKeyInfo`), the
 * answer decides the line — trade, withdraw (⚠ when enabled), transfer, IP binding. Otherwise, or
 * when that call fails, trade permission is probed without trading: cancelling an order that cannot
 * exist is refused as "not found" when the key may trade and as a permission error when it may not;
 * withdraw permission is then not visible and reported as unknown.
 */
export async function checkPermissions(exchange: Exchange, symbol: string, timeoutMs: number): Promise<CheckLine> {
  const base = { id: 'permissions', name: 'permissions', required: false } as const;
  let unavailable = '';
  const fetchKeyInfo = exchange.fetchApiKeyInfo?.bind(exchange);
  if (fetchKeyInfo !== undefined) {
    try {
      const { value, ms } = await timed(() => withTimeout(fetchKeyInfo(), timeoutMs, 'key info'));
      return { ...base, ...describeKeyInfo(value), latencyMs: ms };
    } catch (e) {
      unavailable = ` (key info unavailable: ${describeError(e)})`;
    }
  }
  const probe = await probeTrade(exchange, symbol, timeoutMs);
  return { ...base, ...probe, detail: probe.detail + unavailable };
}

async function probeTrade(exchange: Exchange, symbol: string, timeoutMs: number): Promise<Pick<CheckLine, 'status' | 'detail'>> {
  const withdraw = 'withdraw: not visible through the trading API — make sure withdrawals are disabled on this key';
  const clientOrderId = `exkitcheck${randomBytes(6).toString('hex')}`;
  try {
    await withTimeout(exchange.cancelOrder({ symbol, clientOrderId }), timeoutMs, 'trade probe');
    return { status: 'warn', detail: `read ✓; trade: the probe cancel of a made-up order was accepted (unexpected); ${withdraw}` };
  } catch (e) {
    if (e instanceof OrderNotFoundError) return { status: 'pass', detail: `read ✓ trade ✓; ${withdraw}` };
    if (e instanceof PermissionError) return { status: 'warn', detail: `read ✓ trade ✗ (read-only key); ${withdraw}` };
    return { status: 'warn', detail: `read ✓ trade ? (${describeError(e)}); ${withdraw}` };
  }
}

/** Authenticates the private socket by subscribing to balances. */
export async function checkPrivateWs(exchange: Exchange, timeoutMs: number): Promise<CheckLine> {
  const base = { id: 'privateWs', name: 'private WebSocket', required: true } as const;
  const sub = exchange.streams.balances();
  try {
    const { ms } = await timed(() => withTimeout(sub.ready, timeoutMs, 'private subscription'));
    return { ...base, status: 'pass', detail: 'authenticated and subscribed', latencyMs: ms };
  } catch (e) {
    const why = e instanceof AuthenticationError ? `login refused: ${describeError(e)}` : describeError(e);
    return { ...base, status: 'fail', detail: why };
  } finally {
    await sub.close().catch(() => undefined);
  }
}

/**
 * Headroom as far as it can be seen from outside: a short burst of public requests must all be
 * answered. The adapters pace themselves to the venue's published limits but do not expose the
 * remaining quota, so a throttled answer here means another client is using up this IP's budget.
 */
export async function checkRateLimit(exchange: Exchange, timeoutMs: number, burst = 3): Promise<CheckLine> {
  const base = { id: 'rateLimit', name: 'rate-limit headroom', required: false } as const;
  try {
    const { ms } = await timed(async () => {
      for (let i = 0; i < burst; i += 1) await withTimeout(exchange.fetchServerTime(), timeoutMs, 'server time');
    });
    return { ...base, status: 'pass', detail: `${burst} back-to-back requests answered, none throttled`, latencyMs: ms };
  } catch (e) {
    if (e instanceof RateLimitError) {
      const after = e.retryAfterMs === undefined ? '' : `, retry after ${e.retryAfterMs} ms`;
      return { ...base, status: 'warn', detail: `throttled by the venue${after}: ${describeError(e)}` };
    }
    return { ...base, status: 'warn', detail: describeError(e) };
  }
}
