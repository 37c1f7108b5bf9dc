// Checks every venue periodically: updates its health (shown in /status and /health), the venue_up gauge,
// publishes `system_status`, raises an alert when a venue stays unreachable past the threshold and resolves
// it when the venue is back.
import type { EventBus } from '../contracts/events.js';
import type { GatewayMetrics } from '../metrics/registry.js';
import type { ManagedVenueRegistry } from '../venues/registry.js';
import type { AlertService } from './alerts.js';

export class VenueWatch {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly venues: ManagedVenueRegistry,
    private readonly alerts: AlertService,
    private readonly metrics: GatewayMetrics,
    private readonly bus: EventBus,
    private readonly downAlertSeconds: number,
    private readonly now: () => number,
    private readonly onError: (e: unknown) => void,
  ) {}

  upCount(): { up: number; total: number } {
    const list = this.venues.list();
    return { up: list.filter((v) => v.health().reachable).length, total: list.length };
  }

  /** One round of checks, bounded in time (a hung venue must not hold the start). */
  async checkOnce(timeoutMs = 15_000): Promise<void> {
    this.#running ??= this.#round(timeoutMs).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #round(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([this.venues.checkAll(this.now), timeout]);
    clearTimeout(timer);
    await this.evaluate();
  }

  /** Alerts from the current health of every venue. */
  async evaluate(): Promise<void> {
    const now = this.now();
    for (const v of this.venues.list()) {
      const h = v.health();
      this.metrics.venueUp.set({ venue: v.id }, h.reachable ? 1 : 0);
      const key = `venue_down:${v.id}`;
      try {
        if (h.reachable) await this.alerts.clear(key);
        else if (v.downSince !== null && now - v.downSince > this.downAlertSeconds * 1000) {
          await this.alerts.raise({
            type: 'error',
            severity: v.config.required ? 'critical' : 'high',
            key,
            title: 'Exchange Disconnected',
            message: `${v.id} (${v.exchange} ${v.env}) unreachable for more than ${this.downAlertSeconds} s: ${h.lastError ?? 'no answer'}`,
          });
        }
      } catch (e) {
        this.onError(e);
      }
    }
    const { up, total } = this.upCount();
    this.bus.publish({
      topic: 'system_status',
      type: 'system_status',
      droppable: true,
      timestamp: new Date(now).toISOString(),
      data: { venues_up: up, venues_total: total, exchanges: this.venues.list().map((v) => ({ id: v.id, connected: v.health().reachable })) },
    });
  }

  start(intervalMs: number): void {
    this.#timer = setInterval(() => void this.checkOnce().catch(this.onError), intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }
}
