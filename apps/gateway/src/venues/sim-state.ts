// A simulated venue whose paper account survives restarts: restored from, and saved to, a JSON snapshot in
// the data directory (written atomically: temp file then rename).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimVenue, type SimVenueOptions } from '@exkit/sim';

export interface PersistentSim {
  readonly venue: SimVenue;
  readonly restored: boolean;
  save(): void;
}

export function openPersistentSim(dataDir: string, id: string, fresh: SimVenueOptions, onError: (e: unknown) => void): PersistentSim {
  const dir = join(dataDir, 'sim');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${id}.json`);
  let venue: SimVenue | undefined;
  let restored = false;
  if (existsSync(file)) {
    try {
      venue = SimVenue.restore(JSON.parse(readFileSync(file, 'utf8')));
      restored = true;
    } catch (e) {
      // A corrupt snapshot must not stop the gateway: start fresh and say so.
      onError(new Error(`sim snapshot ${file} unreadable, starting fresh: ${(e as Error).message}`));
    }
  }
  venue ??= new SimVenue(fresh);
  const v = venue;
  return {
    venue: v,
    restored,
    save: () => {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(v.snapshot()));
      renameSync(tmp, file);
    },
  };
}
