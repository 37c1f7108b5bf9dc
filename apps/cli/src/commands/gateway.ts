import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, positiveInt } from '../args.js';
import { gatewayClient, type GatewayFlags } from '../gateway/client.js';
import { err, out } from '../output/io.js';
import { printJson } from '../output/json.js';
import { printTable } from '../output/table.js';
import { withExamples } from '../options.js';

interface JsonFlags extends GatewayFlags {
  readonly json?: boolean;
}

function addGatewayOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'gateway base URL (or EXKIT_GATEWAY_URL)')
    .option('--token <token>', 'JWT or API key, sent as Bearer (or EXKIT_GATEWAY_TOKEN; prefer the variable)')
    .option('--timeout <ms>', 'request timeout in ms (default 10000)')
    .option('--json', 'print the gateway\'s JSON answer');
}

/** Flattens an answer into key/value rows (nested objects as dotted keys) for a quick read. */
function flatten(value: unknown, prefix = ''): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[prefix, Array.isArray(value) ? JSON.stringify(value) : String(value)]];
  return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix === '' ? k : `${prefix}.${k}`));
}

const keySchema = z
  .object({
    key_id: z.union([z.string(), z.number()]),
    name: z.string().optional(),
    permissions: z.union([z.array(z.string()), z.string()]).optional(),
    rate_limit: z.union([z.number(), z.string()]).nullable().optional(),
    created_at: z.string().nullable().optional(),
    last_used: z.string().nullable().optional(),
    expires_at: z.string().nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .loose();
// apps/gateway answers `{ api_keys: [...] }` (routes/api-keys.ts); a bare array is accepted too.
const keyListSchema = z.union([z.array(keySchema), z.object({ api_keys: z.array(keySchema) }).loose()]);

/** `exkit gateway status|command|keys`: the gateway's control API (reference gateway-api.md). */
export function registerGateway(program: Command): void {
  const gateway = program.command('gateway').description('talk to a running exkit gateway: status, engine commands, API keys (URL and token from flags or env)');
  withExamples(gateway, [
    'exkit gateway status --url http://localhost:8000   # token from EXKIT_GATEWAY_TOKEN',
    'exkit gateway command pause --reason "exchange maintenance"',
    'exkit gateway keys list',
  ]);

  const status = addGatewayOptions(gateway.command('status').description('GET /status: system, trading bot, exchanges, performance'));
  withExamples(status, ['exkit gateway status --url http://localhost:8000', 'exkit gateway status --json | jq .exchange']);
  status.action(async (flags: JsonFlags) => {
    const body = await gatewayClient(flags).request('GET', '/status');
    if (flags.json === true) return printJson(body);
    printTable(['field', 'value'], flatten(body));
  });

  const command = addGatewayOptions(
    gateway
      .command('command')
      .description('POST /system/command: start | stop | pause | resume | restart the trading engine (journaled with your reason)')
      .argument('<command>', 'start | stop | pause | resume | restart')
      .requiredOption('--reason <text>', 'why (recorded in the journal)')
      .option('--close-positions', 'with stop: also close open positions'),
  );
  withExamples(command, ['exkit gateway command pause --reason "news in 5 min"', 'exkit gateway command stop --reason "end of day" --close-positions']);
  command.action(async (cmdArg: string, flags: JsonFlags & { reason: string; closePositions?: boolean }) => {
    const o = parseArgs(
      z.object({ command: z.enum(['start', 'stop', 'pause', 'resume', 'restart'], { error: 'expected start, stop, pause, resume or restart' }), reason: z.string().trim().min(1, 'give a reason').max(500) }),
      { command: cmdArg, reason: flags.reason },
    );
    const body = await gatewayClient(flags).request('POST', '/system/command', {
      command: o.command,
      parameters: flags.closePositions === true ? { close_positions: true } : {},
      reason: o.reason,
    });
    if (flags.json === true) return printJson(body);
    printTable(['field', 'value'], flatten(body));
  });

  const keys = gateway.command('keys').description('the gateway\'s service API keys (ADMIN to list, SUPER_ADMIN to create and revoke)');
  withExamples(keys, ['exkit gateway keys list', 'exkit gateway keys create --name bot --permissions READ_ONLY', 'exkit gateway keys revoke k_123']);

  const list = addGatewayOptions(keys.command('list').description('GET /api/keys (never shows a key)'));
  withExamples(list, ['exkit gateway keys list --json']);
  list.action(async (flags: JsonFlags) => {
    const body = await gatewayClient(flags).request('GET', '/api/keys');
    if (flags.json === true) return printJson(body);
    const parsed = keyListSchema.parse(body);
    const rows = Array.isArray(parsed) ? parsed : parsed.api_keys;
    printTable(
      ['key id', 'name', 'permissions', 'rate/h', 'created', 'last used', 'expires', 'enabled'],
      rows.map((k) => [String(k.key_id), k.name ?? '-', Array.isArray(k.permissions) ? k.permissions.join(',') : (k.permissions ?? '-'), String(k.rate_limit ?? '-'), k.created_at ?? '-', k.last_used ?? '-', k.expires_at ?? '-', k.enabled === undefined ? '-' : k.enabled ? 'yes' : 'no']),
    );
  });

  const create = addGatewayOptions(
    keys
      .command('create')
      .description('POST /api/keys: the new key is shown once, here, and never again')
      .requiredOption('--name <name>', 'what the key is for')
      .option('--permissions <roles>', 'READ_ONLY | CONTROL | ADMIN | SUPER_ADMIN, comma-separated (default READ_ONLY)')
      .option('--rate-limit <n>', 'requests per hour')
      .option('--expires-days <n>', 'days until it expires'),
  );
  withExamples(create, ['exkit gateway keys create --name grafana --permissions READ_ONLY --expires-days 90']);
  create.action(async (flags: JsonFlags & { name: string; permissions?: string; rateLimit?: string; expiresDays?: string }) => {
    const o = parseArgs(
      z.object({
        name: z.string().trim().min(1).max(100),
        permissions: z
          .string()
          .regex(/^(READ_ONLY|CONTROL|ADMIN|SUPER_ADMIN)(,(READ_ONLY|CONTROL|ADMIN|SUPER_ADMIN))*$/, 'expected READ_ONLY, CONTROL, ADMIN or SUPER_ADMIN (comma-separated for several)')
          .default('READ_ONLY'),
        rateLimit: positiveInt('requests per hour').optional(),
        expiresDays: positiveInt('days', 3650).optional(),
      }),
      { name: flags.name, permissions: flags.permissions, rateLimit: flags.rateLimit, expiresDays: flags.expiresDays },
    );
    const q = new URLSearchParams({ name: o.name, permissions: o.permissions });
    if (o.rateLimit !== undefined) q.set('rate_limit', String(o.rateLimit));
    if (o.expiresDays !== undefined) q.set('expires_days', String(o.expiresDays));
    const body = await gatewayClient(flags).request('POST', `/api/keys?${q.toString()}`);
    // Deliberately printed: the gateway stores only a hash, this is the one chance to copy the key.
    if (flags.json === true) return printJson(body);
    printTable(['field', 'value'], flatten(body));
    err('store the api_key now: the gateway keeps only its hash and will not show it again');
  });

  const revoke = addGatewayOptions(keys.command('revoke').description('DELETE /api/keys/{key_id}: revoked at once on every gateway instance').argument('<keyId>', 'the key id from `keys list`'));
  withExamples(revoke, ['exkit gateway keys revoke k_123']);
  revoke.action(async (keyArg: string, flags: JsonFlags) => {
    const { keyId } = parseArgs(z.object({ keyId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a key id') }), { keyId: keyArg });
    const body = await gatewayClient(flags).request('DELETE', `/api/keys/${encodeURIComponent(keyId)}`);
    if (flags.json === true) return printJson(body ?? { revoked: keyId });
    out(`revoked ${keyId}`);
  });
}
