// GET /trading/status and POST /system/command, over the trading engine (503 while it is not available).
import { z } from 'zod';
import type { TradingEngineApi } from '../contracts/engine.js';
import { access, perMinute } from '../http/access.js';
import { iso, type GatewayApp, type GatewayContext } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import { ERROR_RESPONSES, decimalString } from '../http/schemas.js';

function engineOf(ctx: GatewayContext): TradingEngineApi {
  const engine = ctx.engine();
  if (!engine) throw new ApiError('system_unavailable', 'the trading engine is not available on this gateway');
  return engine;
}

export function tradingRoutes(app: GatewayApp, ctx: GatewayContext): void {
  app.get(
    '/trading/status',
    {
      config: { access: access('READ_ONLY', perMinute(120)) },
      schema: {
        tags: ['trading'],
        summary: 'Trading engine state, portfolio and positions',
        response: {
          200: z.object({
            active: z.boolean(),
            mode: z.string(),
            portfolio_value: decimalString,
            open_positions: z.number().int(),
            daily_pnl: decimalString,
            total_trades: z.number().int(),
            last_trade_time: z.string().nullable(),
            positions: z.array(z.record(z.string(), z.unknown())),
            leader: z.boolean(),
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async () => {
      const s = await engineOf(ctx).status();
      return {
        active: s.active,
        mode: s.mode,
        portfolio_value: s.portfolioValue,
        open_positions: s.openPositions,
        daily_pnl: s.dailyPnl,
        total_trades: s.totalTrades,
        last_trade_time: s.lastTradeTime,
        positions: s.positions.map((p) => ({ ...p })),
        leader: s.leader,
      };
    },
  );

  app.post(
    '/system/command',
    {
      config: { access: access('CONTROL', perMinute(30)) },
      schema: {
        tags: ['trading'],
        summary: 'start | stop | pause | resume | restart the trading engine (journaled with who, when, why)',
        body: z
          .object({
            command: z.enum(['start', 'stop', 'pause', 'resume', 'restart']),
            parameters: z.record(z.string(), z.unknown()).default({}),
            reason: z.string().max(500).optional(),
          })
          .strict(),
        response: {
          200: z.object({ success: z.boolean(), message: z.string(), command: z.string(), previous_state: z.string(), state: z.string(), timestamp: z.string() }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const engine = engineOf(ctx);
      const principal = request.principal;
      const result = await engine.command({
        command: request.body.command,
        parameters: request.body.parameters,
        ...(request.body.reason !== undefined && { reason: request.body.reason }),
        issuedBy: principal ? `${principal.kind}:${principal.name}` : 'unknown',
      });
      return {
        success: true,
        message: result.message,
        command: result.command,
        previous_state: result.previousState,
        state: result.state,
        timestamp: iso(ctx.now()),
      };
    },
  );
}
