import { CommanderError, type Command } from 'commander';
import { describeError, EXIT, ReportedFailure, UsageError } from './errors.js';
import { buildProgram } from './program.js';
import { err } from './output/io.js';

/**
 * Entry of the `exkit` binary. Exit codes: 0 ok, 1 the venue/network/check failed, 2 bad arguments
 * (one line on stderr), 130 interrupted.
 */
async function main(argv: readonly string[]): Promise<number> {
  const program: Command = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      // One line: commander puts its "(Did you mean …?)" on a second one.
      err(`exkit: ${e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')}`);
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      err(`exkit: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof ReportedFailure) return e.exitCode;
    err(`exkit: ${describeError(e)}`);
    return EXIT.failure;
  }
}

const code = await main(process.argv);
// Sockets and timers of a venue client may linger after close; the command is done.
process.exitCode = code;
setImmediate(() => process.exit(code)).unref();
