import { writeFile } from 'node:fs/promises';
import { timeframeOpen } from '@exkit/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, positiveInt, symbolSchema, timeframeSchema, timeSchema, venueSchema } from '../args.js';
import { defaultCacheDir, openCache, readCovered } from '../candles/cache.js';
import { UsageError } from '../errors.js';
import { renderCandles } from '../output/candles.js';
import { err, out } from '../output/io.js';
import { progressBar } from '../output/progress.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { withVenue } from '../run-venue.js';
import type { ConnectionFlags } from '../venues.js';

interface CandleFlags extends ConnectionFlags {
  readonly timeframe?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
  readonly format?: string;
  readonly output?: string;
  readonly cacheDir?: string;
  readonly cache?: boolean;
}

export function registerCandles(program: Command): void {
  const cmd = program
    .command('candles')
    .description('download a candle range (with a progress bar) through the on-disk cache; CSV, JSON or a table')
    .argument('<venue>', 'bybit | bitunix')
    .argument('<symbol>', 'unified (BTC/USDT:USDT; cache hits need no request at all) or native (BTCUSDT)')
    .option('-t, --timeframe <tf>', '1m 3m 5m 15m 30m 1h 2h 4h 6h 12h 1d 1w 1M (default 1h)')
    .option('--since <time>', 'start: epoch ms, ISO date, or a span back from now (90m, 6h, 2d)')
    .option('--until <time>', 'end (exclusive; default now, closed candles only)')
    .option('--limit <n>', 'at most n candles (the newest n when --since is not given; default 200)')
    .option('-f, --format <format>', 'csv | json | table (default csv)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--cache-dir <dir>', 'candle cache directory (default ~/.cache/exkit/candles, or EXKIT_CACHE_DIR)')
    .option('--no-cache', 'bypass the cache');
  addConnectionOptions(cmd);
  withExamples(cmd, [
    'exkit candles bybit BTC/USDT:USDT -t 1h --since 30d -o btc-1h.csv',
    'exkit candles bitunix ETH/USDT:USDT -t 1m --since 2026-01-01 --until 2026-01-02 -f json',
  ]);
  cmd.action(async (venueArg: string, symbolArg: string, flags: CandleFlags) => {
    const o = parseArgs(
      z.object({
        venue: venueSchema,
        symbol: symbolSchema,
        timeframe: timeframeSchema.default('1h'),
        since: timeSchema.optional(),
        until: timeSchema.optional(),
        limit: positiveInt('a count', 100_000).optional(),
        format: z.enum(['csv', 'json', 'table'], { error: 'expected csv, json or table' }).default('csv'),
      }),
      { venue: venueArg, symbol: symbolArg, timeframe: flags.timeframe, since: flags.since, until: flags.until, limit: flags.limit, format: flags.format },
    );
    // Bounds snap to interval opens, so "--since 6h" names the same candles for the whole interval (and the cache sees the same range).
    const since = o.since === undefined ? undefined : timeframeOpen(o.since, o.timeframe);
    const until = o.until === undefined ? undefined : timeframeOpen(o.until, o.timeframe);
    if (since !== undefined && until !== undefined && until <= since) throw new UsageError('invalid --until: must be at least one interval after --since');
    const cache = flags.cache === false ? undefined : openCache(flags.cacheDir ?? defaultCacheDir());
    const emit = async (text: string): Promise<void> => {
      if (flags.output === undefined) out(text);
      else await writeFile(flags.output, `${text}\n`, 'utf8');
    };

    if (cache !== undefined && since !== undefined) {
      const hit = await readCovered(cache, { exchange: o.venue, symbol: o.symbol, timeframe: o.timeframe, since, ...(until !== undefined && { until }), now: Date.now() });
      if (hit !== undefined) {
        const candles = o.limit === undefined ? hit : hit.slice(0, o.limit);
        await emit(renderCandles(candles, o.format));
        err(`${candles.length} candles, all from the cache (${cache.directory})`);
        return;
      }
    }
    await withVenue(venueArg, flags, cache === undefined ? {} : { candleCache: cache }, async ({ exchange }) => {
      const bar = progressBar(`${o.symbol} ${o.timeframe}`);
      try {
        const candles = await exchange.fetchCandles(o.symbol, o.timeframe, {
          ...(since !== undefined && { since }),
          ...(until !== undefined && { until }),
          ...(o.limit !== undefined ? { limit: o.limit } : since === undefined ? { limit: 200 } : {}),
          onProgress: (p) => {
            // With --since the range is known; without it only the count is.
            if (since === undefined) bar.update(p.fetched, o.limit ?? 200, p.fetched);
            else bar.update(Math.max(0, p.cursor - since), Math.max(1, p.until - since), p.fetched);
          },
        });
        bar.stop();
        await emit(renderCandles(candles, o.format));
        err(`${candles.length} candles${cache === undefined ? '' : ` (cache: ${cache.directory})`}`);
      } finally {
        bar.stop();
      }
    });
  });
}
