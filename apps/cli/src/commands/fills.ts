import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, positiveInt, symbolSchema, timeSchema } from '../args.js';
import { printJson } from '../output/json.js';
import { printFills } from '../output/orders.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import type { ConnectionFlags } from '../venues.js';

/** `exkit fills`: your executions (credentials required). */
export function registerFills(program: Command): void {
  const fills = program
    .command('fills')
    .description('your executions (trades), oldest first')
    .argument('<venue>', 'bybit | bitunix')
    .argument('[symbol]', 'only this market')
    .option('--since <time>', 'from (epoch ms, ISO date, or 6h/2d back)')
    .option('--limit <n>', 'at most n')
    .option('--json', 'print JSON');
  addConnectionOptions(fills);
  withExamples(fills, ['exkit fills bybit BTC/USDT:USDT --since 1d']);
  fills.action(async (venue: string, symbolArg: string | undefined, flags: ConnectionFlags & { json?: boolean } & { since?: string; limit?: string }) => {
    const o = parseArgs(z.object({ symbol: symbolSchema.optional(), since: timeSchema.optional(), limit: positiveInt('a count', 1000).optional() }), {
      symbol: symbolArg,
      since: flags.since,
      limit: flags.limit,
    });
    await withVenue(venue, flags, { credentials: 'require' }, async ({ exchange }) => {
      const list = await exchange.fetchFills(o.symbol, { ...(o.since !== undefined && { since: o.since }), ...(o.limit !== undefined && { limit: o.limit }) });
      if (flags.json === true) return printJson(list);
      printFills(list);
    });
  });
}
