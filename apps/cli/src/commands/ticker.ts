import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, symbolSchema } from '../args.js';
import { printJson } from '../output/json.js';
import { printTable } from '../output/table.js';
import { cell, isoTime } from '../output/values.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import type { ConnectionFlags } from '../venues.js';

export function registerTicker(program: Command): void {
  const cmd = program
    .command('ticker')
    .description('best bid/ask, last price and 24 h figures of one market')
    .argument('<venue>', 'bybit | bitunix')
    .argument('<symbol>', 'unified (BTC/USDT:USDT) or native (BTCUSDT)')
    .option('--json', 'print JSON');
  addConnectionOptions(cmd);
  withExamples(cmd, ['exkit ticker bybit BTC/USDT:USDT', 'exkit ticker bitunix ETHUSDT --json']);
  cmd.action(async (venue: string, symbolArg: string, flags: ConnectionFlags & { json?: boolean }) => {
    const { symbol } = parseArgs(z.object({ symbol: symbolSchema }), { symbol: symbolArg });
    await withVenue(venue, flags, {}, async ({ exchange }) => {
      const t = await exchange.fetchTicker(symbol);
      if (flags.json === true) return printJson(t);
      printTable(
        ['field', 'value'],
        [
          ['symbol', t.symbol],
          ['time', isoTime(t.timestamp)],
          ['bid', `${cell(t.bid)} × ${cell(t.bidSize)}`],
          ['ask', `${cell(t.ask)} × ${cell(t.askSize)}`],
          ['last', cell(t.last)],
          ['mark / index', `${cell(t.markPrice)} / ${cell(t.indexPrice)}`],
          ['24 h open / high / low', `${cell(t.open24h)} / ${cell(t.high24h)} / ${cell(t.low24h)}`],
          ['24 h volume (base / quote)', `${cell(t.baseVolume24h)} / ${cell(t.quoteVolume24h)}`],
          ['funding rate', cell(t.fundingRate)],
        ],
      );
    });
  });
}
