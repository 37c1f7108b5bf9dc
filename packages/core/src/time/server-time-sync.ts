import { ClosedError, UnexpectedResponseError } from '../errors/error-classes.js';
import { ExchangeError } from '../errors/exchange-error.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { systemClock, type Clock } from './clock.js';
import type { ServerTimeReading, ServerTimeSample, TimeSyncStatus, TimestampSource } from './server-time.js';
import { safeCause } from '../transport/scrub.js';
import { systemTimers, type TimerHandle, type Timers } from './timers.js';

export interface ServerTimeSyncOptions {
  /**
   * Reads the venue's time once (one round trip). Supplied by the exchange package: a JSON field
   * (`/v5/market/time`) or `serverTimeFromDateHeader(response.headers)`. Must honour `signal`
   * (aborted by `stop()`).
   */
  readonly fetchServerTime: (signal: AbortSignal) => Promise<ServerTimeSample>;
  /** Exchange id for errors and logs (default `exkit`). */
  readonly exchange?: string;
  /** The local clock (default `systemClock`). */
  readonly clock?: Clock;
  readonly timers?: Timers;
  /** Round trips per sync; the one with the smallest RTT wins (default 3). */
  readonly probes?: number;
  /** Background refresh period, ms, once `start()`ed (default 5 min; 0 = never). */
  readonly refreshIntervalMs?: number;
  /** The venue's receive window, for the skew diagnostic (default 5000, venue A's default). */
  readonly recvWindowMs?: number;
  readonly logger?: Logger;
}

const DEFAULT_PROBES = 3;
const DEFAULT_REFRESH_MS = 5 * 60_000;
const DEFAULT_RECV_WINDOW_MS = 5_000;
/** After a failed sync, `ensureSynced` lets signed requests go on the local clock for this long before trying again. */
const FAILED_SYNC_BACKOFF_MS = 30_000;

interface Probe {
  readonly offset: number;
  readonly rtt: number;
  readonly uncertainty: number;
}

/**
 * Estimates venue time − local time from round trips (NTP's idea, one-way): for a probe sent at
 * t0 and answered at t1, the venue read its clock somewhere in [t0, t1], so
 * `offset = serverTime − (t0 + t1) / 2` is off by at most RTT/2 (+ the reading's precision).
 * Several probes run and the smallest-RTT one is kept, since queueing delay only ever widens the
 * bound. `now()` = local + offset: use this object as the signing clock.
 */
export class ServerTimeSync implements TimestampSource {
  readonly #o: ServerTimeSyncOptions;
  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #logger: Logger;
  readonly #exchange: string;
  #offset = 0;
  #rtt: number | undefined;
  #uncertainty: number | undefined;
  #syncedAt: number | undefined;
  #lastError: string | undefined;
  #lastFailureAt: number | undefined;
  /** Local time at which the last *successful* sync started probing. */
  #freshSince: number | undefined;
  #inflight: Promise<TimeSyncStatus> | undefined;
  #abort = new AbortController();
  #timer: TimerHandle | undefined;
  #running = false;

  constructor(options: ServerTimeSyncOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#timers = options.timers ?? systemTimers;
    this.#logger = options.logger ?? silentLogger;
    this.#exchange = options.exchange ?? 'exkit';
  }

