import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, symbolSchema } from '../../args.js';
import { assertConfirmable, confirmTrade } from '../../orders/confirm.js';
import { addConnectionOptions, withExamples } from '../../options.js';
import { withVenue } from '../../run-venue.js';
import { resolveTarget } from '../../venues.js';
import { abort, refOf, show, type TradeFlags } from './shared.js';

/** `exkit order cancel`: cancel one order. */
export function registerCancel(order: Command): void {
  const cancel = order
    .command('cancel')
    .description('cancel one order')
    .argument('<venue>', 'bybit | bitunix')
    .argument('<symbol>', 'the order\'s market')
    .argument('<id>', 'the venue\'s order id (or your client id with --by-client-id)')
    .option('--by-client-id', '<id> is your client order id')
    .option('-y, --yes', 'do not ask for confirmation on mainnet')
    .option('--json', 'print JSON');
  addConnectionOptions(cancel);
  withExamples(cancel, ['exkit order cancel bybit BTC/USDT:USDT 5f3c… --env testnet', 'exkit order cancel bitunix BTCUSDT my-order-1 --by-client-id --yes']);
  cancel.action(async (venue: string, symbolArg: string, idArg: string, flags: TradeFlags & { byClientId?: boolean }) => {
    const o = parseArgs(z.object({ symbol: symbolSchema, id: z.string().min(1).max(64) }), { symbol: symbolArg, id: idArg });
    assertConfirmable(resolveTarget(venue, flags).target, flags.yes, 'cancel an order');
    await withVenue(venue, flags, { credentials: 'require' }, async ({ exchange, target }) => {
      if (!(await confirmTrade(target, flags.yes, `cancel order ${o.id}`))) return abort();
      const canceled = await exchange.cancelOrder(refOf(o.symbol, o.id, flags.byClientId));
      show(canceled, flags.json);
    });
  });
}
