/** Abort reasons the transport itself uses; mapped to typed errors, never surfaced as is. */
export const CLOSED = Object.freeze({ reason: 'closed' });
export const TIMEOUT = Object.freeze({ reason: 'timeout' });

export const noop = (): void => undefined;

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

/** One signal for a call: the transport's close() or the caller's own signal, whichever fires first. */
export function linkSignals(master: AbortSignal, extra: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  if (extra === undefined) return { signal: master, dispose: noop };
  const ac = new AbortController();
  const fromMaster = (): void => ac.abort(master.reason);
  const fromExtra = (): void => ac.abort(extra.reason);
  if (master.aborted) fromMaster();
  else if (extra.aborted) fromExtra();
  master.addEventListener('abort', fromMaster, { once: true });
  extra.addEventListener('abort', fromExtra, { once: true });
  return {
    signal: ac.signal,
    dispose: () => {
      master.removeEventListener('abort', fromMaster);
      extra.removeEventListener('abort', fromExtra);
    },
  };
}
