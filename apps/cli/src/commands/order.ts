import type { Command } from 'commander';
import { withExamples } from '../options.js';
import { registerAmend } from './order/amend.js';
import { registerCancelAll } from './order/cancel-all.js';
import { registerCancel } from './order/cancel.js';
import { registerPlace } from './order/place.js';

/** `order place|amend|cancel|cancel-all`. Sizes and prices are decimal strings, put on the market's grid with a message. */
export function registerOrder(program: Command): void {
  const order = program.command('order').description('place, amend and cancel orders (asks for confirmation on mainnet unless --yes)');
  withExamples(order, [
    'exkit order place bybit BTC/USDT:USDT buy 0.001 --price 50000 --env testnet',
    'exkit order amend bybit BTC/USDT:USDT <order-id> --price 50100 --env testnet',
    'exkit order cancel bybit BTC/USDT:USDT <order-id> --env testnet',
    'exkit order cancel-all bybit --env testnet --yes',
  ]);
  registerPlace(order);
  registerAmend(order);
  registerCancel(order);
  registerCancelAll(order);
}
