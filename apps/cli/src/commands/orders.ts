import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, positiveInt, symbolSchema, timeSchema } from '../args.js';
import { printJson } from '../output/json.js';
import { printOrders } from '../output/orders.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import type { ConnectionFlags } from '../venues.js';

/** `exkit orders`: open or terminal orders (credentials required). */
export function registerOrders(program: Command): void {
  const orders = program
    .command('orders')
    .description('open orders (or, with --history, terminal ones)')
    .argument('<venue>', 'bybit | bitunix')
    .argument('[symbol]', 'only this market')
    .option('--history', 'filled, canceled and expired orders instead of open ones')
    .option('--since <time>', 'with --history: from (epoch ms, ISO date, or 6h/2d back)')
    .option('--limit <n>', 'with --history: at most n')
    .option('--json', 'print JSON');
  addConnectionOptions(orders);
  withExamples(orders, ['exkit orders bybit --env testnet', 'exkit orders bybit BTC/USDT:USDT --history --since 2d']);
  orders.action(async (venue: string, symbolArg: string | undefined, flags: ConnectionFlags & { json?: boolean } & { history?: boolean; since?: string; limit?: string }) => {
    const o = parseArgs(z.object({ symbol: symbolSchema.optional(), since: timeSchema.optional(), limit: positiveInt('a count', 1000).optional() }), {
      symbol: symbolArg,
      since: flags.since,
      limit: flags.limit,
    });
    await withVenue(venue, flags, { credentials: 'require' }, async ({ exchange }) => {
      const list =
        flags.history === true
          ? await exchange.fetchOrderHistory(o.symbol, { ...(o.since !== undefined && { since: o.since }), ...(o.limit !== undefined && { limit: o.limit }) })
          : await exchange.fetchOpenOrders(o.symbol);
      if (flags.json === true) return printJson(list);
      printOrders(list);
    });
  });
}
