// Versioned schema migrations (node-pg-migrate, plain SQL files), applied at start.
import type pg from 'pg';
import { runner } from 'node-pg-migrate';
import { fileURLToPath } from 'node:url';

const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrate(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    const ran = await runner({
      dbClient: client,
      dir: migrationsDir,
      direction: 'up',
      migrationsTable: 'schema_migrations',
      checkOrder: true,
      singleTransaction: true,
      log: () => undefined,
    });
    return ran.map((m) => m.name);
  } finally {
    client.release();
  }
}
