import Table from 'cli-table3';
import { out, stdoutIsTty } from './io.js';

/**
 * A table on stdout. cli-table3 colours the header and border even when piped, so colours are
 * turned off unless stdout is a terminal (and NO_COLOR is unset).
 */
export function printTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  out(renderTable(head, rows));
}

/**
 * `wrap` names one column that takes the remaining width and wraps, on a terminal only: piped output
 * keeps one row per line, so it stays greppable.
 */
export function renderTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>, wrap?: number): string {
  const tty = stdoutIsTty();
  const colour = tty && process.env['NO_COLOR'] === undefined;
  const widths = tty && wrap !== undefined ? columnWidths(head, rows, wrap, process.stdout.columns ?? 100) : undefined;
  const table = new Table({
    head: [...head],
    style: colour ? { head: ['cyan'], compact: true } : { head: [], border: [], compact: true },
    ...(widths !== undefined && { colWidths: widths, wordWrap: true }),
  });
  for (const r of rows) table.push([...r]);
  return table.toString();
}

function columnWidths(head: readonly string[], rows: ReadonlyArray<readonly string[]>, wrap: number, total: number): number[] {
  const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)) + 2);
  const others = natural.reduce((a, w, i) => (i === wrap ? a : a + w), 0) + head.length + 1;
  return natural.map((w, i) => (i === wrap ? Math.max(30, Math.min(w, total - others)) : w));
}
