import cliProgress from 'cli-progress';

/** A download progress bar on stderr, only on a terminal (piped stderr stays clean for logs). */
export interface Progress {
  update(done: number, total: number, fetched: number): void;
  stop(): void;
}

export function progressBar(label: string): Progress {
  if (process.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {fetched} candles`, stream: process.stderr, noTTYOutput: false, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, fetched) {
      if (!started) {
        bar.start(total, 0, { fetched: 0 });
        started = true;
      }
      bar.update(done, { fetched });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
