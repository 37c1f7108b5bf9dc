import type { Exchange, Subscription, Timeframe } from '@exkit/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, positiveInt, symbolSchema, timeframeSchema } from '../args.js';
import { UsageError } from '../errors.js';
import { eventLine, type StreamName } from '../output/events.js';
import { out } from '../output/io.js';
import { printNdjson } from '../output/ndjson.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import { announceReconnects, untilInterrupted } from '../streaming.js';
import type { ConnectionFlags } from '../venues.js';

const STREAMS = ['ticker', 'book', 'trades', 'candles', 'orders', 'fills', 'positions', 'balances'] as const;
const PUBLIC: ReadonlySet<StreamName> = new Set(['ticker', 'book', 'trades', 'candles']);

interface WatchFlags extends ConnectionFlags {
  readonly ndjson?: boolean;
  readonly timeframe?: string;
  readonly count?: string;
}

function subscribe(exchange: Exchange, stream: StreamName, symbol: string | undefined, timeframe: Timeframe): Subscription<unknown> {
  const s = exchange.streams;
  switch (stream) {
    case 'ticker':
      return s.ticker(symbol as string);
    case 'book':
      return s.orderBook(symbol as string);
    case 'trades':
      return s.trades(symbol as string);
    case 'candles':
      return s.candles(symbol as string, timeframe);
    case 'orders':
      return s.orders(symbol);
    case 'fills':
      return s.fills(symbol);
    case 'positions':
      return s.positions(symbol);
    case 'balances':
      return s.balances();
  }
}

export function registerWatch(program: Command): void {
  const cmd = program
    .command('watch')
    .description('print stream events as they come (human lines or NDJSON); reconnects by itself and says so on stderr')
    .argument('<venue>', 'bybit | bitunix')
    .argument('<stream>', STREAMS.join(' | '))
    .argument('[symbol]', 'market (required for ticker, book, trades, candles)')
    .option('-t, --timeframe <tf>', 'candles: 1m … 1M (default 1m)')
    .option('--ndjson', 'one JSON object per line')
    .option('--count <n>', 'stop after n events');
  addConnectionOptions(cmd);
  withExamples(cmd, [
    'exkit watch bybit ticker BTC/USDT:USDT',
    'exkit watch bitunix trades BTCUSDT --ndjson | jq .price',
    'exkit watch bybit orders --env testnet',
    'exkit watch bybit candles ETH/USDT:USDT -t 5m --count 10',
  ]);
  cmd.action(async (venue: string, streamArg: string, symbolArg: string | undefined, flags: WatchFlags) => {
    const o = parseArgs(
      z.object({
        stream: z.enum(STREAMS, { error: `expected one of ${STREAMS.join(', ')}` }),
        symbol: symbolSchema.optional(),
        timeframe: timeframeSchema.default('1m'),
        count: positiveInt('a count').optional(),
      }),
      { stream: streamArg, symbol: symbolArg, timeframe: flags.timeframe, count: flags.count },
    );
    if (PUBLIC.has(o.stream) && o.symbol === undefined) throw new UsageError(`missing [symbol]: the ${o.stream} stream needs a market, e.g. BTC/USDT:USDT`);
    await withVenue(venue, flags, { credentials: PUBLIC.has(o.stream) ? 'optional' : 'require' }, async ({ exchange }) => {
      const stopAnnouncing = announceReconnects(exchange);
      const sub = subscribe(exchange, o.stream, o.symbol, o.timeframe);
      let n = 0;
      try {
        await untilInterrupted(async (signal) => {
          for await (const item of sub) {
            if (signal.aborted) break;
            if (flags.ndjson === true) printNdjson(item);
            else out(eventLine(o.stream, item));
            n += 1;
            if (o.count !== undefined && n >= o.count) break;
          }
        }, () => sub.close());
      } finally {
        stopAnnouncing();
        await sub.close();
      }
    });
  });
}
