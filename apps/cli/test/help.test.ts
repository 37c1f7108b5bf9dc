import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/program.js';

/** Every command in the tree, with its full name (`order place`). */
function walk(cmd: Command, prefix: string[] = []): Array<{ name: string; cmd: Command }> {
  return cmd.commands.flatMap((c) => {
    const path = [...prefix, c.name()];
    return [{ name: path.join(' '), cmd: c }, ...walk(c, path)];
  });
}

function helpOf(cmd: Command): string {
  let text = '';
  cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  cmd.outputHelp();
  return text;
}

describe('every command\'s help shows examples (the same program the binary runs)', () => {
  const program = buildProgram();
  const all = walk(program);

  it('covers the whole command set of the issue', () => {
    expect(all.map((c) => c.name).sort()).toEqual(
      [
        'balance', 'book', 'candles', 'check', 'fills', 'gateway', 'gateway command', 'gateway keys', 'gateway keys create', 'gateway keys list', 'gateway keys revoke',
        'gateway status', 'markets', 'order', 'order amend', 'order cancel', 'order cancel-all', 'order place', 'orders', 'positions', 'sim', 'ticker', 'trades', 'watch',
      ].sort(),
    );
  });

  for (const { name, cmd } of [{ name: '(root)', cmd: program }, ...all]) {
    it(name, () => {
      const text = helpOf(cmd);
      expect(text).toMatch(/^Usage: exkit/);
      expect(text).toMatch(/Examples:\n {2}\$ exkit /);
      // Each example names a real command of this tree.
      for (const line of text.split('\n').filter((l) => l.startsWith('  $ exkit '))) {
        const words = line.slice('  $ exkit '.length).split(' ');
        expect(all.some((c) => words.slice(0, c.name.split(' ').length).join(' ') === c.name), line).toBe(true);
      }
    });
  }
});
