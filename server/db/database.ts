// Opens the one data path of the app: a `pg` pool, either to the embedded
// PGlite + PostGIS process (default) or to the PostgreSQL server in DATABASE_URL.
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedOptions } from './embedded.ts';
import { migrate } from './migrate.ts';
import { InlineParamsClient } from './inline-params-client.ts';
import { StartupError } from './startup-error.ts';

// Numeric and bigint come back as JS numbers: areas and counts stay well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Dates stay ISO strings (YYYY-MM-DD) so no time zone shifts a day.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DatabaseMode = 'embedded' | 'postgres';

export interface Database {
  /** The primary: every write, and reads that must see a write at once. */
  pool: pg.Pool;
  /**
   * A streaming replica for read-only work (DATABASE_READ_URL); absent (or the
   * primary's pool) without one. Routes choose through readPool() in read-routing.ts.
   */
  readPool?: pg.Pool;
  mode: DatabaseMode;
  close(): Promise<void>;
  /** Why the database cannot answer right now (e.g. the embedded one is being restarted), or null. */
  problem?(): string | null;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  url?: string;
  /** Connection string of a read replica of `url` (PostgreSQL streaming replication). */
  readUrl?: string;
  /** Data directory of the embedded database. */
  dataDir?: string;
  /** What to do when the embedded database keeps dying (default: report it through `problem`). */
  onFatal?: EmbeddedOptions['onFatal'];
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const pool = keepOnIdleErrors(new pg.Pool({ connectionString: options.url, max: 10, application_name: 'schuifruimte071' }));
    await migrate(pool);
    if (!options.readUrl) return { pool, mode: 'postgres', close: () => pool.end(), readPool: pool };
    const readPool = keepOnIdleErrors(new pg.Pool({ connectionString: options.readUrl, max: 10, application_name: 'schuifruimte071-lezen' }));
    try {
      await readPool.query('SELECT 1');
    } catch (err) {
      await Promise.all([pool.end(), readPool.end()]);
      throw new StartupError(`De leesreplica (DATABASE_READ_URL) is niet bereikbaar: ${(err as Error).message}. ` +
        'Controleer de verbinding, of laat DATABASE_READ_URL weg om alles van de primaire database te lezen.');
    }
    return { pool, readPool, mode: 'postgres', close: async () => { await Promise.all([pool.end(), readPool.end()]); } };
  }
  if (options.readUrl) throw new StartupError('DATABASE_READ_URL werkt alleen samen met DATABASE_URL (een PostgreSQL-server met replica).');
  const embedded = await startEmbeddedDatabase(options.dataDir ?? DEFAULT_DATA_DIR, { onFatal: options.onFatal });
  const pool = embeddedPool(() => embedded.url);
  const close = async () => {
    await pool.end();
    await embedded.stop();
  };
  await migrate(pool).catch(async (err) => {
    await close();
    throw err;
  });
  return { pool, mode: 'embedded', close, problem: embedded.problem };
}

export const DEFAULT_DATA_DIR = 'data/pglite';

/**
 * Pool for the embedded database: one connection (PGlite runs one query at a time),
 * simple query protocol (see inline-params-client.ts). `url` may be a function: each new
 * connection then asks where the database runs now (it moves when it is restarted).
 */
export function embeddedPool(url: string | (() => string)): pg.Pool {
  const target = typeof url === 'string' ? () => url : url;
  class Client extends InlineParamsClient {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionString: target() });
    }
  }
  return keepOnIdleErrors(new pg.Pool({ connectionString: target(), max: 1, Client }));
}

/**
 * A connection that breaks while idle in the pool (the database restarted or died) is
 * dropped by the pool, which then emits 'error'; unheard, that would end the server.
 * The next query opens a new connection, and /api/health reports the database meanwhile.
 */
function keepOnIdleErrors(pool: pg.Pool): pg.Pool {
  pool.on('error', (err) => console.error(`Databaseverbinding verbroken: ${err.message}`));
  return pool;
}

/**
 * Runs `fn` in one transaction: everything it writes lands, or nothing does. `begin`
 * opens it, e.g. 'BEGIN ISOLATION LEVEL REPEATABLE READ' for one consistent view.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
