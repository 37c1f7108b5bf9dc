import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, symbolSchema } from '../../args.js';
import { out } from '../../output/io.js';
import { printJson } from '../../output/json.js';
import { assertConfirmable, confirmTrade } from '../../orders/confirm.js';
import { addConnectionOptions, withExamples } from '../../options.js';
import { withVenue } from '../../run-venue.js';
import { resolveTarget } from '../../venues.js';
import { abort, type TradeFlags } from './shared.js';

/** `exkit order cancel-all`: cancel every open order, on one market or everywhere. */
export function registerCancelAll(order: Command): void {
  const cancelAll = order
    .command('cancel-all')
    .description('cancel every open order (conditional ones included), on one market or everywhere')
    .argument('<venue>', 'bybit | bitunix')
    .argument('[symbol]', 'only this market')
    .option('-y, --yes', 'do not ask for confirmation on mainnet')
    .option('--json', 'print JSON');
  addConnectionOptions(cancelAll);
  withExamples(cancelAll, ['exkit order cancel-all bybit BTC/USDT:USDT --env testnet']);
  cancelAll.action(async (venue: string, symbolArg: string | undefined, flags: TradeFlags) => {
    const { symbol } = parseArgs(z.object({ symbol: symbolSchema.optional() }), { symbol: symbolArg });
    assertConfirmable(resolveTarget(venue, flags).target, flags.yes, 'cancel all orders');
    await withVenue(venue, flags, { credentials: 'require' }, async ({ exchange, target }) => {
      if (!(await confirmTrade(target, flags.yes, `cancel all orders${symbol === undefined ? '' : ` on ${symbol}`}`))) return abort();
      const ids = await exchange.cancelAllOrders(symbol);
      if (flags.json === true) return printJson({ canceled: ids });
      out(ids.length === 0 ? 'no open orders' : `canceled ${ids.length}: ${ids.join(', ')}`);
    });
  });
}
