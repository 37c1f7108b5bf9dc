// Owned by the engine side (trading/). What the HTTP routes need from the trading engine, and what the
// engine needs from the store (implemented by store/ with Kysely, and in memory for the engine's own tests).

export type EngineState = 'stopped' | 'running' | 'paused';
export type EngineCommand = 'start' | 'stop' | 'pause' | 'resume' | 'restart';

export interface CommandRequest {
  readonly command: EngineCommand;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly reason?: string;
  /** Principal name for the command journal. */
  readonly issuedBy: string;
}

export interface CommandResult {
  readonly command: EngineCommand;
  readonly previousState: EngineState;
  readonly state: EngineState;
  readonly message: string;
}

export interface EngineStatusSnapshot {
  readonly active: boolean;
  readonly mode: EngineState;
  /** Decimal strings. */
  readonly portfolioValue: string;
  readonly dailyPnl: string;
  readonly openPositions: number;
  readonly totalTrades: number;
  readonly lastTradeTime: string | null;
  readonly positions: readonly Readonly<Record<string, unknown>>[];
  /** Whether this instance holds the engine lease (several instances: only one runs the engine). */
  readonly leader: boolean;
}

export interface StrategyRecord {
  readonly id: string;
  readonly name: string;
  readonly type: 'ma_crossover';
  readonly venue: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly enabled: boolean;
  /** Strategy parameters, e.g. `{ fast_ma: 10, slow_ma: 30, size: "0.01" }` (sizes as decimal strings). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RiskSettings {
  readonly maxPositionSize: string;
  readonly maxDailyLoss: string;
  readonly stopLossPercent: string;
  readonly maxPortfolioRisk: string;
}

export interface JournalEntry {
  readonly id: string;
  readonly at: string;
  readonly venue: string;
  readonly strategyId: string | null;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly amount: string;
  readonly price: string | null;
  readonly status: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Persistence the engine needs; store/ implements it on SQLite and PostgreSQL. */
export interface EngineStore {
  getEngineState(): Promise<{ state: EngineState; updatedAt: string } | null>;
  setEngineState(state: EngineState): Promise<void>;
  logCommand(entry: CommandRequest & { readonly at: string; readonly result: string }): Promise<void>;
  listStrategies(): Promise<StrategyRecord[]>;
  getStrategy(id: string): Promise<StrategyRecord | null>;
  saveStrategy(record: StrategyRecord): Promise<void>;
  deleteStrategy(id: string): Promise<boolean>;
  appendJournal(entry: JournalEntry): Promise<void>;
  listJournal(options: { readonly since?: string; readonly limit?: number }): Promise<JournalEntry[]>;
  /**
   * Optional small key/value memory of the engine (today's opening portfolio value, for the daily
   * loss breaker across restarts). Without it the engine keeps these in memory only.
   */
  getEngineValue?(key: string): Promise<string | null>;
  setEngineValue?(key: string, value: string): Promise<void>;
}

/**
 * An alert the engine raises (the daily loss breaker: severity `high`, title "Trading Stopped").
 * The engine calls `onAlert` (the API side persists it and may return the stored id), then
 * publishes it on the bus topic `alerts` (type `alert`, data `{id, type, severity, title, message,
 * created_at}`): the API side must not publish engine alerts again.
 */
export interface EngineAlert {
  readonly type: 'risk' | 'engine';
  readonly severity: 'low' | 'medium' | 'high' | 'critical';
  readonly title: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  /** ISO-8601. */
  readonly createdAt: string;
}

export type AlertSink = (alert: EngineAlert) => Promise<{ readonly id: string } | void> | { readonly id: string } | void;

export interface TradingEngineApi {
  state(): EngineState;
  status(): Promise<EngineStatusSnapshot>;
  command(request: CommandRequest): Promise<CommandResult>;
  /** Risk settings as /config holds them; applied before the next order. */
  setRisk(settings: RiskSettings): void;
  /** Strategies changed in the store (POST/PUT/DELETE /api/v1/strategy): a running engine picks them up now. */
  reloadStrategies(): Promise<void>;
  close(): Promise<void>;
}
