// Composes the gateway: store, auth, venues, event bus, trading engine, WebSocket, routes. `buildGateway`
// returns it ready to listen; `close()` drains and releases everything in order.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import jwt from '@fastify/jwt';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import pino, { type DestinationStream, type Logger } from 'pino';
import { z } from 'zod';
import { AlertService } from './alerts/alerts.js';
import { StoreAuthenticator } from './auth/authenticator.js';
import { PrincipalCache } from './auth/principal-cache.js';
import { ensureFirstAdmin, type BootstrapResult } from './auth/bootstrap.js';
import { loadServerSecrets } from './auth/secrets.js';
import { TokenService } from './auth/tokens.js';
import type { GatewayConfig } from './config/schema.js';
import { SettingsService, riskOf } from './config/settings.js';
import type { EventBus } from './contracts/events.js';
import { createEventBus, createRedisEventBus } from './events/index.js';
import { busMessage } from './events/message.js';
import type { RouteTableEntry } from './http/access.js';
import type { GatewayApp, GatewayContext } from './http/context.js';
import { installErrorHandling, sendError } from './http/error-handler.js';
import { ApiError } from './http/errors.js';
import { installGuard } from './http/guard.js';
import { RateLimiter } from './http/rate-limit.js';
import { responseSerializerCompiler } from './http/serializer.js';
import { MemoryRateStore, RedisRateStore, type RateStore } from './http/rate-store.js';
import { loggerOptions } from './logging/logger.js';
import { GatewayMetrics } from './metrics/registry.js';
import { MetricSampler } from './metrics/sampler.js';
import { VenueWatch } from './alerts/venue-watch.js';
import { registerRoutes } from './routes/index.js';
import { lockDataDir, type DataDirLock } from './store/lock.js';
import { Store } from './store/store.js';
import { createLocalLease, createRedisLease, createTradingEngine, type TradingEngine } from './trading/index.js';
import { ManagedVenueRegistry } from './venues/registry.js';
import { createWebSocketGateway, type WebSocketGateway } from './ws/index.js';

/** How long a resolved credential is reused (revocations drop it at once; this bounds anything missed). */
const PRINCIPAL_TTL_MS = 2_000;

export interface GatewayOptions {
  readonly config: GatewayConfig;
  /** Where log lines go (default stdout); tests capture them. */
  readonly logStream?: DestinationStream;
  /** Lock owner tag (several gateways in one test process). */
  readonly lockOwner?: string;
  /** Off: the engine is not started (tests of the HTTP side alone). Default on. */
  readonly engine?: boolean;
  /** WebSocket hub options passed through (tests shorten timers). */
  readonly websocket?: { readonly pingIntervalMs?: number; readonly authTimeoutMs?: number; readonly maxConnections?: number };
}

