// GET /metrics?hours= (figures over a window, from recorded samples and the trade journal) and
// GET /metrics/prometheus (text exposition; READ_ONLY or the scrape token).
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { access, perMinute } from '../http/access.js';
import { iso, type GatewayApp, type GatewayContext } from '../http/context.js';
import { ERROR_RESPONSES, decimalString } from '../http/schemas.js';

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

const metricsSchema = z.object({
  timestamp: z.string(),
  period_hours: z.number(),
  samples: z.number().int(),
  metrics: z.object({
    trading: z.object({ total_trades: z.number().int(), successful_trades: z.number().int(), failed_trades: z.number().int(), total_pnl: decimalString, win_rate: z.number().nullable() }),
    system: z.object({ avg_cpu_usage: z.number().nullable(), avg_memory_usage: z.number().nullable(), max_latency_ms: z.number().nullable(), uptime_percentage: z.number(), http_requests: z.number().int(), http_errors: z.number().int() }),
    exchange: z.object({ api_calls: z.number().int(), failed_calls: z.number().int(), avg_response_time_ms: z.number().nullable() }),
  }),
});

const FAILED = new Set(['rejected', 'failed', 'error', 'canceled_by_risk']);

export function metricsRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.get(
    '/metrics',
    {
      config: { access: access('READ_ONLY', perMinute(60)) },
      schema: {
        tags: ['system'],
        summary: 'Figures over the last `hours` from recorded samples',
        querystring: z.object({ hours: z.coerce.number().positive().max(720).default(1) }).strict(),
        response: { 200: metricsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const hours = request.query.hours;
      const now = ctx.now();
      const since = iso(now - hours * 3_600_000);
      const samples = await ctx.store.metricSamples.since(since);
      const journal = await ctx.store.engine.listJournal({ since, limit: 100_000 });
      let cpu = 0;
      let mem = 0;
      let maxLatency: number | null = null;
      let calls = 0;
      let failed = 0;
      let latencySum = 0;
      let recordedSeconds = 0;
      let httpRequests = 0;
      let httpErrors = 0;
      for (const s of samples) {
        cpu += num(s.data['cpu_usage']);
        mem += num(s.data['memory_usage']);
        maxLatency = Math.max(maxLatency ?? 0, num(s.data['max_latency_ms']));
        calls += num(s.data['api_calls']);
        failed += num(s.data['failed_calls']);
        latencySum += num(s.data['venue_latency_ms_sum']);
        recordedSeconds += num(s.data['interval_seconds']);
        httpRequests += num(s.data['http_requests']);
        httpErrors += num(s.data['http_errors']);
      }
      // The journal holds several entries per order (submitted, then its outcome): count each order once,
      // by its last entry.
      const last = new Map<string, (typeof journal)[number]>();
      for (const e of journal) last.set(`${e.venue}:${e.clientOrderId}`, e);
      let pnl = new Decimal(0);
      let wins = 0;
      let closed = 0;
      let ok = 0;
      let bad = 0;
      for (const e of last.values()) {
        if (FAILED.has(e.status)) bad += 1;
        else if (e.status === 'filled') ok += 1;
        const realized = e.detail['realized_pnl'] ?? e.detail['pnl'];
        if (typeof realized === 'string' && /^-?\d+(\.\d+)?$/.test(realized)) {
          const d = new Decimal(realized);
          pnl = pnl.plus(d);
          closed += 1;
          if (d.gt(0)) wins += 1;
        }
      }
      const n = samples.length;
      return {
        timestamp: iso(now),
        period_hours: hours,
        samples: n,
        metrics: {
          trading: { total_trades: ok + bad, successful_trades: ok, failed_trades: bad, total_pnl: pnl.toFixed(), win_rate: closed > 0 ? round(wins / closed, 4) : null },
          system: {
            avg_cpu_usage: n > 0 ? round(cpu / n) : null,
            avg_memory_usage: n > 0 ? round(mem / n) : null,
            max_latency_ms: maxLatency,
            uptime_percentage: round(Math.min(100, (recordedSeconds / (hours * 3600)) * 100)),
            http_requests: httpRequests,
            http_errors: httpErrors,
          },
          exchange: { api_calls: calls, failed_calls: failed, avg_response_time_ms: calls > 0 ? round(latencySum / calls) : null },
        },
      };
    },
  );

  app.get(
    '/metrics/prometheus',
    {
      config: { access: { ...access('READ_ONLY', null, false), scrapeToken: true } },
      schema: { tags: ['system'], summary: 'Prometheus text exposition', response: { 200: z.string(), ...ERROR_RESPONSES } },
    },
    async (_request, reply) => {
      reply.type(ctx.metrics.registry.contentType);
      return ctx.metrics.registry.metrics();
    },
  );
}
