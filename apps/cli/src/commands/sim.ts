import type { Command } from 'commander';
import { z } from 'zod';
import { parseArgs, venueSchema } from '../args.js';
import { err } from '../output/io.js';
import { withExamples } from '../options.js';
import { startSim } from '../venues.js';

export function registerSim(program: Command): void {
  const cmd = program
    .command('sim')
    .description('run a venue simulator on 127.0.0.1 in the foreground; prints one JSON line with its URLs and key, serves until Ctrl-C')
    .argument('<venue>', 'bybit | bitunix')
    .option('--port <port>', 'port to listen on (default: any free port)')
    .option('--seed <seed>', 'seed of the simulated market (same seed, same prices)');
  withExamples(cmd, [
    'exkit sim bybit --port 8080',
    'exkit sim bitunix --seed demo > sim.json &   # then: exkit check bitunix --rest-url "$(jq -r .restUrl sim.json)" …',
  ]);
  cmd.action(async (venue: string, flags: { port?: string; seed?: string }) => {
    const o = parseArgs(
      z.object({
        venue: venueSchema,
        port: z
          .string()
          .regex(/^\d+$/, 'expected a port number')
          .transform(Number)
          .refine((n) => n >= 0 && n <= 65_535, 'expected a port 0–65535')
          .optional(),
        seed: z.string().min(1).max(64).optional(),
      }),
      { venue, ...flags },
    );
    const sim = await startSim(o.venue, { ...(o.port !== undefined && { port: o.port }), ...(o.seed !== undefined && { seed: o.seed }), printKeys: true });
    const line = {
      restUrl: sim.restUrl,
      wsPublicUrl: sim.wsPublicUrl,
      wsPrivateUrl: sim.wsPrivateUrl,
      ...(sim.wsTradeUrl !== undefined && { wsTradeUrl: sim.wsTradeUrl }),
      apiKey: sim.apiKey,
      apiSecret: sim.apiSecret,
    };
    // Raw write: the simulator's throwaway key is the point of this line (the redacting writer would hide it).
    process.stdout.write(`${JSON.stringify(line)}\n`);
    err(`${o.venue} simulator listening on ${sim.restUrl} — Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await sim.close();
    err('simulator stopped');
  });
}
