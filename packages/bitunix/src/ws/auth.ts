import { AuthenticationError, type Clock, type ConnectionContext, type ResolvedCredentials } from '@exkit/core';
import { createNonce, wsLoginSign } from '../rest/sign.js';
import { loginMessage, loginReplySchema, loginSucceeded, type LoginReply } from './schemas/control.js';

export interface LoginOptions {
  readonly exchange: string;
  /** The credentials (resolved lazily, shared with REST). */
  readonly credentials: () => Promise<ResolvedCredentials>;
  /** The signing clock (synced with the venue): the login carries its Unix seconds. */
  readonly clock: Clock;
  readonly nonce?: () => string;
  /** How long to wait for the login reply, ms (default 10 000). */
  readonly timeoutMs?: number;
}

/** The login frame — bitunix.md §6 "Private login" (fixture ws-login-request-doc.json). */
export function loginFrame(c: { apiKey: string; secretKey: string; nonce: string; timestampSeconds: number }): object {
  return { op: 'login', args: [{ apiKey: c.apiKey, timestamp: c.timestampSeconds, nonce: c.nonce, sign: wsLoginSign(c.nonce, c.timestampSeconds, c.apiKey, c.secretKey) }] };
}

/**
 * The private socket's `authenticate` hook: send the login, wait for the `op:"login"` reply, and refuse the
 * connection (AuthenticationError → the socket backs off and tries again) unless it says yes. The reply's exact shape
 * is an open point (§9): see schemas/control.ts for what is accepted.
 */
export function createLogin(o: LoginOptions): (ctx: ConnectionContext) => Promise<void> {
  return async (ctx) => {
    const credentials = await o.credentials();
    const reply = ctx.waitFor<LoginReply>((m) => {
      const parsed = loginReplySchema.safeParse(m);
      return parsed.success ? parsed.data : undefined;
    }, o.timeoutMs);
    await ctx.send(
      loginFrame({
        apiKey: credentials.apiKey.reveal(),
        secretKey: credentials.apiSecret.reveal(),
        nonce: (o.nonce ?? createNonce)(),
        timestampSeconds: Math.floor(o.clock.now() / 1_000),
      }),
    );
    const answer = await reply;
    if (!loginSucceeded(answer)) {
      throw new AuthenticationError(`${o.exchange}: private WebSocket login refused: ${loginMessage(answer)}`, { exchange: o.exchange, code: 'ws_login' });
    }
  };
}
