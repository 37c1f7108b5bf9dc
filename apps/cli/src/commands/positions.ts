import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, symbolSchema } from '../args.js';
import { printJson } from '../output/json.js';
import { printTable } from '../output/table.js';
import { cell } from '../output/values.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import type { ConnectionFlags } from '../venues.js';

/** `exkit positions`: open positions (credentials required). */
export function registerPositions(program: Command): void {
  const positions = program.command('positions').description('open positions').argument('<venue>', 'bybit | bitunix').argument('[symbol]', 'only this market').option('--json', 'print JSON');
  addConnectionOptions(positions);
  withExamples(positions, ['exkit positions bybit --env demo', 'exkit positions bybit BTC/USDT:USDT --json']);
  positions.action(async (venue: string, symbolArg: string | undefined, flags: ConnectionFlags & { json?: boolean }) => {
    const { symbol } = parseArgs(z.object({ symbol: symbolSchema.optional() }), { symbol: symbolArg });
    await withVenue(venue, flags, { credentials: 'require' }, async ({ exchange }) => {
      const list = await exchange.fetchPositions(symbol === undefined ? undefined : [symbol]);
      if (flags.json === true) return printJson(list);
      printTable(
        ['symbol', 'side', 'size', 'entry', 'mark', 'liq.', 'unrealized PnL', 'leverage', 'margin mode'],
        list.map((p) => [p.symbol, p.side, cell(p.size), cell(p.entryPrice), cell(p.markPrice), cell(p.liquidationPrice), cell(p.unrealizedPnl), cell(p.leverage), cell(p.marginMode)]),
      );
    });
  });
}
