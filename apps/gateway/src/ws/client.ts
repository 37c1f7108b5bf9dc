// One WebSocket connection: its session, principal, topics, heartbeat and send buffer.
import type { Principal } from '../contracts/auth.js';
import type { SendBuffer } from './send-buffer.js';

/** The part of a `ws` socket the hub uses. */
export interface ClientSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string, callback: (error?: Error | null) => void): void;
  ping(): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

export class WsClient {
  principal: Principal | undefined;
  readonly topics = new Set<string>();
  /** Server pings not answered yet. */
  unansweredPings = 0;
  closed = false;
  authTimer: unknown;
  expiryTimer: unknown;
  /** Frames are handled one after the other (auth must finish before a subscribe is judged). */
  chain: Promise<void> = Promise.resolve();
  pendingFrames = 0;

  constructor(
    readonly id: number,
    readonly sessionId: string,
    readonly socket: ClientSocket,
    readonly buffer: SendBuffer,
  ) {}
}
