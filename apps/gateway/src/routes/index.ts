// Every HTTP route of the contract, registered by concern.
import type { GatewayApp, GatewayContext } from '../http/context.js';
import { alertRoutes } from './alerts.js';
import { apiKeyRoutes } from './api-keys.js';
import { authRoutes } from './auth.js';
import { configRoutes } from './config.js';
import { docsRoutes } from './docs.js';
import { healthRoutes } from './health.js';
import { metricsRoutes } from './metrics.js';
import { statusRoutes } from './status.js';
import { tradingRoutes } from './trading.js';
import { userRoutes } from './users.js';
import { accountRoutes } from './v1/account.js';
import { marketRoutes } from './v1/market.js';
import { strategyRoutes } from './v1/strategy.js';
import { tradeRoutes } from './v1/trade.js';
import { websocketStatsRoutes } from './websocket-stats.js';

export async function registerRoutes(app: GatewayApp, ctx: GatewayContext): Promise<void> {
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  statusRoutes(app, ctx);
  metricsRoutes(app, ctx);
  alertRoutes(app, ctx);
  configRoutes(app, ctx);
  tradingRoutes(app, ctx);
  apiKeyRoutes(app, ctx);
  userRoutes(app, ctx);
  websocketStatsRoutes(app, ctx);
  marketRoutes(app, ctx);
  accountRoutes(app, ctx);
  tradeRoutes(app, ctx);
  strategyRoutes(app, ctx);
  await docsRoutes(app);
}
