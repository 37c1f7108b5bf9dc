import type { Clock, HeartbeatOptions } from '@exkit/core';

/**
 * Keep-alive — bitunix.md §6 "Heartbeat": the client sends `{"op":"ping","ping":<unix seconds>}` and the venue answers
 * `{"op":"ping","pong":<the client's value>,"ping":<server value>}` (no `op:"pong"`; fixtures ws-ping-request.json,
 * ws-pong.json). The server never pings and cuts a silent socket at ~60.5 s (a subscribed one at 65–81 s, PROBE), so the
 * default period is 20 s (PROBE's recommendation; NET/Java use 10 s). WebSocket protocol pings are never sent: one as
 * the first client frame went unanswered and the socket died (PROBE). Pings count toward the 5 messages/s limit.
 */
export const DEFAULT_PING_INTERVAL_MS = 20_000;
export const PONG_TIMEOUT_MS = 10_000;

export function pingFrame(clock: Clock): { op: 'ping'; ping: number } {
  return { op: 'ping', ping: Math.floor(clock.now() / 1_000) };
}

export function isPong(message: unknown): boolean {
  if (message === null || typeof message !== 'object') return false;
  const f = message as { op?: unknown; pong?: unknown };
  return f.op === 'ping' && f.pong !== undefined;
}

export function createHeartbeat(clock: Clock, intervalMs = DEFAULT_PING_INTERVAL_MS): HeartbeatOptions {
  return { ping: () => pingFrame(clock), isPong, intervalMs, timeoutMs: Math.min(PONG_TIMEOUT_MS, intervalMs) };
}