export interface Gateway {
  readonly app: GatewayApp;
  readonly ctx: GatewayContext;
  readonly log: Logger;
  readonly bootstrap: BootstrapResult;
  readonly routeTable: readonly RouteTableEntry[];
  readonly bus: EventBus;
  readonly engine: TradingEngine | null;
  readonly ws: WebSocketGateway;
  readonly sampler: MetricSampler;
  readonly venueWatch: VenueWatch;
  /** Listens on config host:port (or the given port); returns the base URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const config = options.config;
  const now = () => Date.now();
  const iso = () => new Date(now()).toISOString();
  mkdirSync(config.dataDir, { recursive: true });
  const lock: DataDirLock = lockDataDir(config.dataDir, options.lockOwner);
  const log = pino(loggerOptions(config.logLevel), options.logStream ?? pino.destination(1));
  const cleanups: (() => Promise<void> | void)[] = [() => lock.release()];
  const unwind = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e: unknown) => log.warn({ err: e }, 'cleanup failed'));
  };
  try {
    const store = await Store.open({ dataDir: config.dataDir, ...(config.databaseUrl !== undefined && { databaseUrl: config.databaseUrl }), databaseSchema: config.databaseSchema }, iso);
    cleanups.push(() => store.close());
    const secrets = await loadServerSecrets(store, config.jwtSecret, iso());
    const bootstrap = await ensureFirstAdmin(store, config.adminPassword, iso());

    let redis: Redis | undefined;
    let rateStore: RateStore = new MemoryRateStore();
    if (config.redisUrl !== undefined) {
      const r = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
      r.on('error', (e: Error) => log.warn({ msg: e.message }, 'redis error'));
      await r.connect();
      redis = r;
      cleanups.push(async () => void (await r.quit().catch(() => r.disconnect())));
      rateStore = new RedisRateStore(r, `${config.redisPrefix}rl:`);
    }

    const metrics = new GatewayMetrics();
    const venues = await ManagedVenueRegistry.open(config.venues, config.dataDir, now, (call, ms, err) => metrics.observeVenue(call, ms, err), (e) =>
      log.warn({ msg: (e as Error).message }, 'venue state'),
    );
    cleanups.push(() => venues.close());

    // Principals are cached only where every instance hears of a revocation: alone on the embedded store
    // (the data-dir lock keeps others out) or with the Redis relay. PostgreSQL without Redis: no cache.
    const principalCache = config.databaseUrl === undefined || config.redisUrl !== undefined ? new PrincipalCache(PRINCIPAL_TTL_MS, now) : undefined;
    const bus: EventBus =
      config.redisUrl !== undefined
        ? await createRedisEventBus(config.redisUrl, {
            channel: `${config.redisPrefix}gateway:events`,
            onRedisError: (e) => {
              // Revocations may have been missed while the relay was down.
              principalCache?.clear();
              log.warn({ msg: e.message }, 'event bus redis error');
            },
          })
        : createEventBus();
    cleanups.push(() => bus.close());

    const alerts = new AlertService(store, metrics, bus, now);
    let engine: TradingEngine | null = null;
    const settings = new SettingsService(store, now, (s) => engine?.setRisk(riskOf(s)));

    const reqIdPrefix = randomBytes(4).toString('hex');
    let reqSeq = 0;
    const app = Fastify({
      loggerInstance: log as FastifyBaseLogger,
      // Unique per process start and request without a random draw per request.
      genReqId: () => `req_${reqIdPrefix}${(reqSeq = (reqSeq + 1) >>> 0).toString(16).padStart(8, '0')}`,
      bodyLimit: 64 * 1024,
      return503OnClosing: true,
      // Bad URL encoding or an over-long path parameter: answered before routing, still in the contract's shape.
      frameworkErrors: (err, request, reply) => {
        void sendError(new ApiError('validation_error', err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'path parameter too long' : 'malformed URL', { code: err.code }), request, reply, now());
      },
    }).withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(responseSerializerCompiler(config.validateResponses));
    await app.register(jwt, { secret: secrets.jwtSecret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'] } });

    const tokens = new TokenService(app.jwt, store, now, config.auth.accessTokenSeconds, config.auth.refreshTokenSeconds);
    const authenticator = new StoreAuthenticator(
      store,
      tokens,
      secrets.apiKeyPepper,
      now,
      principalCache && {
        cache: principalCache,
        notify: async (kind, id) => {
          const m = busMessage('auth_changed', 'auth_changed', { kind, id }, { at: now() });
          if (bus.publishConfirmed) await bus.publishConfirmed(m);
          else bus.publish(m);
        },
      },
    );
    const authChange = z.object({ kind: z.enum(['user', 'api_key']), id: z.string().min(1) });
    cleanups.push(
      bus.subscribe((m) => {
        if (m.topic !== 'auth_changed') return;
        const parsed = authChange.safeParse(m.data);
        // Unreadable: forget everything rather than risk keeping a revoked credential.
        if (parsed.success) authenticator.forget(parsed.data.kind, parsed.data.id);
        else principalCache?.clear();
      }),
    );
    const limiter = new RateLimiter(rateStore, config.rateLimitScale, (e) => log.warn({ msg: (e as Error).message }, 'rate-limit store unavailable; request let through'));

    const routeTable: RouteTableEntry[] = [];
    app.addHook('onRoute', (r) => {
      const acc = r.config?.access;
      if (!acc) return;
      for (const method of [r.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: r.url, access: acc });
    });
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'exkit gateway', version: packageVersion(), description: 'Control API of the exkit gateway (gateway-api.md).' },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          },
        },
        security: [{ bearer: [] }, { apiKey: [] }],
      },
      transform: jsonSchemaTransform,
    });
    installErrorHandling(app, now);
    const nearLimitRaised = new Map<string, number>();
    installGuard(app, {
      authenticator,
      limiter,
      now,
      ...(config.metricsScrapeToken !== undefined && { scrapeToken: config.metricsScrapeToken }),
      onNearLimit: (principal, ip, verdict) => {
        const who = principal ? `${principal.kind}:${principal.name}` : `ip:${ip}`;
        const last = nearLimitRaised.get(who) ?? 0;
        if (now() - last < 600_000) return;
        nearLimitRaised.set(who, now());
        void alerts
          .raise({ type: 'warning', severity: 'low', key: `rate_limit_near:${who}`, title: 'Rate limit near', message: `${who} used ${verdict.limit - verdict.remaining} of ${verdict.limit} requests of a window` })
          .catch((e: unknown) => log.warn({ msg: (e as Error).message }, 'alert failed'));
      },
    });
    // (x-request-id is set by the guard's onRequest hook.)
    app.addHook('onResponse', (request, reply, done) => {
      metrics.observeHttp(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime);
      if (reply.statusCode === 429) metrics.rateLimited.inc();
      done();
    });

    const ws = createWebSocketGateway({ bus, authenticator, venues, ...options.websocket, logger: { info: (o, m) => log.info(o, m), warn: (o, m) => log.warn(o, m) } });
    const ctx: GatewayContext = {
      config,
      version: packageVersion(),
      startedAt: now(),
      now,
      store,
      venues,
      tokens,
      authenticator,
      alerts,
      metrics,
      settings,
      rateStore,
      bus,
      apiKeyPepper: secrets.apiKeyPepper,
      engine: () => engine,
      ws: () => ws,
    };
    metrics.bindSources({
      engine: async () => {
        if (!engine) return null;
        const st = await engine.status();
        return { running: st.active && st.leader, portfolioValue: st.portfolioValue, dailyPnl: st.dailyPnl, totalTrades: st.totalTrades, openPositions: st.openPositions };
      },
      ws: () => ws.stats(),
    });
    await registerRoutes(app, ctx);
    await app.register(ws.plugin);

    const venueWatch = new VenueWatch(venues, alerts, metrics, bus, config.venueDownAlertSeconds, now, (e) => log.warn({ msg: (e as Error).message }, 'venue watch'));
    await venueWatch.checkOnce(10_000);
    venueWatch.start(config.healthCheckIntervalSeconds * 1000);
    cleanups.push(() => venueWatch.stop());

    const sampler = new MetricSampler(store, metrics, config.dataDir, config.sampleIntervalSeconds, () => venueWatch.upCount(), now, (e) => log.warn({ msg: (e as Error).message }, 'metric sample failed'), (data) =>
      bus.publish({ topic: 'metrics', type: 'metrics', droppable: true, timestamp: iso(), data }),
    );
    sampler.start();
    cleanups.push(() => sampler.stop());

    if (options.engine !== false) {
      const lease = redis !== undefined && config.redisUrl !== undefined ? createRedisLease({ redisUrl: config.redisUrl, key: `${config.redisPrefix}engine:leader`, onError: (e) => log.warn({ msg: e.message }, 'engine lease') }) : createLocalLease();
      engine = await createTradingEngine({
        store: store.engine,
        venues,
        bus,
        lease,
        risk: riskOf((await settings.get()).settings),
        onAlert: (a) => alerts.recordEngineAlert(a),
        logger: { info: (o, m) => log.info(o, m), warn: (o, m) => log.warn(o, m) },
      });
      const e = engine;
      cleanups.push(() => e.close());
    }
    // The app closes first (drains HTTP and sockets), then the engine, bus, venues, store, lock.
    cleanups.push(() => app.close());

    let closed: Promise<void> | undefined;
    return {
      app,
      ctx,
      log,
      bootstrap,
      routeTable,
      bus,
      engine,
      ws,
      sampler,
      venueWatch,
      listen: async (port) => app.listen({ host: config.host, port: port ?? config.port }),
      close: () => (closed ??= unwind()),
    };
  } catch (e) {
    await unwind();
    throw e;
  }
}
