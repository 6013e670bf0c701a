// One process at a time owns an embedded data folder. PGlite has no lock of its own:
// two processes on one folder both accept writes and one acknowledged write is lost
// when they restart. The owner writes a lock file with its process id (and that of its
// database child) into the folder; a lock whose processes are all gone is stale and is
// taken over.
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { StartupError } from './startup-error.ts';

export const LOCK_FILE = 'schuifruimte071.lock';

interface LockContent {
  pid: number;
  /** The embedded database process of the owner, while it runs. */
  kindPid?: number;
  host: string;
  sinds: string;
  opdracht: string;
}

export interface DataLock {
  file: string;
  /** Records the owner's database child, so the lock stays live while it shuts down. */
  setChild(pid: number | undefined): void;
  release(): void;
}

function isRunning(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockContent;
  } catch {
    return null; // gone, or half-written by a process that died while writing it
  }
}

/** Takes the data folder `dir` (it must exist) for this process, or throws a StartupError naming the holder. */
export function lockDataFolder(dir: string): DataLock {
  const file = path.join(dir, LOCK_FILE);
  const own: LockContent = {
    pid: process.pid, host: hostname(), sinds: new Date().toISOString(), opdracht: process.argv.slice(1).join(' '),
  };
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(own), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        // link() creates the lock complete and only if none exists: no reader sees it half-written.
        linkSync(draft, file);
        return ownedLock(file, own);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readLock(file);
      if (holder && (holder.host !== own.host || isRunning(holder.pid) || isRunning(holder.kindPid))) {
        throw new StartupError(
          `De datamap ${dir} is in gebruik door een ander proces (pid ${holder.pid}` +
          `${holder.host !== own.host ? ` op ${holder.host}` : ''}, sinds ${new Date(holder.sinds).toLocaleString('nl-NL')}: ` +
          `${holder.opdracht}). ` +
          `Stop dat proces eerst, of kies een andere map met PGLITE_DATA_DIR. ` +
          `Draait het niet meer, verwijder dan ${file}.`,
        );
      }
      // Stale: its processes are gone. Move it aside; if what was moved is not the lock
      // judged stale (another starter replaced it meanwhile), put that one back.
      const aside = `${file}.oud-${process.pid}`;
      try {
        renameSync(file, aside);
        const moved = readLock(aside);
        if (moved && holder && moved.pid !== holder.pid) linkSync(aside, file);
        rmSync(aside, { force: true });
      } catch {
        // another starter got there first; look again
      }
    }
    throw new StartupError(`De datamap ${dir} kon niet worden vergrendeld (${file}); probeer het opnieuw.`);
  } finally {
    rmSync(draft, { force: true });
  }
}

function ownedLock(file: string, own: LockContent): DataLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readLock(file)?.pid === own.pid) rmSync(file, { force: true });
  };
  process.on('exit', release);
  return {
    file,
    setChild(pid) {
      if (released) return;
      const next = { ...own, kindPid: pid };
      writeFileSync(`${file}.${process.pid}`, JSON.stringify(next), { mode: 0o600 });
      renameSync(`${file}.${process.pid}`, file);
    },
    release,
  };
}
