// An in-memory EngineStore for the engine's own tests (the real one is store/ on Kysely).
import type { CommandRequest, EngineState, EngineStore, JournalEntry, StrategyRecord } from '../../../src/contracts/engine.js';

export class MemoryEngineStore implements EngineStore {
  state: { state: EngineState; updatedAt: string } | null = null;
  readonly commands: Array<CommandRequest & { at: string; result: string }> = [];
  readonly strategies = new Map<string, StrategyRecord>();
  readonly journal: JournalEntry[] = [];
  readonly values = new Map<string, string>();

  async getEngineState(): Promise<{ state: EngineState; updatedAt: string } | null> {
    return this.state;
  }
  async setEngineState(state: EngineState): Promise<void> {
    this.state = { state, updatedAt: new Date().toISOString() };
  }
  async logCommand(entry: CommandRequest & { readonly at: string; readonly result: string }): Promise<void> {
    this.commands.push(entry);
  }
  async listStrategies(): Promise<StrategyRecord[]> {
    return [...this.strategies.values()];
  }
  async getStrategy(id: string): Promise<StrategyRecord | null> {
    return this.strategies.get(id) ?? null;
  }
  async saveStrategy(record: StrategyRecord): Promise<void> {
    this.strategies.set(record.id, record);
  }
  async deleteStrategy(id: string): Promise<boolean> {
    return this.strategies.delete(id);
  }
  async appendJournal(entry: JournalEntry): Promise<void> {
    this.journal.push(entry);
  }
  async listJournal(options: { readonly since?: string; readonly limit?: number }): Promise<JournalEntry[]> {
    const rows = this.journal.filter((e) => options.since === undefined || e.at >= options.since);
    return rows.slice(-(options.limit ?? rows.length));
  }
  async getEngineValue(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }
  async setEngineValue(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}

export function strategy(over: Partial<StrategyRecord> & { params: Record<string, unknown> }): StrategyRecord {
  return {
    id: 'strat-1',
    name: 'BTC crossover',
    type: 'ma_crossover',
    venue: 'bybit-sim',
    symbol: 'BTC/USDT:USDT',
    timeframe: '1m',
    enabled: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}
