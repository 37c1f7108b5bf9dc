import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, positiveInt, symbolSchema } from '../args.js';
import { renderBook } from '../output/book.js';
import { out, stdoutIsTty } from '../output/io.js';
import { printJson } from '../output/json.js';
import { printNdjson } from '../output/ndjson.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import { announceReconnects, untilInterrupted } from '../streaming.js';
import type { ConnectionFlags } from '../venues.js';

interface BookFlags extends ConnectionFlags {
  readonly json?: boolean;
  readonly depth?: string;
  readonly watch?: boolean;
  readonly count?: string;
}

export function registerBook(program: Command): void {
  const cmd = program
    .command('book')
    .description('the order book of one market; --watch keeps a live, sequence-checked book on screen')
    .argument('<venue>', 'bybit | bitunix')
    .argument('<symbol>', 'unified (BTC/USDT:USDT) or native (BTCUSDT)')
    .option('--depth <n>', 'levels per side (default 10)')
    .option('-w, --watch', 'live book from the WebSocket, redrawn on every update (Ctrl-C to stop)')
    .option('--count <n>', 'with --watch: stop after n updates')
    .option('--json', 'print JSON (NDJSON with --watch)');
  addConnectionOptions(cmd);
  withExamples(cmd, ['exkit book bybit BTC/USDT:USDT --depth 5', 'exkit book bitunix BTCUSDT --watch']);
  cmd.action(async (venue: string, symbolArg: string, flags: BookFlags) => {
    const o = parseArgs(z.object({ symbol: symbolSchema, depth: positiveInt('a depth', 200).optional(), count: positiveInt('a count').optional() }), {
      symbol: symbolArg,
      depth: flags.depth,
      count: flags.count,
    });
    const depth = o.depth ?? 10;
    await withVenue(venue, flags, {}, async ({ exchange }) => {
      if (flags.watch !== true) {
        const book = await exchange.fetchOrderBook(o.symbol, depth);
        return flags.json === true ? printJson(book) : out(renderBook(book, depth));
      }
      const stop = announceReconnects(exchange);
      const sub = exchange.streams.orderBook(o.symbol, { depth });
      const redraw = stdoutIsTty() && flags.json !== true;
      let n = 0;
      try {
        await untilInterrupted(async (signal) => {
          for await (const book of sub) {
            if (signal.aborted) break;
            if (flags.json === true) printNdjson(book);
            // On a terminal the book is redrawn in place; piped, each update is appended.
            else out(`${redraw ? '\x1b[H\x1b[2J' : ''}${renderBook(book, depth)}`);
            n += 1;
            if (o.count !== undefined && n >= o.count) break;
          }
        }, () => sub.close());
      } finally {
        stop();
        await sub.close();
      }
    });
  });
}
