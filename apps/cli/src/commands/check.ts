import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, symbolSchema } from '../args.js';
import { runCheck, type CheckReport } from '../check/run.js';
import { MARK } from '../check/types.js';
import { ENV_NAMES } from '../credentials.js';
import { ReportedFailure } from '../errors.js';
import { out } from '../output/io.js';
import { printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { addConnectionOptions, withExamples } from '../options.js';
import { openVenue, resolveTarget, type ConnectionFlags } from '../venues.js';

interface CheckFlags extends ConnectionFlags {
  readonly json?: boolean;
  readonly symbol?: string;
}

export function registerCheck(program: Command): void {
  const cmd = program
    .command('check')
    .description('does it work? public REST, clock skew, public WS, credentials and permissions, private WS, rate limits — one line each')
    .argument('<venue>', 'bybit | bitunix')
    .option('--symbol <symbol>', 'market for the WebSocket and permission probes (default BTC/USDT:USDT)')
    .option('--json', 'print the report as JSON');
  addConnectionOptions(cmd);
  withExamples(cmd, [
    'exkit check bybit --env sim            # runs anywhere: starts a local simulator',
    'BYBIT_API_KEY=… BYBIT_API_SECRET=… exkit check bybit --env testnet',
    'exkit check bitunix --profile main --json',
  ]);
  cmd.action(async (venue: string, flags: CheckFlags) => {
    const t = resolveTarget(venue, flags);
    const o = parseArgs(z.object({ symbol: symbolSchema.optional() }), { symbol: flags.symbol });
    const handle = await openVenue(venue, flags);
    let result: CheckReport;
    try {
      const names = ENV_NAMES[handle.venue];
      result = await runCheck(handle, {
        timeoutMs: t.timeoutMs,
        ...(o.symbol !== undefined && { symbol: o.symbol }),
        credentialHint: `set ${names.apiKey}/${names.apiSecret}, --profile or --api-key/--api-secret`,
      });
    } finally {
      await handle.close();
    }
    if (flags.json === true) printJson(result);
    else printReport(result);
    if (!result.ok) throw new ReportedFailure(1);
  });
}

function printReport(r: CheckReport): void {
  const rows = r.checks.map((c) => [MARK[c.status], c.name, c.detail, c.latencyMs === undefined ? '' : `${c.latencyMs} ms`]);
  out(`exkit check ${r.venue} (${r.env})`);
  out(renderTable(['', 'check', 'result', 'time'], rows, 2));
  const failed = r.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.name);
  out(r.ok ? '✓ all required checks passed' : `✗ FAILED: ${failed.join(', ')}`);
}
