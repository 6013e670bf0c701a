// Versioned schema migrations (node-pg-migrate, plain SQL files), applied at start.
import type pg from 'pg';
import { runner } from 'node-pg-migrate';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';

const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrate(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    // Nothing to do, nothing locked: node-pg-migrate's lock is a session-level advisory
    // lock, which PgBouncer in transaction pooling cannot hold across statements.
    if (await allApplied(client)) return [];
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

/** Whether every migration file is recorded as applied (read without any lock). */
async function allApplied(client: pg.PoolClient): Promise<boolean> {
  const files = readdirSync(migrationsDir).filter((f) => /\.(sql|js|ts)$/.test(f)).map((f) => f.replace(/\.[^.]+$/, ''));
  const { rows: table } = await client.query<{ t: string | null }>(`SELECT to_regclass('public.schema_migrations')::text AS t`);
  if (!table[0]?.t) return false;
  const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.name));
  return files.every((f) => applied.has(f));
}
