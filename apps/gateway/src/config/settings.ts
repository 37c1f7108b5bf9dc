// Runtime settings (GET/POST /config): trading and risk figures, stored in the store, money as decimal strings.
import { z } from 'zod';
import type { RiskSettings } from '../contracts/engine.js';
import { ApiError } from '../http/errors.js';
import type { Store } from '../store/store.js';

const decimal = z
  .union([z.string().trim().regex(/^\d{1,20}(\.\d{1,18})?$/), z.number().nonnegative().finite()])
  .transform((v) => (typeof v === 'number' ? String(v) : v))
  .refine((v) => !/e/i.test(v), 'expected a plain decimal');
// The engine reads all four risk figures as fractions in (0, 1] (trading/risk.ts).
const fraction = decimal.refine((v) => Number(v) > 0 && Number(v) <= 1, 'expected a fraction in (0, 1]');
const pair = z.string().regex(/^[A-Z0-9]{2,20}(\/[A-Z0-9]{2,10}(:[A-Z0-9]{2,10})?)?$/, 'expected a symbol such as BTCUSDT or BTC/USDT:USDT');

export const settingsSchema = z
  .object({
    trading: z.object({ max_position_size: fraction, trading_pairs: z.array(pair).max(100), base_currency: z.string().regex(/^[A-Z0-9]{2,10}$/) }).strict(),
    risk: z.object({ max_portfolio_risk: fraction, max_daily_loss: fraction, stop_loss_percent: fraction }).strict(),
  })
  .strict();
export type Settings = z.output<typeof settingsSchema>;

/** The same shape as answered (no transforms: response schemas are encoded, not parsed). */
export const settingsOutputSchema = z.object({
  trading: z.object({ max_position_size: z.string(), trading_pairs: z.array(z.string()), base_currency: z.string() }),
  risk: z.object({ max_portfolio_risk: z.string(), max_daily_loss: z.string(), stop_loss_percent: z.string() }),
});

export const settingsPatchSchema = z
  .object({
    trading: settingsSchema.shape.trading.partial().strict().optional(),
    risk: settingsSchema.shape.risk.partial().strict().optional(),
  })
  .strict();

export const DEFAULT_SETTINGS: Settings = {
  trading: { max_position_size: '0.1', trading_pairs: ['BTCUSDT', 'ETHUSDT'], base_currency: 'USDT' },
  risk: { max_portfolio_risk: '0.02', max_daily_loss: '0.05', stop_loss_percent: '0.03' },
};

export function riskOf(s: Settings): RiskSettings {
  return {
    maxPositionSize: s.trading.max_position_size,
    maxDailyLoss: s.risk.max_daily_loss,
    stopLossPercent: s.risk.stop_loss_percent,
    maxPortfolioRisk: s.risk.max_portfolio_risk,
  };
}

export class SettingsService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly onChange: (s: Settings) => void,
  ) {}

  async get(): Promise<{ settings: Settings; lastUpdated: string | null }> {
    const row = await this.store.settings.get('settings');
    if (!row) return { settings: DEFAULT_SETTINGS, lastUpdated: null };
    const parsed = settingsSchema.safeParse(row.value);
    return { settings: parsed.success ? parsed.data : DEFAULT_SETTINGS, lastUpdated: row.updatedAt };
  }

  /** Applies a partial update; throws configuration_error (nothing changed) when invalid. */
  async update(patch: unknown, validateOnly: boolean): Promise<{ updated: string[]; settings: Settings }> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new ApiError('configuration_error', 'invalid settings; nothing was changed', {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
    }
    const current = (await this.get()).settings;
    const next: Settings = {
      trading: { ...current.trading, ...parsed.data.trading },
      risk: { ...current.risk, ...parsed.data.risk },
    };
    const updated: string[] = [];
    for (const section of ['trading', 'risk'] as const) {
      for (const key of Object.keys(parsed.data[section] ?? {})) updated.push(`${section}.${key}`);
    }
    if (!validateOnly && updated.length > 0) {
      await this.store.settings.set('settings', next, new Date(this.now()).toISOString());
      this.onChange(next);
    }
    return { updated, settings: next };
  }
}
