// Opens the one data path of the app: a `pg` pool, either to the embedded
// PGlite + PostGIS process (default) or to the PostgreSQL server in DATABASE_URL.
import pg from 'pg';
import { startEmbeddedDatabase } from './embedded.ts';
import { migrate } from './migrate.ts';
import { InlineParamsClient } from './inline-params-client.ts';

// Numeric and bigint come back as JS numbers: areas and counts stay well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Dates stay ISO strings (YYYY-MM-DD) so no time zone shifts a day.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DatabaseMode = 'embedded' | 'postgres';

export interface Database {
  pool: pg.Pool;
  mode: DatabaseMode;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  url?: string;
  /** Data directory of the embedded database. */
  dataDir?: string;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    await migrate(pool);
    return { pool, mode: 'postgres', close: () => pool.end() };
  }
  const embedded = await startEmbeddedDatabase(options.dataDir ?? 'data/pglite');
  const pool = embeddedPool(embedded.url);
  await migrate(pool);
  return {
    pool,
    mode: 'embedded',
    close: async () => {
      await pool.end();
      await embedded.stop();
    },
  };
}

/**
 * Pool for the embedded database: one connection (PGlite runs one query at a time),
 * simple query protocol (see inline-params-client.ts).
 */
export function embeddedPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 1, Client: InlineParamsClient });
}

/** Runs `fn` in one transaction: everything it writes lands, or nothing does. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
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
