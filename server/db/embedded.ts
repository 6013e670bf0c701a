// Starts the embedded database process (PGlite + PostGIS served over the Postgres
// wire protocol), owns its data folder for as long as it runs, and restarts it when
// it dies: meanwhile `problem()` says why the database cannot answer.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { LOCK_FILE, lockDataFolder } from './data-lock.ts';
import { StartupError } from './startup-error.ts';

export interface EmbeddedDatabase {
  /** Connection string of the running database process (its port changes on a restart). */
  readonly url: string;
  /** Why the database cannot answer right now (it stopped and is being restarted), or null. */
  problem(): string | null;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Called when the database process keeps dying and the server should exit for a supervisor. */
  onFatal?: (err: StartupError) => void;
}

/** Files of our own that may lie in a data folder next to PGlite's. */
export const OWN_FILES = new Set([LOCK_FILE, 'demo-accounts.json']);

const childScript = fileURLToPath(new URL('./embedded-process.ts', import.meta.url));
/** Waits before restart attempts 1, 2, …; after the last the process gives up. */
const RESTART_DELAYS_MS = [250, 1_000, 3_000, 10_000, 30_000];
/** A restarted database that runs this long counts as recovered (its failures are forgotten). */
const STABLE_AFTER_MS = 60_000;

export async function startEmbeddedDatabase(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  refuseForeignFolder(dir);
  mkdirSync(dir, { recursive: true });
  const lock = lockDataFolder(dir);

  let current: { child: ChildProcess; port: number };
  try {
    current = await launch(dir);
  } catch (err) {
    lock.release();
    throw err;
  }
  lock.setChild(current.child.pid);

  let stopping = false;
  let problem: string | null = null;
  let failures = 0;
  let stableTimer: NodeJS.Timeout | undefined;

  const watch = (child: ChildProcess) =>
    child.once('exit', (code, signal) => {
      if (stopping) return;
      clearTimeout(stableTimer);
      const why = signal ? `signaal ${signal}` : `code ${code}`;
      problem = `De ingebouwde database is gestopt (${why}); de server start haar opnieuw.`;
      console.error(`Ingebouwde database in ${dir} gestopt (${why}); herstart…`);
      void restart();
    });

  async function restart() {
    while (!stopping) {
      if (failures >= RESTART_DELAYS_MS.length) {
        problem = `De ingebouwde database start niet meer (${failures} pogingen).`;
        options.onFatal?.(new StartupError(
          `De ingebouwde database in ${dir} stopte ${failures} keer kort na elkaar en start niet meer. ` +
          'Start Schuifruimte071 opnieuw; gebeurt het weer, zet dan een back-up terug (README, "Backup and restore").'));
        return;
      }
      await sleep(RESTART_DELAYS_MS[failures++]);
      if (stopping) return;
      try {
        const next = await launch(dir);
        if (stopping) {
          next.child.kill('SIGTERM');
          return;
        }
        current = next;
        lock.setChild(next.child.pid);
        watch(next.child);
        problem = null;
        stableTimer = setTimeout(() => (failures = 0), STABLE_AFTER_MS);
        stableTimer.unref();
        console.error(`Ingebouwde database weer gestart (poging ${failures}).`);
        return;
      } catch (err) {
        problem = `De ingebouwde database is gestopt; herstarten lukt nog niet (poging ${failures}: ${(err as Error).message}).`;
      }
    }
  }

  watch(current.child);
  return {
    get url() {
      return `postgres://postgres:postgres@127.0.0.1:${current.port}/postgres?sslmode=disable`;
    },
    problem: () => problem,
    stop: async () => {
      stopping = true;
      clearTimeout(stableTimer);
      const child = current.child;
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      lock.release();
    },
  };
}

/** Starts one database process on `dir`; its port once it serves. */
function launch(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(childScript, [], {
    env: { ...process.env, PGLITE_DATA_DIR: dir },
    execArgv: ['--import', 'tsx'],
    // stderr is held back until the database serves, so a failed start prints one line.
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let early = '';
  const hold = (chunk: Buffer) => (early += chunk.toString());
  child.stderr!.on('data', hold);

  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    child.once('error', (err) => reject(new StartupError(`De ingebouwde database kon niet starten: ${err.message}`)));
    child.once('exit', (code, signal) => {
      if (process.env.DEBUG && early) process.stderr.write(early);
      reject(new StartupError(failure
        ? `De database in ${dir} kan niet worden geopend (${failure}). De map is beschadigd of van een andere versie: ` +
          'zet een back-up terug (README, "Backup and restore") of kies een lege map met PGLITE_DATA_DIR.'
        : `De ingebouwde database in ${dir} stopte tijdens het starten (${signal ?? `code ${code}`}).`));
    });
    child.on('message', (msg: { type?: string; port?: number; message?: string }) => {
      if (msg?.type === 'error') failure = msg.message;
      if (msg?.type === 'ready' && typeof msg.port === 'number') {
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        child.on('error', () => undefined); // a dead child is handled through 'exit'
        child.stderr!.off('data', hold);
        child.stderr!.pipe(process.stderr, { end: false });
        resolve({ child, port: msg.port });
      }
    });
  });
}

/** A folder with files of its own but no database is not ours to fill. */
function refuseForeignFolder(dir: string) {
  if (!existsSync(dir) || existsSync(path.join(dir, 'PG_VERSION'))) return;
  const other = readdirSync(dir).filter((f) => !OWN_FILES.has(f) && !f.startsWith(`${LOCK_FILE}.`));
  if (other.length > 0) {
    throw new StartupError(
      `De map ${dir} bevat andere bestanden (${other.slice(0, 3).join(', ')}${other.length > 3 ? ', …' : ''}) en is geen ` +
      'Schuifruimte071-database; kies een lege of nieuwe map met PGLITE_DATA_DIR.');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