  /** Venue time estimate, epoch ms. Before the first sync this is the local clock. */
  now(): number {
    return Math.round(this.#clock.now() + this.#offset);
  }

  get offsetMs(): number {
    return this.#offset;
  }

  get status(): TimeSyncStatus {
    const recvWindowMs = this.#o.recvWindowMs ?? DEFAULT_RECV_WINDOW_MS;
    return {
      synced: this.#syncedAt !== undefined,
      offsetMs: this.#offset,
      ...(this.#rtt !== undefined && { rttMs: this.#rtt }),
      ...(this.#uncertainty !== undefined && { uncertaintyMs: this.#uncertainty }),
      ...(this.#syncedAt !== undefined && { syncedAt: this.#syncedAt }),
      recvWindowMs,
      localClockOutsideRecvWindow: Math.abs(this.#offset) > recvWindowMs,
      ...(this.#lastError !== undefined && { lastError: this.#lastError }),
    };
  }

  /** Probes now (joining a sync already under way). Rejects when every probe failed. */
  sync(): Promise<TimeSyncStatus> {
    this.#inflight ??= this.#run().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async ensureSynced(): Promise<void> {
    if (this.#syncedAt !== undefined && this.#inflight === undefined) return;
    const failedRecently = this.#lastFailureAt !== undefined && this.#clock.now() - this.#lastFailureAt < FAILED_SYNC_BACKOFF_MS;
    if (this.#syncedAt === undefined && this.#inflight === undefined && failedRecently) return;
    await this.sync().catch(() => undefined);
  }

  async resync(reason: string, staleSince?: number): Promise<void> {
    if (this.#inflight === undefined && staleSince !== undefined && this.#freshSince !== undefined && this.#freshSince >= staleSince) return;
    this.#logger.debug({ exchange: this.#exchange, reason }, 'clock resync');
    await this.sync();
  }

  /** Syncs now (unless already synced) and then every `refreshIntervalMs`; the timer never holds the process open. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    if (this.#abort.signal.aborted) this.#abort = new AbortController();
    if (this.#syncedAt === undefined) this.#background();
    else this.#schedule();
  }

  /** Clears the refresh timer and aborts probes under way (a waiting `sync()` rejects with ClosedError). */
  stop(): void {
    this.#running = false;
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort.abort(new ClosedError(`${this.#exchange}: clock sync stopped`, { exchange: this.#exchange }));
  }

  #schedule(): void {
    const every = this.#o.refreshIntervalMs ?? DEFAULT_REFRESH_MS;
    if (!this.#running || every <= 0) return;
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = this.#timers.setTimeout(() => this.#background(), every, { unref: true });
  }

  #background(): void {
    this.#timer = undefined;
    // Failures are already logged and kept in `status`; the next period tries again.
    void this.sync()
      .catch(() => undefined)
      .finally(() => this.#schedule());
  }

  async #run(): Promise<TimeSyncStatus> {
    const signal = this.#abort.signal.aborted ? AbortSignal.abort(this.#abort.signal.reason) : this.#abort.signal;
    const startedAt = this.#clock.now();
    const probes = Math.max(1, Math.floor(this.#o.probes ?? DEFAULT_PROBES));
    let best: Probe | undefined;
    let lastError: unknown;
    for (let i = 0; i < probes && !signal.aborted; i++) {
      try {
        const probe = await this.#probe(signal);
        if (best === undefined || probe.uncertainty < best.uncertainty) best = probe;
      } catch (err) {
        lastError = err;
      }
    }
    if (signal.aborted) throw signal.reason;
    if (best === undefined) {
      this.#lastFailureAt = this.#clock.now();
      this.#lastError = describe(lastError);
      this.#logger.warn({ exchange: this.#exchange, error: this.#lastError }, 'clock sync failed; signing with the local clock');
      throw lastError instanceof ExchangeError ? lastError : new UnexpectedResponseError(`clock sync failed: ${this.#lastError}`, {
            exchange: this.#exchange,
            cause: safeCause(lastError instanceof Error ? lastError.name : 'Error', this.#lastError),
          });
    }
    this.#apply(best, startedAt);
    return this.status;
  }

  async #probe(signal: AbortSignal): Promise<Probe> {
    const t0 = this.#clock.now();
    const reading = normalise(await this.#o.fetchServerTime(signal), this.#exchange);
    const t1 = this.#clock.now();
    const rtt = Math.max(0, t1 - t0);
    const precision = Math.max(0, reading.precisionMs ?? 0);
    return { offset: reading.serverTime - (t0 + t1) / 2, rtt, uncertainty: rtt / 2 + precision };
  }

  #apply(best: Probe, startedAt: number): void {
    this.#offset = Math.round(best.offset);
    this.#rtt = best.rtt;
    this.#uncertainty = best.uncertainty;
    this.#syncedAt = this.#clock.now();
    this.#freshSince = startedAt;
    this.#lastError = undefined;
    this.#lastFailureAt = undefined;
    const s = this.status;
    this.#logger.debug({ exchange: this.#exchange, offsetMs: s.offsetMs, rttMs: s.rttMs, uncertaintyMs: s.uncertaintyMs }, 'clock synced');
    if (s.localClockOutsideRecvWindow) {
      const dir = s.offsetMs > 0 ? 'behind' : 'ahead of';
      this.#logger.warn(
        { exchange: this.#exchange, offsetMs: s.offsetMs, recvWindowMs: s.recvWindowMs },
        `local clock is ${Math.abs(s.offsetMs)} ms ${dir} the exchange's, more than its ${s.recvWindowMs} ms receive window: ` +
          'requests are signed with the corrected time, but fix the system clock (enable NTP)',
      );
    }
  }
}

function normalise(sample: ServerTimeSample, exchange: string): ServerTimeReading {
  const reading = typeof sample === 'number' ? { serverTime: sample } : sample;
  // A seconds value or garbage would shift every signature by decades: refuse it.
  if (!Number.isFinite(reading.serverTime) || reading.serverTime < Date.UTC(2015, 0, 1)) {
    throw new UnexpectedResponseError(`server time is not epoch milliseconds: ${String(reading.serverTime)}`, { exchange, path: 'serverTime' });
  }
  return reading;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
