import { createInterface } from 'node:readline/promises';
import { UsageError } from '../errors.js';
import type { Target } from '../venues.js';

/** Checked before connecting: a mainnet trade without --yes and without a terminal is refused at once, nothing sent. */
export function assertConfirmable(target: Target, yes: boolean | undefined, what: string): void {
  if (target === 'mainnet' && yes !== true && process.stdin.isTTY !== true) throw new UsageError(`refusing to ${what} on mainnet without --yes (no terminal to confirm on)`);
}

/** On mainnet, trading commands ask first unless `--yes`; without a terminal to ask, they refuse. */
export async function confirmTrade(target: Target, yes: boolean | undefined, what: string): Promise<boolean> {
  if (target !== 'mainnet' || yes === true) return true;
  if (process.stdin.isTTY !== true) throw new UsageError(`refusing to ${what} on mainnet without --yes (no terminal to confirm on)`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${what} on MAINNET — real money. Continue? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
