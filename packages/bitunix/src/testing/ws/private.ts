/**
 * The private socket (bitunix.md §6): `op:"login"` with `{apiKey, timestamp (Unix s), nonce, sign}` where
 * `sign = sha256hex(sha256hex(nonce + timestamp + apiKey) + secret)`; reply `{"op":"login","data":{"result":true}}`
 * or `{"op":"login","data":{"result":false,"msg":"…"}}` (socket left open). After a login the four channels
 * `balance`, `position`, `order` (and `tpsl`, never produced: not simulated) are pushed whether subscribed or not;
 * `data` is one object, enums upper case, times ISO-8601.
 */
import type { PrivateEvent, SimVenue } from '@exkit/sim';
import { accountView } from '../http/routes/account.js';
import { signature } from '../http/auth.js';
import { wsBalance, wsOrder, wsPosition } from '../format.js';
import type { FrontState } from '../state.js';
import type { Connection } from './connection.js';

export class PrivateFeed {
  readonly connections = new Set<Connection>();
  readonly #venue: SimVenue;
  readonly #front: FrontState;
  readonly #unsubscribe: () => void;

  constructor(front: FrontState) {
    this.#front = front;
    this.#venue = front.venue;
    this.#unsubscribe = this.#venue.subscribe((e) => {
      // never call back into the venue from inside its listener (order preserved: one microtask per event)
      if (e.channel === 'private') queueMicrotask(() => this.#onEvent(e));
    });
  }

  close(): void {
    this.#unsubscribe();
  }

  onLogin(conn: Connection, args: readonly Record<string, unknown>[]): void {
    const a = args[0] ?? {};
    const apiKey = typeof a['apiKey'] === 'string' ? a['apiKey'] : '';
    const nonce = typeof a['nonce'] === 'string' ? a['nonce'] : '';
    const ts = a['timestamp'];
    const sign = typeof a['sign'] === 'string' ? a['sign'] : '';
    const key = this.#venue.apiKey(apiKey);
    let msg: string | undefined;
    if (key === undefined) msg = 'api-key is invalid';
    else if (typeof ts !== 'number' || !Number.isInteger(ts) || nonce === '') msg = 'Parameter Error';
    else if (sign !== signature(nonce, String(ts), apiKey, '', '', key.apiSecret)) msg = 'Sign signature error';
    else {
      const window = this.#front.options.receiveWindowMs;
      if (window !== undefined && Math.abs(ts * 1000 - this.#front.now()) > window + 1_000) msg = 'timestamp expired';
    }
    conn.record.authAttempts.push({ at: this.#front.now(), ok: msg === undefined });
    if (msg !== undefined || key === undefined) {
      conn.send({ op: 'login', data: { result: false, msg: msg ?? 'login refused' } });
      return;
    }
    conn.accountId = key.accountId;
    conn.send({ op: 'login', data: { result: true } });
  }

  #onEvent(e: PrivateEvent): void {
    const frame = this.#frame(e);
    if (frame === undefined) return;
    const text = JSON.stringify(frame);
    for (const c of this.connections) if (c.open && c.accountId === e.accountId) c.send(text);
  }

  #frame(e: PrivateEvent): unknown {
    const ts = this.#venue.serverTime();
    switch (e.type) {
      case 'order': {
        const o = e.order;
        const terminal = o.status !== 'open' && o.status !== 'untriggered';
        const event = terminal ? 'CLOSE' : o.filled.isZero() && o.createdAt === o.updatedAt ? 'CREATE' : 'UPDATE';
        return { ch: 'order', ts, data: wsOrder(o, event, accountView(this.#venue, e.accountId)) };
      }
      case 'position': {
        const p = e.position;
        const event = p.size.isZero() ? 'CLOSE' : p.createdAt === p.updatedAt ? 'OPEN' : 'UPDATE';
        return { ch: 'position', ts, data: wsPosition(p, event) };
      }
      case 'balance':
        return { ch: 'balance', ts, data: wsBalance(e.balance) };
      default:
        return undefined;
    }
  }
}
