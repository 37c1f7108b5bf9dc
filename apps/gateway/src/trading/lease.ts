// Who runs the engine: with one instance, always this one (local lease); with several sharing Redis,
// whoever holds `SET key owner NX PX ttl`, renewed well before it expires (gateway-api.md § Trading
// engine: "only one runs the engine at a time").
import { randomUUID } from 'node:crypto';
import { systemTimers, type Timers } from '@exkit/core';
import { Redis } from 'ioredis';

export interface LeaderLease {
  readonly owner: string;
  readonly isLeader: boolean;
  /** Starts holding or trying to take the lease; resolves after the first attempt. */
  start(): Promise<void>;
  /** Called on every change of `isLeader`. */
  onChange(listener: (leader: boolean) => void): () => void;
  /** Gives the lease up (another instance takes it at its next attempt). */
  close(): Promise<void>;
}

export function createLocalLease(): LeaderLease {
  let leader = false;
  const listeners = new Set<(leader: boolean) => void>();
  return {
    owner: 'local',
    get isLeader() {
      return leader;
    },
    async start() {
      leader = true;
      for (const l of listeners) l(true);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      if (!leader) return;
      leader = false;
      for (const l of listeners) l(false);
    },
  };
}

export interface RedisLeaseOptions {
  readonly redisUrl: string;
  readonly key?: string;
  /** Lease lifetime; a crashed leader is replaced within this (default 15 s). */
  readonly ttlMs?: number;
  /** Renewal / takeover attempts (default ttl / 3). */
  readonly renewMs?: number;
  readonly owner?: string;
  readonly timers?: Timers;
  readonly onError?: (error: Error) => void;
}

// Renew or release only while we still own it (another owner may hold it after an expiry).
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export const DEFAULT_LEASE_KEY = 'exkit:gateway:engine-leader';

export function createRedisLease(options: RedisLeaseOptions): LeaderLease {
  const key = options.key ?? DEFAULT_LEASE_KEY;
  const ttl = options.ttlMs ?? 15_000;
  const every = options.renewMs ?? Math.max(1, Math.floor(ttl / 3));
  const owner = options.owner ?? randomUUID();
  const timers = options.timers ?? systemTimers;
  const redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', (e: Error) => options.onError?.(e));
  const listeners = new Set<(leader: boolean) => void>();
  let leader = false;
  let timer: unknown;
  let closed = false;

  const set = (value: boolean): void => {
    if (value === leader) return;
    leader = value;
    for (const l of listeners) l(value);
  };

  const attempt = async (): Promise<void> => {
    try {
      if (leader) {
        const renewed = (await redis.eval(RENEW, 1, key, owner, String(ttl))) as number;
        set(renewed === 1);
      } else {
        const took = await redis.set(key, owner, 'PX', ttl, 'NX');
        set(took === 'OK');
      }
    } catch (error) {
      // Unreachable Redis: we cannot prove we still hold it, so we stop leading.
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
      set(false);
    }
  };

  const loop = (): void => {
    if (closed) return;
    timer = timers.setTimeout(() => void attempt().then(loop), every, { unref: true });
  };

  return {
    owner,
    get isLeader() {
      return leader;
    },
    async start() {
      await redis.connect();
      await attempt();
      loop();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      try {
        if (leader) await redis.eval(RELEASE, 1, key, owner);
      } catch (error) {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
      }
      set(false);
      await redis.quit().catch(() => undefined);
    },
  };
}

/** `REDIS_URL` set: the Redis lease; otherwise this instance always leads. */
export function createLeaderLease(options: Omit<RedisLeaseOptions, 'redisUrl'> & { readonly redisUrl?: string | undefined }): LeaderLease {
  const { redisUrl, ...rest } = options;
  return redisUrl === undefined || redisUrl === '' ? createLocalLease() : createRedisLease({ ...rest, redisUrl });
}
