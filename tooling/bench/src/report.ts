import { formatResultLine, type BenchEntry } from './results.mjs';

/** Prints one result line on stdout for run-all to collect (throws on a malformed entry). */
export function report(entry: BenchEntry): void {
  console.log(formatResultLine(entry));
}
