import { TimestampError } from '../errors/error-classes.js';

/**
 * Runs `attempt`; if the venue rejects the request timestamp, re-estimates the clock at once and
 * runs it exactly once more (re-signed). Safe for writes too: a timestamp rejection happens before
 * the venue acts. If the resync itself fails, the original TimestampError is what the caller sees.
 */
export async function withTimestampResync<T>(attempt: () => Promise<T>, resync: () => Promise<void>): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    if (!(err instanceof TimestampError)) throw err;
    try {
      await resync();
    } catch {
      throw err;
    }
    return attempt();
  }
}
