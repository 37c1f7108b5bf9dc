// Row types of every table (Kysely). Only text and integer columns, so SQLite and PostgreSQL agree:
// timestamps are ISO-8601 strings, money decimal strings, booleans 0/1, structured values JSON text.
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface ApiKeysTable {
  id: string;
  prefix: string;
  hash: string;
  name: string;
  permissions: string;
  rate_limit: number;
  created_at: string;
  created_by: string;
  last_used: string | null;
  expires_at: string | null;
  enabled: number;
}

export interface RefreshTokensTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface KeyValueTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AlertsTable {
  id: string;
  type: string;
  title: string;
  message: string;
  severity: string;
  active: number;
  dedupe_key: string | null;
  created_at: string;
  resolved_at: string | null;
}

export interface MetricSamplesTable {
  id: string;
  at: string;
  data: string;
}

export interface EngineStateTable {
  id: number;
  state: string;
  updated_at: string;
}

export interface CommandLogTable {
  id: string;
  at: string;
  command: string;
  parameters: string;
  reason: string | null;
  issued_by: string;
  result: string;
}

export interface StrategiesTable {
  id: string;
  name: string;
  type: string;
  venue: string;
  symbol: string;
  timeframe: string;
  enabled: number;
  params: string;
  created_at: string;
  updated_at: string;
}

export interface JournalTable {
  id: string;
  at: string;
  venue: string;
  strategy_id: string | null;
  client_order_id: string;
  symbol: string;
  side: string;
  amount: string;
  price: string | null;
  status: string;
  detail: string;
}

export interface TradeRequestsTable {
  venue: string;
  client_order_id: string;
  status: string;
  result: string | null;
  requested_by: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  api_keys: ApiKeysTable;
  refresh_tokens: RefreshTokensTable;
  settings: KeyValueTable;
  secrets: KeyValueTable;
  alerts: AlertsTable;
  metric_samples: MetricSamplesTable;
  engine_state: EngineStateTable;
  command_log: CommandLogTable;
  strategies: StrategiesTable;
  journal: JournalTable;
  trade_requests: TradeRequestsTable;
}
