// Records one metric sample per interval (system load, HTTP and venue figures) so /metrics?hours= answers
// from what was measured.
import { statfs } from 'node:fs/promises';
import { totalmem } from 'node:os';
import type { Store } from '../store/store.js';
import type { GatewayMetrics } from './registry.js';

export interface SampleData {
  readonly interval_seconds: number;
  readonly cpu_usage: number;
  readonly memory_usage: number;
  readonly disk_usage: number | null;
  readonly http_requests: number;
  readonly http_errors: number;
  readonly max_latency_ms: number;
  readonly api_calls: number;
  readonly failed_calls: number;
  readonly venue_latency_ms_sum: number;
  readonly venues_up: number;
  readonly venues_total: number;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

export async function diskUsagePercent(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return s.blocks > 0 ? round(((s.blocks - s.bfree) / s.blocks) * 100) : null;
  } catch {
    return null;
  }
}

export class ProcessLoad {
  #cpu = process.cpuUsage();
  #at = performance.now();

  /** CPU % of one core since the previous call, and resident memory as % of the machine's. */
  read(): { cpu: number; memory: number } {
    const cpu = process.cpuUsage(this.#cpu);
    const now = performance.now();
    const elapsedMs = Math.max(1, now - this.#at);
    this.#cpu = process.cpuUsage();
    this.#at = now;
    return { cpu: round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 100), memory: round((process.memoryUsage.rss() / totalmem()) * 100) };
  }
}

export class MetricSampler {
  readonly #load = new ProcessLoad();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly metrics: GatewayMetrics,
    private readonly dataDir: string,
    private readonly intervalSeconds: number,
    private readonly venues: () => { up: number; total: number },
    private readonly now: () => number,
    private readonly onError: (e: unknown) => void,
    private readonly onSample?: (data: SampleData) => void,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.record().catch(this.onError), this.intervalSeconds * 1000);
    this.#timer.unref();
  }

  async record(): Promise<SampleData> {
    const t = this.metrics.takeTally();
    const load = this.#load.read();
    const v = this.venues();
    const data: SampleData = {
      interval_seconds: this.intervalSeconds,
      cpu_usage: load.cpu,
      memory_usage: load.memory,
      disk_usage: await diskUsagePercent(this.dataDir),
      http_requests: t.httpRequests,
      http_errors: t.httpErrors,
      max_latency_ms: round(t.maxLatencyMs),
      api_calls: t.venueCalls,
      failed_calls: t.venueFailures,
      venue_latency_ms_sum: round(t.venueLatencyMsSum),
      venues_up: v.up,
      venues_total: v.total,
    };
    const at = this.now();
    await this.store.metricSamples.insert(new Date(at).toISOString(), { ...data });
    // Keep 30 days.
    await this.store.metricSamples.prune(new Date(at - 30 * 86_400_000).toISOString());
    this.onSample?.(data);
    return data;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}
