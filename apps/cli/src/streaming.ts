import type { Exchange } from '@exkit/core';
import { err } from './output/io.js';

/**
 * Says on stderr when a socket drops, reconnects and resubscribes: the adapter reconnects by itself,
 * the user should still know the stream had a gap. Returns the function that stops listening.
 */
export function announceReconnects(exchange: Exchange): () => void {
  const onReconnecting = (e: { connection: string; attempt: number; delayMs: number; reason: string }): void =>
    err(`! ${e.connection}: connection lost (${e.reason}); reconnecting, attempt ${e.attempt} in ${e.delayMs} ms`);
  const onResubscribed = (e: { connection: string; topics: readonly string[] }): void => err(`✓ ${e.connection}: reconnected, resubscribed to ${e.topics.join(', ')}`);
  const onResync = (e: { symbol: string; reason: string }): void => err(`! ${e.symbol}: book resynced (${e.reason})`);
  exchange.events.on('reconnecting', onReconnecting);
  exchange.events.on('resubscribed', onResubscribed);
  exchange.events.on('resync', onResync);
  return () => {
    exchange.events.off('reconnecting', onReconnecting);
    exchange.events.off('resubscribed', onResubscribed);
    exchange.events.off('resync', onResync);
  };
}

/**
 * Runs a streaming loop until it ends by itself or the user presses Ctrl-C (or SIGTERM arrives);
 * `onStop` ends the iteration (closing the subscription ends its `for await`).
 */
export async function untilInterrupted(loop: (signal: AbortSignal) => Promise<void>, onStop: () => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const stop = (): void => {
    controller.abort();
    void onStop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await loop(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
