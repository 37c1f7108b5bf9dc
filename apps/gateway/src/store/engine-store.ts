// EngineStore (contracts/engine.ts) on Kysely: engine state, command journal, strategies, trade journal.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CommandRequest, EngineState, EngineStore, JournalEntry, StrategyRecord } from '../contracts/engine.js';
import type { Database, JournalTable, StrategiesTable } from './tables.js';

const toStrategy = (r: StrategiesTable): StrategyRecord => ({
  id: r.id,
  name: r.name,
  type: r.type as StrategyRecord['type'],
  venue: r.venue,
  symbol: r.symbol,
  timeframe: r.timeframe,
  enabled: r.enabled === 1,
  params: JSON.parse(r.params) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toJournal = (r: JournalTable): JournalEntry => ({
  id: r.id,
  at: r.at,
  venue: r.venue,
  strategyId: r.strategy_id,
  clientOrderId: r.client_order_id,
  symbol: r.symbol,
  side: r.side as JournalEntry['side'],
  amount: r.amount,
  price: r.price,
  status: r.status,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

export interface CommandLogEntry {
  readonly at: string;
  readonly command: string;
  readonly parameters: Record<string, unknown>;
  readonly reason: string | null;
  readonly issuedBy: string;
  readonly result: string;
}

export class KyselyEngineStore implements EngineStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  async getEngineState(): Promise<{ state: EngineState; updatedAt: string } | null> {
    const r = await this.db.selectFrom('engine_state').select(['state', 'updated_at']).where('id', '=', 1).executeTakeFirst();
    return r ? { state: r.state as EngineState, updatedAt: r.updated_at } : null;
  }

  async setEngineState(state: EngineState): Promise<void> {
    const at = this.now();
    await this.db
      .insertInto('engine_state')
      .values({ id: 1, state, updated_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ state, updated_at: at }))
      .execute();
  }

  async logCommand(entry: CommandRequest & { readonly at: string; readonly result: string }): Promise<void> {
    await this.db
      .insertInto('command_log')
      .values({
        id: randomUUID(),
        at: entry.at,
        command: entry.command,
        parameters: JSON.stringify(entry.parameters),
        reason: entry.reason ?? null,
        issued_by: entry.issuedBy,
        result: entry.result,
      })
      .execute();
  }

  async listCommands(limit = 100): Promise<CommandLogEntry[]> {
    const rows = await this.db.selectFrom('command_log').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      at: r.at,
      command: r.command,
      parameters: JSON.parse(r.parameters) as Record<string, unknown>,
      reason: r.reason,
      issuedBy: r.issued_by,
      result: r.result,
    }));
  }

  /** The engine's small key/value memory, kept in `settings` under `engine:<key>`. */
  async getEngineValue(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', `engine:${key}`).executeTakeFirst();
    return row ? (JSON.parse(row.value) as string) : null;
  }

  async setEngineValue(key: string, value: string): Promise<void> {
    const at = this.now();
    const text = JSON.stringify(value);
    await this.db
      .insertInto('settings')
      .values({ key: `engine:${key}`, value: text, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: at }))
      .execute();
  }

  async listStrategies(): Promise<StrategyRecord[]> {
    return (await this.db.selectFrom('strategies').selectAll().orderBy('created_at').orderBy('id').execute()).map(toStrategy);
  }

  async getStrategy(id: string): Promise<StrategyRecord | null> {
    const r = await this.db.selectFrom('strategies').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toStrategy(r) : null;
  }

  async saveStrategy(s: StrategyRecord): Promise<void> {
    const row = {
      id: s.id,
      name: s.name,
      type: s.type,
      venue: s.venue,
      symbol: s.symbol,
      timeframe: s.timeframe,
      enabled: s.enabled ? 1 : 0,
      params: JSON.stringify(s.params),
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    };
    const { id: _id, created_at: _c, ...changes } = row;
    await this.db.insertInto('strategies').values(row).onConflict((oc) => oc.column('id').doUpdateSet(changes)).execute();
  }

  async deleteStrategy(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('strategies').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async appendJournal(e: JournalEntry): Promise<void> {
    await this.db
      .insertInto('journal')
      .values({
        id: e.id,
        at: e.at,
        venue: e.venue,
        strategy_id: e.strategyId,
        client_order_id: e.clientOrderId,
        symbol: e.symbol,
        side: e.side,
        amount: e.amount,
        price: e.price,
        status: e.status,
        detail: JSON.stringify(e.detail),
      })
      .execute();
  }

  async listJournal(options: { readonly since?: string; readonly limit?: number }): Promise<JournalEntry[]> {
    let q = this.db.selectFrom('journal').selectAll();
    if (options.since !== undefined) q = q.where('at', '>=', options.since);
    return (await q.orderBy('at').orderBy('id').limit(options.limit ?? 1000).execute()).map(toJournal);
  }
}
