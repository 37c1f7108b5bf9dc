import { Command } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerSim } from './commands/sim.js';
import { registerBook } from './commands/book.js';
import { registerCandles } from './commands/candles.js';
import { registerMarkets } from './commands/markets.js';
import { registerTicker } from './commands/ticker.js';
import { registerTrades } from './commands/trades.js';
import { registerBalance } from './commands/balance.js';
import { registerFills } from './commands/fills.js';
import { registerOrders } from './commands/orders.js';
import { registerPositions } from './commands/positions.js';
import { registerOrder } from './commands/order.js';
import { registerWatch } from './commands/watch.js';
import { registerGateway } from './commands/gateway.js';
import { withExamples } from './options.js';

/** The whole command tree. Every subcommand is created through `.command()` so it inherits the error handling set here. */
export function buildProgram(): Command {
  const program = new Command('exkit')
    .description('exkit: connectivity checks, market data, orders and streams on bybit and bitunix, and local simulators')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true);
  withExamples(program, [
    'exkit check bybit --env sim',
    'exkit ticker bybit BTC/USDT:USDT --env testnet',
    'exkit candles bybit BTC/USDT:USDT --timeframe 1h --since 7d --format csv > btc.csv',
    'exkit order place bybit BTC/USDT:USDT buy 0.001 --price 50000 --env testnet',
    'exkit watch bitunix trades BTC/USDT:USDT --ndjson',
    'exkit sim bybit --port 8080',
  ]);
  registerCheck(program);
  registerSim(program);
  registerMarkets(program);
  registerTicker(program);
  registerBook(program);
  registerCandles(program);
  registerTrades(program);
  registerBalance(program);
  registerPositions(program);
  registerOrders(program);
  registerFills(program);
  registerOrder(program);
  registerWatch(program);
  registerGateway(program);
  return program;
}
