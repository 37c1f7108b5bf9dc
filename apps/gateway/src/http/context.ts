// What route modules are given: the app's services, built once in app.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AlertService } from '../alerts/alerts.js';
import type { StoreAuthenticator } from '../auth/authenticator.js';
import type { TokenService } from '../auth/tokens.js';
import type { GatewayConfig } from '../config/schema.js';
import type { SettingsService } from '../config/settings.js';
import type { TradingEngineApi } from '../contracts/engine.js';
import type { EventBus } from '../contracts/events.js';
import type { GatewayMetrics } from '../metrics/registry.js';
import type { Store } from '../store/store.js';
import type { ManagedVenueRegistry } from '../venues/registry.js';
import type { RateStore } from './rate-store.js';

export type GatewayApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface WsStatsSource {
  stats(): {
    total_connections: number;
    active_sessions: string[];
    subscription_stats: Record<string, number>;
    messages_sent_today: number;
    uptime_hours: number;
  };
}

export interface GatewayContext {
  readonly config: GatewayConfig;
  readonly version: string;
  readonly startedAt: number;
  readonly now: () => number;
  readonly store: Store;
  readonly venues: ManagedVenueRegistry;
  readonly tokens: TokenService;
  readonly authenticator: StoreAuthenticator;
  readonly alerts: AlertService;
  readonly metrics: GatewayMetrics;
  readonly settings: SettingsService;
  readonly rateStore: RateStore;
  readonly bus: EventBus;
  readonly apiKeyPepper: string;
  /** Null until the trading engine is wired (routes then answer 503 system_unavailable). */
  readonly engine: () => TradingEngineApi | null;
  readonly ws: () => WsStatsSource | null;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
