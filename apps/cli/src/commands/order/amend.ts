import type { Command } from 'commander';
import { z } from 'zod';
import { decimalText, parseArgs, symbolSchema } from '../../args.js';
import { roundToMarket } from '../../orders/round.js';
import { err } from '../../output/io.js';
import { assertConfirmable, confirmTrade } from '../../orders/confirm.js';
import { addConnectionOptions, withExamples } from '../../options.js';
import { withVenue } from '../../run-venue.js';
import { resolveTarget } from '../../venues.js';
import { abort, marketOf, refOf, show, type TradeFlags } from './shared.js';

/** `exkit order amend`: change price and/or amount of an open order. */
export function registerAmend(order: Command): void {
  const amend = order
    .command('amend')
    .description('change the price and/or amount of an open order')
    .argument('<venue>', 'bybit | bitunix')
    .argument('<symbol>', 'the order\'s market')
    .argument('<id>', 'the venue\'s order id (or your client id with --by-client-id)')
    .option('--price <price>', 'new price')
    .option('--amount <amount>', 'new total amount (filled part included)')
    .option('--by-client-id', '<id> is your client order id')
    .option('-y, --yes', 'do not ask for confirmation on mainnet')
    .option('--json', 'print JSON');
  addConnectionOptions(amend);
  withExamples(amend, ['exkit order amend bybit BTC/USDT:USDT 5f3c… --price 50100 --env testnet']);
  amend.action(async (venue: string, symbolArg: string, idArg: string, flags: TradeFlags & { price?: string; amount?: string; byClientId?: boolean }) => {
    const o = parseArgs(
      z
        .object({ symbol: symbolSchema, id: z.string().min(1).max(64), price: decimalText.optional(), amount: decimalText.optional() })
        .refine((v) => v.price !== undefined || v.amount !== undefined, { message: 'nothing to amend: give --price and/or --amount', path: ['price'] }),
      { symbol: symbolArg, id: idArg, price: flags.price, amount: flags.amount },
    );
    assertConfirmable(resolveTarget(venue, flags).target, flags.yes, 'amend an order');
    await withVenue(venue, flags, { credentials: 'require' }, async ({ exchange, target }) => {
      const market = await marketOf(exchange, o.symbol);
      const current = await exchange.fetchOrder(refOf(market.symbol, o.id, flags.byClientId));
      const r = roundToMarket(market, current.side, o.amount, o.price);
      for (const n of r.notes) err(`note: ${n}`);
      if (!(await confirmTrade(target, flags.yes, `amend order ${o.id}`))) return abort();
      const amended = await exchange.amendOrder({
        ...refOf(market.symbol, o.id, flags.byClientId),
        ...(r.price !== undefined && { price: r.price }),
        ...(r.amount !== undefined && { amount: r.amount }),
      });
      show(amended, flags.json);
    });
  });
}
