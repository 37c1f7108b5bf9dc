import type { Command } from 'commander';
import { out } from '../output/io.js';
import { printJson } from '../output/json.js';
import { printTable } from '../output/table.js';
import { cell } from '../output/values.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import type { ConnectionFlags } from '../venues.js';

export function registerMarkets(program: Command): void {
  const cmd = program
    .command('markets')
    .description('list the venue\'s markets with their grid (tick, step, minimums)')
    .argument('<venue>', 'bybit | bitunix')
    .option('--json', 'print JSON');
  addConnectionOptions(cmd);
  withExamples(cmd, ['exkit markets bybit --env testnet', 'exkit markets bitunix --json | jq \'.[].symbol\'']);
  cmd.action(async (venue: string, flags: ConnectionFlags & { json?: boolean }) => {
    await withVenue(venue, flags, {}, async ({ exchange }) => {
      const markets = await exchange.loadMarkets();
      if (flags.json === true) return printJson(markets);
      printTable(
        ['symbol', 'id', 'type', 'active', 'tick', 'step', 'min amount', 'min notional', 'max lev.'],
        markets.map((m) => [m.symbol, m.id, m.type, cell(m.active), cell(m.tickSize), cell(m.stepSize), cell(m.minAmount), cell(m.minNotional), cell(m.maxLeverage)]),
      );
      out(`${markets.length} markets`);
    });
  });
}
