/** One figure a suite reports. `ratio` (with `baseline` naming what it is compared to): > 1 means faster than the baseline. */
export interface BenchEntry {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline?: string;
  readonly ratio?: number;
}

export declare const RESULT_PREFIX: 'BENCH_RESULT ';
export declare function checkEntry(entry: unknown): string | undefined;
export declare function normalizeEntry(entry: BenchEntry): BenchEntry;
export declare function formatResultLine(entry: BenchEntry): string;
export declare function parseResultLine(line: string): { readonly entry: BenchEntry } | { readonly error: string } | undefined;
export declare function sortEntries(entries: readonly BenchEntry[]): BenchEntry[];
export declare function formatTable(entries: readonly BenchEntry[]): string;
