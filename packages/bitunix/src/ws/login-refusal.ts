import { AuthenticationError, type TopicManager } from '@exkit/core';

/**
 * Rejects with the private socket's next refused login. A refused login fails the connection attempt and the
 * socket backs off and tries again (core's reconnect backoff, never a tight loop), so without this a subscriber
 * would wait for ever; with it, `ready` rejects with the AuthenticationError while the retries go on underneath.
 */
export function nextLoginRefusal(manager: TopicManager): { readonly refused: Promise<never>; readonly dispose: () => void } {
  let dispose = (): void => undefined;
  const refused = new Promise<never>((_, reject) => {
    const onError = (e: { readonly error: unknown }): void => {
      if (e.error instanceof AuthenticationError) {
        dispose();
        reject(e.error);
      }
    };
    manager.on('error', onError);
    dispose = () => manager.off('error', onError);
  });
  refused.catch(() => undefined);
  return { refused, dispose };
}
