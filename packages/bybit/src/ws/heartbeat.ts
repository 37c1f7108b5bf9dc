import type { HeartbeatOptions } from '@exkit/core';

/**
 * Bybit's app-level heartbeat (reference §6 "Heartbeat"; DOCS `/v5/ws/connect`: send
 * `{"op":"ping"}` every 20 s). Pongs come in two shapes: `op:"pong"` (private, trade, option) and
 * `op:"ping"` + `ret_msg:"pong"` (public spot/linear) — detected as PYBIT and SIEBLY do.
 */
export function isBybitPong(message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m['op'] === 'pong' || m['ret_msg'] === 'pong';
}

export const BYBIT_PING_INTERVAL_MS = 20_000;
export const BYBIT_PONG_TIMEOUT_MS = 10_000;

export function bybitHeartbeat(overrides: { readonly intervalMs?: number; readonly timeoutMs?: number } = {}): HeartbeatOptions {
  return {
    intervalMs: overrides.intervalMs ?? BYBIT_PING_INTERVAL_MS,
    timeoutMs: overrides.timeoutMs ?? BYBIT_PONG_TIMEOUT_MS,
    ping: () => ({ op: 'ping' }),
    isPong: isBybitPong,
  };
}
