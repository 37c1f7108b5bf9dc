import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exkit, transcript } from './helpers/run.js';

/** Each case: argv → the start of the one-line error. None of them reaches a venue (mainnet would not answer here anyway). */
const BAD: ReadonlyArray<readonly [string[], RegExp]> = [
  [['check', 'kraken'], /^exkit: invalid <venue>: expected bybit or bitunix$/],
  [['check', 'bybit', '--env', 'prod'], /^exkit: invalid --env: expected sim, testnet, demo or mainnet$/],
  [['check', 'bitunix', '--env', 'testnet'], /^exkit: bitunix has no testnet environment/],
  [['check', 'bybit', '--timeout', '5s'], /^exkit: invalid --timeout: expected milliseconds/],
  [['check', 'bybit', '--rest-url', 'ftp://x'], /^exkit: invalid --rest-url: expected an http/],
  [['check', 'bybit', '--rest-url', 'http://127.0.0.1:9'], /^exkit: custom URLs need --rest-url, --ws-public-url and --ws-private-url together$/],
  [['check', 'bybit', '--frobnicate'], /^exkit: unknown option '--frobnicate'$/],
  [['chekc', 'bybit'], /^exkit: unknown command 'chekc'/],
  [['ticker', 'bybit'], /^exkit: missing required argument 'symbol'$/],
  [['ticker', 'bybit', 'BTC USDT'], /^exkit: invalid <symbol>: expected a symbol/],
  [['order', 'place', 'bybit', 'BTC/USDT:USDT', 'hold', '1'], /^exkit: invalid <side>: expected buy or sell$/],
  [['order', 'place', 'bybit', 'BTC/USDT:USDT', 'buy', '1e-3'], /^exkit: invalid <amount>: expected a plain positive decimal/],
  [['order', 'place', 'bybit', 'BTC/USDT:USDT', 'buy', '0.1', '--price', '-5'], /^exkit: invalid --price: expected a plain positive decimal/],
  [['order', 'place', 'bybit', 'BTC/USDT:USDT', 'buy', '0.1', '--type', 'limit'], /^exkit: invalid --price: a limit order needs --price$/],
  [['order', 'amend', 'bybit', 'BTC/USDT:USDT', '123'], /^exkit: invalid --price: nothing to amend/],
  [['candles', 'bybit', 'BTC/USDT:USDT', '-t', '7m'], /^exkit: invalid --timeframe: /],
  [['candles', 'bybit', 'BTC/USDT:USDT', '--since', 'yesterday'], /^exkit: invalid --since: expected epoch ms/],
  [['candles', 'bybit', 'BTC/USDT:USDT', '-f', 'xml'], /^exkit: invalid --format: expected csv, json or table$/],
  [['watch', 'bybit', 'klines', 'BTCUSDT'], /^exkit: invalid <stream>: expected one of ticker/],
  [['watch', 'bybit', 'ticker'], /^exkit: missing \[symbol\]: the ticker stream needs a market/],
  [['sim', 'bybit', '--port', '70000'], /^exkit: invalid --port: expected a port 0–65535$/],
  [['balance', 'bybit', '--api-key', 'only-the-key-123456'], /^exkit: give both --api-key and --api-secret/],
  // Mainnet trading without --yes and without a terminal: refused before any connection.
  [['order', 'place', 'bybit', 'BTC/USDT:USDT', 'buy', '0.001', '--price', '1000'], /^exkit: refusing to place an order on mainnet without --yes \(no terminal to confirm on\)$/],
  [['order', 'cancel-all', 'bitunix', '--env', 'mainnet'], /^exkit: refusing to cancel all orders on mainnet without --yes/],
];

describe('bad arguments: one line on stderr, exit 2, nothing on stdout', () => {
  for (const [argv, expected] of BAD) {
    it(argv.join(' '), async () => {
      const r = await exkit(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(expected);
    });
  }
});

describe('credentials from a profile file', () => {
  let dir: string;
  const secret = 'profile-secret-abcdef0123456789';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exkit-cli-profile-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    expect(transcript.join('\n')).not.toContain(secret);
  });

  it('refuses a group/world-readable file, saying how to fix it', async () => {
    const file = join(dir, 'open.json');
    await writeFile(file, JSON.stringify({ main: { apiKey: 'profile-key-0123456789', apiSecret: secret } }));
    await chmod(file, 0o644);
    const r = await exkit(['balance', 'bybit', '--profile', 'main', '--profile-file', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`exkit: refusing profile file ${file}: readable by group or others (mode 644); run chmod 600 ${file}`);
  });

  it('refuses a profile made for the other venue, and a missing profile', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(file, JSON.stringify({ main: { apiKey: 'profile-key-0123456789', apiSecret: secret, venue: 'bitunix' } }));
    await chmod(file, 0o600);
    const wrongVenue = await exkit(['balance', 'bybit', '--profile', 'main', '--profile-file', file]);
    expect(wrongVenue.code).toBe(2);
    expect(wrongVenue.stderr.trim()).toBe('exkit: profile main is for bitunix, not bybit');
    const missing = await exkit(['balance', 'bybit', '--profile', 'other', '--profile-file', file]);
    expect(missing.stderr.trim()).toBe(`exkit: profile other not found in ${file}`);
  });
});

describe('help through the binary', () => {
  it('exkit --help and a subcommand\'s --help print usage with examples, exit 0', async () => {
    for (const argv of [['--help'], ['order', 'place', '--help']]) {
      const r = await exkit(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: exkit/);
      expect(r.stdout).toMatch(/Examples:\n {2}\$ exkit /);
    }
  });
});
