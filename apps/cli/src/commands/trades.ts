import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, positiveInt, symbolSchema } from '../args.js';
import { printJson } from '../output/json.js';
import { printTable } from '../output/table.js';
import { cell, isoTime } from '../output/values.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import type { ConnectionFlags } from '../venues.js';

export function registerTrades(program: Command): void {
  const cmd = program
    .command('trades')
    .description('the latest public trades of one market')
    .argument('<venue>', 'bybit | bitunix')
    .argument('<symbol>', 'unified (BTC/USDT:USDT) or native (BTCUSDT)')
    .option('--limit <n>', 'how many (default 20)')
    .option('--json', 'print JSON');
  addConnectionOptions(cmd);
  withExamples(cmd, ['exkit trades bybit BTC/USDT:USDT --limit 50']);
  cmd.action(async (venue: string, symbolArg: string, flags: ConnectionFlags & { json?: boolean; limit?: string }) => {
    const o = parseArgs(z.object({ symbol: symbolSchema, limit: positiveInt('a count', 1000).optional() }), { symbol: symbolArg, limit: flags.limit });
    await withVenue(venue, flags, {}, async ({ exchange }) => {
      const trades = await exchange.fetchTrades(o.symbol, { limit: o.limit ?? 20 });
      if (flags.json === true) return printJson(trades);
      printTable(['time', 'side', 'price', 'size', 'id'], trades.map((t) => [isoTime(t.timestamp), t.side, cell(t.price), cell(t.size), t.id]));
    });
  });
}
