// The gateway's store: every repository over one Kysely instance.
import { AlertRepo } from './alerts.js';
import { ApiKeyRepo } from './api-keys.js';
import { openDb, pingDb, type StoreOptions } from './db.js';
import { KyselyEngineStore } from './engine-store.js';
import { KeyValueRepo } from './key-value.js';
import { MetricSampleRepo } from './metric-samples.js';
import { RefreshTokenRepo } from './refresh-tokens.js';
import { TradeRequestRepo } from './trade-requests.js';
import { UserRepo } from './users.js';

export class Store {
  private constructor(
    readonly dialect: 'sqlite' | 'postgres',
    readonly users: UserRepo,
    readonly apiKeys: ApiKeyRepo,
    readonly refreshTokens: RefreshTokenRepo,
    readonly settings: KeyValueRepo,
    readonly secrets: KeyValueRepo,
    readonly alerts: AlertRepo,
    readonly metricSamples: MetricSampleRepo,
    readonly engine: KyselyEngineStore,
    readonly tradeRequests: TradeRequestRepo,
    readonly ping: () => Promise<boolean>,
    readonly close: () => Promise<void>,
  ) {}

  static async open(options: StoreOptions, now: () => string): Promise<Store> {
    const { db, dialect, close } = await openDb(options);
    return new Store(
      dialect,
      new UserRepo(db),
      new ApiKeyRepo(db),
      new RefreshTokenRepo(db),
      new KeyValueRepo(db, 'settings'),
      new KeyValueRepo(db, 'secrets'),
      new AlertRepo(db),
      new MetricSampleRepo(db),
      new KyselyEngineStore(db, now),
      new TradeRequestRepo(db),
      () => pingDb(db),
      close,
    );
  }
}
