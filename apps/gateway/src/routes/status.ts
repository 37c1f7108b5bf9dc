// GET /status (seed 003): system, trading bot, one exchange entry per venue, performance.
import { z } from 'zod';
import { diskUsagePercent, ProcessLoad } from '../metrics/sampler.js';
import { access, perMinute } from '../http/access.js';
import { iso, type GatewayApp, type GatewayContext } from '../http/context.js';
import { ERROR_RESPONSES } from '../http/schemas.js';

const statusSchema = z.object({
  system: z.object({ status: z.enum(['operational', 'degraded']), uptime_seconds: z.number().int(), version: z.string(), environment: z.string() }),
  trading_bot: z.object({ active: z.boolean(), mode: z.string(), status: z.string(), last_update: z.string().nullable() }),
  exchange: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      env: z.string(),
      testnet: z.boolean(),
      connected: z.boolean(),
      last_ping: z.string().nullable(),
      clock_skew_ms: z.number().nullable(),
      credentials_valid: z.boolean().nullable(),
      last_error: z.string().nullable(),
    }),
  ),
  performance: z.object({ cpu_usage: z.number(), memory_usage: z.number(), disk_usage: z.number().nullable() }),
});

const DISK_EVERY_MS = 10_000;
/** CPU % is measured over at least this long (shorter windows between polls are noise, and cost a syscall). */
const LOAD_EVERY_MS = 1_000;
/** The stored engine state is re-read after this long, at once on an engine state message, or when the engine's own state moved. */
const ENGINE_STATE_EVERY_MS = 1_000;
type StoredState = Awaited<ReturnType<GatewayContext['store']['engine']['getEngineState']>>;

export function statusRoutes(app: GatewayApp, ctx: GatewayContext): void {
  const load = new ProcessLoad();
  // Disk usage changes slowly and costs a statfs call: read it at most every 10 s.
  let disk: { at: number; value: Promise<number | null> } | undefined;
  const diskUsage = () => {
    if (!disk || ctx.now() - disk.at > DISK_EVERY_MS) disk = { at: ctx.now(), value: diskUsagePercent(ctx.config.dataDir) };
    return disk.value;
  };
  let perf: { at: number; value: { cpu: number; memory: number } } | undefined;
  const processLoad = () => {
    if (!perf || ctx.now() - perf.at >= LOAD_EVERY_MS) perf = { at: ctx.now(), value: load.read() };
    return perf.value;
  };
  let stored: { at: number; engineState: string | null; value: Promise<StoredState> } | undefined;
  const engineStateChanged = ctx.bus.subscribe((m) => {
    if (m.topic === 'system_status' || m.topic === 'trading_updates') stored = undefined;
  });
  app.addHook('onClose', async () => engineStateChanged());
  const storedState = () => {
    const engineState = ctx.engine()?.state() ?? null;
    if (!stored || ctx.now() - stored.at >= ENGINE_STATE_EVERY_MS || stored.engineState !== engineState) {
      const value = ctx.store.engine.getEngineState();
      const entry = { at: ctx.now(), engineState, value };
      stored = entry;
      // A failed read is not reused.
      value.catch(() => {
        if (stored === entry) stored = undefined;
      });
    }
    return stored.value;
  };
  app.get(
    '/status',
    {
      config: { access: access('READ_ONLY', perMinute(100)) },
      schema: { tags: ['system'], summary: 'System, trading bot, venues and performance', response: { 200: statusSchema, ...ERROR_RESPONSES } },
    },
    async () => {
      const venues = ctx.venues.list();
      const engine = ctx.engine();
      const state = await storedState();
      const mode = engine?.state() ?? state?.state ?? 'stopped';
      const perf = processLoad();
      return {
        system: {
          status: venues.every((v) => v.health().reachable) ? ('operational' as const) : ('degraded' as const),
          uptime_seconds: Math.floor((ctx.now() - ctx.startedAt) / 1000),
          version: ctx.version,
          environment: ctx.config.environment,
        },
        trading_bot: {
          active: mode === 'running',
          mode: engine ? mode : 'unavailable',
          status: mode,
          last_update: state?.updatedAt ?? null,
        },
        exchange: venues.map((v) => {
          const h = v.health();
          return {
            id: v.id,
            name: v.exchange,
            env: v.env,
            testnet: v.env !== 'mainnet',
            connected: h.connected,
            last_ping: h.reachable ? iso(h.checkedAt) : null,
            clock_skew_ms: h.clockSkewMs ?? null,
            credentials_valid: h.credentialsValid ?? null,
            last_error: h.lastError ?? null,
          };
        }),
        performance: { cpu_usage: perf.cpu, memory_usage: perf.memory, disk_usage: await diskUsage() },
      };
    },
  );
}
