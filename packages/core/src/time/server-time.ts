import type { Clock } from './clock.js';

/** A server-time reading with its own resolution (a JSON ms field: 0; the HTTP `Date` header: ±500 ms). */
export interface ServerTimeReading {
  /** Venue time, epoch ms. */
  readonly serverTime: number;
  /** ± how far `serverTime` may be from the venue's true time at the moment it answered (default 0). */
  readonly precisionMs?: number;
}

/** What `fetchServerTime` may return: epoch ms, or a reading with its precision. */
export type ServerTimeSample = number | ServerTimeReading;

/**
 * A clock that signs requests with the venue's time. `RestTransport` calls `ensureSynced` before a
 * signed request and `resync` when the venue rejects a timestamp. `ServerTimeSync` implements it;
 * `systemClock` is a valid (unsynced) source too.
 */
export interface TimestampSource extends Clock {
  /** Lets a lazily started sync finish before the first signed request. Never rejects. */
  ensureSynced?(): Promise<void>;
  /**
   * Re-estimates the offset at once. `staleSince` is the local time at which the rejected request
   * was signed: an estimate started after it is reused instead of probing again.
   */
  resync?(reason: string, staleSince?: number): Promise<void>;
}

/** Where the last sync left things; readable at any time (`ServerTimeSync.status`). */
export interface TimeSyncStatus {
  /** At least one sync succeeded. */
  readonly synced: boolean;
  /** Venue time − local time, ms (positive: the local clock is behind). */
  readonly offsetMs: number;
  /** Round trip of the probe the estimate came from, ms. */
  readonly rttMs?: number;
  /** Bound on the estimate's error: half the RTT plus the reading's precision, ms. */
  readonly uncertaintyMs?: number;
  /** Local time of the last successful sync. */
  readonly syncedAt?: number;
  /** The venue's receive window the diagnostic compares against. */
  readonly recvWindowMs: number;
  /**
   * The local clock is off by more than the receive window: unsigned-by-us clocks (another tool on
   * this host, the system) would be rejected. Requests from exkit still pass, signed with `now()`.
   */
  readonly localClockOutsideRecvWindow: boolean;
  /** Why the last attempt failed, if it did (scrubbed message). */
  readonly lastError?: string;
}
