// A pool of real `ws` clients on loopback for the fan-out bench: opens them in bounded batches (each
// with an optional handshake), then counts bench frames and records each delivery's latency.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** Marks the publish time in a bench frame; `data` ends with it so the client finds it from the end. */
const STAMP = Buffer.from('"t":');

export interface ClientPoolOptions {
  readonly url: string;
  readonly count: number;
  /** Handshakes in flight at once (a burst of 1,000 SYNs overflows the listen backlog). */
  readonly batch: number;
  /** Bound on opening the whole pool. */
  readonly timeoutMs: number;
  /** Runs on an open socket before it counts frames (authenticate, subscribe). */
  readonly handshake?: (ws: WebSocket, timeoutMs: number) => Promise<void>;
}

/** The publish time (performance.now() ms) a bench frame carries, read without parsing the whole frame. */
export function stampOf(raw: Buffer): number {
  const at = raw.lastIndexOf(STAMP);
  return at < 0 ? Number.NaN : Number.parseFloat(raw.toString('latin1', at + STAMP.length, Math.min(raw.length, at + STAMP.length + 32)));
}

export class ClientPool {
  readonly sockets: WebSocket[] = [];
  /** Bench frames received since the pool opened. */
  received = 0;
  /** Frames whose publish stamp was missing (must stay 0). */
  unstamped = 0;
  #samples = new Float64Array(0);
  #sampleCount = 0;
  #waiter: { target: number; resolve: () => void } | undefined;

  private constructor() {}

  static async open(options: ClientPoolOptions): Promise<ClientPool> {
    const pool = new ClientPool();
    const deadline = Date.now() + options.timeoutMs;
    for (let i = 0; i < options.count; i += options.batch) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`opened only ${pool.sockets.length} of ${options.count} clients within ${options.timeoutMs} ms`);
      const size = Math.min(options.batch, options.count - i);
      const opened = await Promise.all(Array.from({ length: size }, () => openOne(options.url, left, options.handshake)));
      for (const ws of opened) {
        pool.sockets.push(ws);
        ws.on('message', (raw: Buffer) => pool.#onFrame(raw));
      }
    }
    return pool;
  }

  /** Starts keeping latency samples (ms), at most `capacity` of them; earlier ones are discarded. */
  record(capacity: number): void {
    if (this.#samples.length < capacity) this.#samples = new Float64Array(capacity);
    this.#sampleCount = 0;
  }

  /** The samples kept since `record`. */
  samples(): Float64Array {
    return this.#samples.slice(0, this.#sampleCount);
  }

  /** Resolves once `received` reaches `target` or after `timeoutMs`, whichever comes first. */
  waitFor(target: number, timeoutMs: number): Promise<void> {
    if (this.received >= target) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        resolve();
      }, timeoutMs);
      this.#waiter = {
        target,
        resolve: () => {
          clearTimeout(timer);
          this.#waiter = undefined;
          resolve();
        },
      };
    });
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  #onFrame(raw: Buffer): void {
    const now = performance.now();
    const t = stampOf(raw);
    if (Number.isNaN(t)) {
      this.unstamped++;
      return;
    }
    this.received++;
    if (this.#sampleCount < this.#samples.length) this.#samples[this.#sampleCount++] = now - t;
    if (this.#waiter !== undefined && this.received >= this.#waiter.target) this.#waiter.resolve();
  }
}

function openOne(url: string, timeoutMs: number, handshake: ClientPoolOptions['handshake']): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => fail(new Error(`client not ready within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      ws.terminate();
      // EMFILE here means the file-descriptor limit (`ulimit -n`) is below ~4,100 (two pools, both ends).
      reject(error);
    }
    ws.once('error', fail);
    ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode ?? '?'} on upgrade`)));
    ws.once('open', () => {
      const ready = handshake === undefined ? Promise.resolve() : handshake(ws, timeoutMs);
      ready.then(
        () => {
          clearTimeout(timer);
          ws.off('error', fail);
          // A socket error after the pool opened shows as a shortfall in the counts.
          ws.on('error', () => undefined);
          resolve(ws);
        },
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      );
    });
  });
}

/** The next text frame on `ws` whose `type` is `type` (an `error` frame or a close rejects). */
export function nextFrame(ws: WebSocket, type: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${type} frame within ${timeoutMs} ms`));
    }, timeoutMs);
    const onClose = (code: number, reason: Buffer): void => {
      done();
      reject(new Error(`closed ${code} ${reason.toString()} while waiting for ${type}`));
    };
    const onMessage = (raw: Buffer): void => {
      const frame = JSON.parse(raw.toString('utf8')) as { type?: unknown };
      if (frame.type === type) {
        done();
        resolve(frame);
      } else if (frame.type === 'error') {
        done();
        reject(new Error(`error frame while waiting for ${type}: ${raw.toString('utf8').slice(0, 200)}`));
      }
    };
    ws.on('message', onMessage);
    ws.once('close', onClose);
  });
}
