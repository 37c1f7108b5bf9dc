import { openVenue, type ConnectionFlags, type OpenOptions, type VenueHandle } from './venues.js';

/** Opens the venue for one command and always closes it (the simulator of `--env sim` too). */
export async function withVenue<T>(venue: string, flags: ConnectionFlags, options: OpenOptions, task: (handle: VenueHandle) => Promise<T>): Promise<T> {
  const handle = await openVenue(venue, flags, options);
  try {
    return await task(handle);
  } finally {
    await handle.close();
  }
}
