// `node dist/server.js`: loads the configuration, starts the gateway, prints its URL, the docs URL and (on the
// first start) the generated admin password once; SIGTERM/SIGINT drain and exit 0.
import { buildGateway } from './app.js';
import { ConfigError, loadConfig } from './config/load.js';
import { DataDirLockedError } from './store/lock.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  const gateway = await buildGateway({ config });
  const url = (await gateway.listen()).replace('[::1]', 'localhost');
  out(`exkit gateway listening on ${url}`);
  out(`  API docs: ${url}/docs (ReDoc: ${url}/redoc, OpenAPI: ${url}/openapi.json)`);
  out(`  store: ${gateway.ctx.store.dialect}${config.redisUrl ? ', redis: on' : ''}; venues: ${config.venues.map((v) => `${v.id} (${v.exchange} ${v.env})`).join(', ')}`);
  if (gateway.bootstrap.generatedPassword !== undefined) {
    // Shown once, never stored in clear and never logged.
    out(`  first start: user "admin" (SUPER_ADMIN) created with password: ${gateway.bootstrap.generatedPassword}`);
    out('  (store it now; it will not be shown again)');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    gateway.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      err('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    gateway.close().then(
      () => process.exit(0),
      (e: unknown) => {
        err(`shutdown failed: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) err(`exkit gateway: ${e.message}`);
  else err(`exkit gateway failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
