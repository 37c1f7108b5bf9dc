import type { Command } from 'commander';
import { printJson } from '../output/json.js';
import { printTable } from '../output/table.js';
import { cell } from '../output/values.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import type { ConnectionFlags } from '../venues.js';

/** `exkit balance`: balances per currency (credentials required). */
export function registerBalance(program: Command): void {
  const balance = program.command('balance').description('balances per currency (free, used, total)').argument('<venue>', 'bybit | bitunix').option('--json', 'print JSON');
  addConnectionOptions(balance);
  withExamples(balance, ['exkit balance bybit --env testnet', 'exkit balance bitunix --profile main --json']);
  balance.action(async (venue: string, flags: ConnectionFlags & { json?: boolean }) => {
    await withVenue(venue, flags, { credentials: 'require' }, async ({ exchange }) => {
      const balances = await exchange.fetchBalances();
      if (flags.json === true) return printJson(balances);
      printTable(['currency', 'free', 'used', 'total'], balances.map((b) => [b.currency, cell(b.free), cell(b.used), cell(b.total)]));
    });
  });
}
