// Fixed-window counters for rate limits and login throttling: in memory for one instance, in Redis when
// several instances must share them.
import type { Redis } from 'ioredis';

export interface WindowCount {
  /** Hits in the current window, this one included. */
  readonly count: number;
  /** Epoch ms when the window ends. */
  readonly resetAt: number;
}

export interface RateStore {
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
  /** `hit` answered at once, where the counters are in this process. */
  hitSync?(key: string, windowMs: number, now: number): WindowCount;
  /** Reads without counting. */
  peek(key: string, windowMs: number, now: number): Promise<WindowCount>;
  close(): Promise<void>;
}

const MAX_KEYS = 100_000;

export class MemoryRateStore implements RateStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    return this.hitSync(key, windowMs, now);
  }

  hitSync(key: string, windowMs: number, now: number): WindowCount {
    let w = this.#windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.#windows.size >= MAX_KEYS) this.#prune(now);
      w = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, w);
    }
    w.count += 1;
    return { count: w.count, resetAt: w.resetAt };
  }

  async peek(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const w = this.#windows.get(key);
    return !w || w.resetAt <= now ? { count: 0, resetAt: now + windowMs } : { count: w.count, resetAt: w.resetAt };
  }

  #prune(now: number): void {
    for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k);
    // Still full (a flood of distinct keys): drop the oldest half rather than grow without bound.
    if (this.#windows.size >= MAX_KEYS) {
      let n = 0;
      for (const k of this.#windows.keys()) {
        if (n++ >= MAX_KEYS / 2) break;
        this.#windows.delete(k);
      }
    }
  }

  async close(): Promise<void> {
    this.#windows.clear();
  }
}

// INCR, set the expiry on the first hit, answer the count and the remaining ttl in one round trip.
const HIT_SCRIPT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {c, t}`;

export class RedisRateStore implements RateStore {
  constructor(
    private readonly redis: Redis,
    private readonly namespace = 'exkit:rl:',
  ) {}

  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.namespace + key, String(windowMs))) as [number, number];
    return { count, resetAt: now + ttl };
  }

  async peek(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const [value, ttl] = await Promise.all([this.redis.get(this.namespace + key), this.redis.pttl(this.namespace + key)]);
    return value === null ? { count: 0, resetAt: now + windowMs } : { count: Number(value), resetAt: now + Math.max(ttl, 0) };
  }

  async close(): Promise<void> {
    // The Redis connection belongs to the app.
  }
}
