// One write transaction whose changes the audit trigger records with who made them
// (and, optionally, a fixed reason): everything lands, or nothing does.
import type pg from 'pg';
import { inTransaction } from './database.ts';

export async function withAudit<T>(
  pool: pg.Pool,
  actorId: number | null,
  reden: string | null,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT set_config('app.account_id', $1, true), set_config('app.audit_reden', $2, true)`,
      [actorId === null ? '' : String(actorId), reden ?? '']);
    return fn(client);
  });
}
