import { Option, type Command } from 'commander';

/** Flags shared by every command that talks to a venue. */
export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--env <env>', 'sim | testnet | demo | mainnet (default mainnet; sim starts a local simulator)').env('EXKIT_ENV'))
    .option('--rest-url <url>', 'custom REST base URL (a proxy, a simulator); needs --ws-public-url and --ws-private-url')
    .option('--ws-public-url <url>', 'custom public WebSocket URL (bybit: …/v5/public or …/v5/public/linear)')
    .option('--ws-private-url <url>', 'custom private WebSocket URL')
    .option('--ws-trade-url <url>', 'custom order-entry WebSocket URL (bybit only, optional)')
    .option('--profile <name>', 'credentials from this profile of the profile file')
    .addOption(new Option('--profile-file <path>', 'profile file (default ~/.config/exkit/credentials.json; must be chmod 600)').env('EXKIT_PROFILE_FILE'))
    .option('--api-key <key>', 'API key (prefer the environment variables: flags show in the process list)')
    .option('--api-secret <secret>', 'API secret (prefer the environment variables)')
    .option('--timeout <ms>', 'per-request timeout in ms (default 10000)')
    .option('-v, --verbose', 'log the adapter\'s requests and events on stderr (secrets redacted)');
}

/** Appends an "Examples:" block to a command's help. */
export function withExamples(cmd: Command, examples: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}
