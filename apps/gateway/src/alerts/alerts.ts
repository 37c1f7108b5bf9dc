// Alerts raised by real conditions (one active alert per condition), resolvable by a person or by the
// condition clearing; each raise is published on the `alerts` topic.
import { randomUUID } from 'node:crypto';
import type { EngineAlert } from '../contracts/engine.js';
import type { EventBus } from '../contracts/events.js';
import type { GatewayMetrics } from '../metrics/registry.js';
import type { AlertRecord, AlertSeverity } from '../store/alerts.js';
import type { Store } from '../store/store.js';

export interface RaiseAlert {
  readonly type: 'info' | 'warning' | 'error';
  readonly title: string;
  readonly message: string;
  readonly severity: AlertSeverity;
  /** One active alert per key (e.g. `venue_down:bybit-sim`). */
  readonly key: string;
}

export function alertJson(a: AlertRecord) {
  return {
    id: a.id,
    type: a.type,
    title: a.title,
    message: a.message,
    severity: a.severity,
    active: a.active,
    created_at: a.createdAt,
    resolved_at: a.resolvedAt,
  };
}

export class AlertService {
  constructor(
    private readonly store: Store,
    private readonly metrics: GatewayMetrics,
    private readonly bus: EventBus | undefined,
    private readonly now: () => number,
  ) {}

  /** An alert the engine raised: stored here, published on the bus by the engine itself. */
  async recordEngineAlert(alert: EngineAlert): Promise<{ id: string }> {
    const record = await this.raise(
      { type: alert.severity === 'high' || alert.severity === 'critical' ? 'error' : 'warning', title: alert.title, message: alert.message, severity: alert.severity, key: `engine:${alert.type}:${alert.title}` },
      false,
    );
    return { id: record.id };
  }

  /** The active alert for `key`, created when there is none. */
  async raise(alert: RaiseAlert, publish = true): Promise<AlertRecord> {
    const existing = await this.store.alerts.activeByKey(alert.key);
    if (existing) return existing;
    const at = this.now();
    const record: AlertRecord = {
      id: `alert_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      type: alert.type,
      title: alert.title,
      message: alert.message,
      severity: alert.severity,
      active: true,
      dedupeKey: alert.key,
      createdAt: new Date(at).toISOString(),
      resolvedAt: null,
    };
    await this.store.alerts.insert(record);
    this.metrics.alertsRaised.inc({ type: alert.key.split(':')[0] ?? alert.type });
    if (publish) this.bus?.publish({
      topic: 'alerts',
      type: 'alert',
      droppable: false,
      timestamp: record.createdAt,
      data: { id: record.id, type: record.type, severity: record.severity, title: record.title, message: record.message, created_at: record.createdAt },
    });
    return record;
  }

  async resolve(id: string): Promise<AlertRecord | null> {
    return this.store.alerts.resolve(id, new Date(this.now()).toISOString());
  }

  /** The condition behind `key` cleared. */
  async clear(key: string): Promise<void> {
    const active = await this.store.alerts.activeByKey(key);
    if (active) await this.resolve(active.id);
  }
}
