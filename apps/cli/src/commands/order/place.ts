import type { Command } from 'commander';
import { z } from 'zod';
import { decimalText, parseArgs, symbolSchema } from '../../args.js';
import { UsageError } from '../../errors.js';
import { roundToMarket } from '../../orders/round.js';
import { err } from '../../output/io.js';
import { assertConfirmable, confirmTrade } from '../../orders/confirm.js';
import { addConnectionOptions, withExamples } from '../../options.js';
import { withVenue } from '../../run-venue.js';
import { resolveTarget } from '../../venues.js';
import { abort, clientId, marketOf, show, type PlaceFlags } from './shared.js';

/** `exkit order place`: place an order, put on the market's grid with a note. */
export function registerPlace(order: Command): void {
  const place = order
    .command('place')
    .description('place an order: a limit order with --price, a market order without')
    .argument('<venue>', 'bybit | bitunix')
    .argument('<symbol>', 'unified (BTC/USDT:USDT) or native (BTCUSDT)')
    .argument('<side>', 'buy | sell')
    .argument('<amount>', 'size in base units as a decimal, e.g. 0.001 (rounded down to the step)')
    .option('--price <price>', 'limit price (a buy is rounded down, a sell up, to the tick)')
    .option('--type <type>', 'limit | market (default: limit with --price, else market)')
    .option('--tif <tif>', 'gtc | ioc | fok | post_only')
    .option('--reduce-only', 'only reduce a position')
    .option('--client-id <id>', 'your own order id (letters, digits, - and _)')
    .option('--trigger-price <price>', 'make it a conditional order')
    .option('-y, --yes', 'do not ask for confirmation on mainnet')
    .option('--json', 'print JSON');
  addConnectionOptions(place);
  withExamples(place, ['exkit order place bybit BTC/USDT:USDT buy 0.001 --price 50000 --tif post_only --env testnet', 'exkit order place bitunix ETHUSDT sell 0.05 --yes']);
  place.action(async (venue: string, symbolArg: string, sideArg: string, amountArg: string, flags: PlaceFlags) => {
    const o = parseArgs(
      z.object({
        symbol: symbolSchema,
        side: z.enum(['buy', 'sell'], { error: 'expected buy or sell' }),
        amount: decimalText,
        price: decimalText.optional(),
        type: z.enum(['limit', 'market'], { error: 'expected limit or market' }).optional(),
        tif: z.enum(['gtc', 'ioc', 'fok', 'post_only'], { error: 'expected gtc, ioc, fok or post_only' }).optional(),
        clientId: clientId.optional(),
        triggerPrice: decimalText.optional(),
      }),
      { symbol: symbolArg, side: sideArg, amount: amountArg, price: flags.price, type: flags.type, tif: flags.tif, clientId: flags.clientId, triggerPrice: flags.triggerPrice },
    );
    const type = o.type ?? (o.price === undefined ? 'market' : 'limit');
    if (type === 'limit' && o.price === undefined) throw new UsageError('invalid --price: a limit order needs --price');
    if (type === 'market' && o.price !== undefined) throw new UsageError('invalid --price: a market order takes no price (drop --price or use --type limit)');
    assertConfirmable(resolveTarget(venue, flags).target, flags.yes, 'place an order');
    await withVenue(venue, flags, { credentials: 'require' }, async ({ exchange, target }) => {
      const market = await marketOf(exchange, o.symbol);
      const r = roundToMarket(market, o.side, o.amount, o.price);
      for (const n of r.notes) err(`note: ${n}`);
      const trigger = o.triggerPrice === undefined ? undefined : roundToMarket(market, o.side, undefined, o.triggerPrice).price;
      const what = `${o.side} ${r.amount ?? o.amount} ${market.symbol} ${type === 'limit' ? `@ ${r.price ?? ''}` : 'at market'}`;
      if (!(await confirmTrade(target, flags.yes, `place ${what}`))) return abort();
      const placed = await exchange.placeOrder({
        symbol: market.symbol,
        side: o.side,
        type,
        amount: r.amount ?? o.amount,
        ...(r.price !== undefined && { price: r.price }),
        ...(o.tif !== undefined && { timeInForce: o.tif }),
        ...(flags.reduceOnly === true && { reduceOnly: true }),
        ...(o.clientId !== undefined && { clientOrderId: o.clientId }),
        ...(trigger !== undefined && { triggerPrice: trigger }),
      });
      show(placed, flags.json);
    });
  });
}
