/** What the front itself records for the kit: requests as received, sockets, subscriptions. */
import type { ReceivedRequest, VenueConnection } from '@exkit/core/testing';
import { RateMeter, type SimVenue } from '@exkit/sim';

export interface ConnectionRecord {
  id: string;
  scope: 'public' | 'private';
  openedAt: number;
  refused?: boolean;
  closedAt?: number;
  closedBy?: 'client' | 'idle' | 'fault' | 'venue';
  heartbeats: number[];
  authAttempts: { at: number; ok: boolean }[];
  /** Native channel keys `ch|SYMBOL` (private: `ch|`) currently subscribed. */
  readonly topics: Set<string>;
}

export interface FrontOptions {
  readonly enforceRateLimits: boolean;
  readonly receiveWindowMs: number | undefined;
  readonly idleTimeoutMs: number;
  readonly batchMax: number;
}

export class FrontState {
  readonly requests: ReceivedRequest[] = [];
  readonly connections: ConnectionRecord[] = [];
  readonly meter = new RateMeter();
  #seq = 0;
  #conn = 0;

  constructor(
    readonly venue: SimVenue,
    readonly options: FrontOptions,
  ) {}

  now(): number {
    return this.venue.serverTime();
  }

  record(r: Omit<ReceivedRequest, 'seq'>): void {
    this.#seq += 1;
    this.requests.push({ seq: this.#seq, ...r });
  }

  openConnection(scope: 'public' | 'private', refused = false): ConnectionRecord {
    this.#conn += 1;
    const c: ConnectionRecord = { id: `${scope}-${this.#conn}`, scope, openedAt: this.now(), heartbeats: [], authAttempts: [], topics: new Set() };
    if (refused) {
      c.refused = true;
      c.closedAt = c.openedAt;
      c.closedBy = 'venue';
    }
    this.connections.push(c);
    return c;
  }

  rateLimited(key: string, limit: number): boolean {
    if (!this.options.enforceRateLimits && !this.venue.faults.rateLimitsEnforced) return false;
    // 1 s windows, less a 50 ms allowance for loopback scheduling jitter between the client's limiter and this meter
    return !this.meter.hit(key, limit, 950, this.venue.now()).allowed;
  }

  connectionViews(): VenueConnection[] {
    return this.connections.map((c) => ({
      id: c.id,
      scope: c.scope,
      openedAt: c.openedAt,
      ...(c.refused === true ? { refused: true } : {}),
      ...(c.closedAt === undefined ? {} : { closedAt: c.closedAt }),
      ...(c.closedBy === undefined ? {} : { closedBy: c.closedBy }),
      heartbeats: [...c.heartbeats],
      authAttempts: c.authAttempts.map((a) => ({ ...a })),
    }));
  }

  reset(): void {
    this.requests.length = 0;
    this.connections.splice(0, this.connections.length, ...this.connections.filter((c) => c.closedAt === undefined));
    this.meter.clear();
    this.#seq = 0;
  }
}
