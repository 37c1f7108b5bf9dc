// One gateway per data directory: an exclusive lock file holding the owner's pid. A lock left by a dead
// process is taken over; a live owner makes the start fail with a message naming the directory.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** `owner` distinguishes several gateways inside one process (tests); default the pid alone. */
export function lockDataDir(dir: string, owner = `${process.pid}`): DataDirLock {
  const path = join(dir, 'gateway.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, owner);
      closeSync(fd);
      let released = false;
      return {
        path,
        release: () => {
          if (released) return;
          released = true;
          try {
            if (readFileSync(path, 'utf8') === owner) rmSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = '';
      try {
        holder = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      const pid = Number.parseInt(holder, 10);
      if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
        rmSync(path, { force: true });
        continue;
      }
      throw new DataDirLockedError(`data directory ${dir} is in use by another gateway (pid ${holder}, lock ${path}); stop it or set EXKIT_DATA_DIR to another directory`);
    }
  }
  throw new DataDirLockedError(`could not lock data directory ${dir} (${path})`);
}
