// Prometheus counters and histograms (one registry per app, so several apps can live in one process), and the
// running tallies the sampler turns into recorded samples.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface EngineFigures {
  readonly running: boolean;
  readonly portfolioValue: string;
  readonly dailyPnl: string;
  readonly totalTrades: number;
  readonly openPositions: number;
}

export interface WsFigures {
  readonly total_connections: number;
  readonly messages_sent_today: number;
}

export interface Tally {
  httpRequests: number;
  httpErrors: number;
  maxLatencyMs: number;
  venueCalls: number;
  venueFailures: number;
  venueLatencyMsSum: number;
}

const emptyTally = (): Tally => ({ httpRequests: 0, httpErrors: 0, maxLatencyMs: 0, venueCalls: 0, venueFailures: 0, venueLatencyMsSum: 0 });

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({ name: 'exkit_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'], registers: [this.registry] });
  readonly httpDuration = new Histogram({
    name: 'exkit_http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly venueCalls = new Counter({ name: 'exkit_venue_requests_total', help: 'Venue API calls by venue, method and outcome', labelNames: ['venue', 'method', 'outcome'], registers: [this.registry] });
  readonly venueDuration = new Histogram({
    name: 'exkit_venue_request_duration_seconds',
    help: 'Venue API call latency by venue and method',
    labelNames: ['venue', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly venueUp = new Gauge({ name: 'exkit_venue_up', help: '1 when the venue answered its last health check', labelNames: ['venue'], registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'exkit_rate_limited_total', help: 'Requests refused by a rate limit', registers: [this.registry] });
  readonly alertsRaised = new Counter({ name: 'exkit_alerts_raised_total', help: 'Alerts raised by type', labelNames: ['type'], registers: [this.registry] });
  #tally: Tally = emptyTally();

  /**
   * Engine and WebSocket figures read at scrape time from their owners (nothing is copied or invented).
   * Decimal strings become floats here only because the exposition format has no other number type.
   */
  bindSources(sources: { engine: () => EngineFigures | null | Promise<EngineFigures | null>; ws: () => WsFigures | null }): void {
    const registers = [this.registry];
    new Gauge({
      name: 'exkit_engine_running',
      help: '1 while the trading engine runs on this instance',
      registers,
      collect: async function (this: Gauge) {
        const e = await sources.engine();
        this.set(e?.running ? 1 : 0);
      },
    });
    const engineGauge = (name: string, help: string, pick: (e: EngineFigures) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect: async function (this: Gauge) {
          const e = await sources.engine();
          if (e) this.set(pick(e));
        },
      });
    engineGauge('exkit_engine_portfolio_value', 'Portfolio value in the quote currency', (e) => Number(e.portfolioValue));
    engineGauge('exkit_engine_daily_pnl', "Today's PnL in the quote currency", (e) => Number(e.dailyPnl));
    engineGauge('exkit_engine_trades_total', 'Trades journaled by the engine', (e) => e.totalTrades);
    engineGauge('exkit_engine_open_positions', 'Open positions', (e) => e.openPositions);
    const wsGauge = (name: string, help: string, pick: (w: WsFigures) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect: function (this: Gauge) {
          const w = sources.ws();
          if (w) this.set(pick(w));
        },
      });
    wsGauge('exkit_ws_clients', 'Connected WebSocket clients', (w) => w.total_connections);
    wsGauge('exkit_ws_messages_sent_today', 'WebSocket messages sent today', (w) => w.messages_sent_today);
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'exkit_' });
  }

  observeHttp(route: string, method: string, status: number, ms: number): void {
    const labels = { route, method, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, ms / 1000);
    this.#tally.httpRequests += 1;
    if (status >= 500) this.#tally.httpErrors += 1;
    this.#tally.maxLatencyMs = Math.max(this.#tally.maxLatencyMs, ms);
  }

  /** `call` is `<venue>:<method>`. */
  observeVenue(call: string, ms: number, error: unknown): void {
    const i = call.indexOf(':');
    const venue = call.slice(0, i);
    const method = call.slice(i + 1);
    this.venueCalls.inc({ venue, method, outcome: error === null ? 'ok' : 'error' });
    this.venueDuration.observe({ venue, method }, ms / 1000);
    this.#tally.venueCalls += 1;
    if (error !== null) this.#tally.venueFailures += 1;
    this.#tally.venueLatencyMsSum += ms;
  }

  /** The tallies since the previous call. */
  takeTally(): Tally {
    const t = this.#tally;
    this.#tally = emptyTally();
    return t;
  }
}
