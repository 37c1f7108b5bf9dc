import { AuthenticationError, resolveCredentials, type ConnectionContext, type CredentialsProvider, type Redactor } from '@exkit/core';
import { wsAuthFrame } from '../rest/sign.js';
import { authResponseSchema } from './schemas/private.js';

export interface PrivateAuthOptions {
  readonly exchange: string;
  readonly credentials: CredentialsProvider;
  readonly redactor: Redactor;
  /** Venue time (the synced clock), epoch ms. */
  readonly venueNow: () => number;
  /** How far in the future `expires` lies, ms. */
  readonly expiresInMs: number;
  /** How long to wait for the login reply, ms. */
  readonly timeoutMs?: number;
}

/**
 * The `authenticate` hook of the private connection (reference §6 "Private auth"): after every
 * (re)connect, `{"req_id","op":"auth","args":[apiKey, expires, signature]}` with `expires` in the
 * future, then wait for the `op:"auth"` reply. `expires` = venue time + the receive window, as
 * SIEBLY does (PYBIT's now + 1 s produced `Params Error` refusals, pybit issue #300). A refusal is
 * an AuthenticationError; the socket backs off before trying again. The provider is asked on every
 * login, so rotated keys are picked up.
 */
export function privateAuthenticate(o: PrivateAuthOptions): (ctx: ConnectionContext) => Promise<void> {
  return async (ctx) => {
    const creds = await resolveCredentials(o.credentials, o.exchange);
    const apiKey = creds.apiKey.reveal();
    const secret = creds.apiSecret.reveal();
    o.redactor.add(apiKey, secret);
    const expires = Math.round(o.venueNow() + o.expiresInMs);
    const frame = wsAuthFrame(apiKey, secret, expires, `auth-${ctx.epoch}`);
    o.redactor.add(String((frame['args'] as unknown[])[2]));
    const reply = ctx.waitFor((m) => {
      const r = authResponseSchema.safeParse(m);
      return r.success ? r.data : undefined;
    }, o.timeoutMs);
    await ctx.send(frame);
    const r = await reply;
    if (!r.success) throw new AuthenticationError(`${o.exchange} private: login refused: ${r.ret_msg || 'no reason given'}`, { exchange: o.exchange, details: { retMsg: r.ret_msg } });
  };
}
