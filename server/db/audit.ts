// The one way to write: a transaction that tells the audit trigger (migration 002)
// who acts and why, and the one answer to a stale version: 409 with who changed the
// record last and when, read from that same audit trail.
import type pg from 'pg';
import { inTransaction } from './database.ts';
import { ApiError } from '../http/errors.ts';
import { VERSIECONFLICT } from '../domain/refusals.ts';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** Whoever acts: the signed-in account. */
export interface AuditActor {
  id: number;
}

/**
 * Runs `fn` in one transaction with the actor (and a reason, or none) recorded for the
 * audit trigger: everything it writes lands together with its audit rows, or nothing does.
 * The actor is null only for the system itself (an account made by a first OIDC sign-in).
 * `begin` opens the transaction (see inTransaction).
 * Database errors are mapped to API errors by the global handler (server/http/db-errors.ts).
 */
export async function withAudit<T>(
  pool: pg.Pool, actor: AuditActor | null, reden: string | null, fn: (client: pg.PoolClient) => Promise<T>, begin?: string,
): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT set_config('app.account_id', $1, true), set_config('app.audit_reden', $2, true)`, [
      actor === null ? '' : String(actor.id), reden ?? '',
    ]);
    return fn(client);
  }, begin);
}

/** 409 versieconflict for a record of `tabel`: its current version, who changed it last and when (Europe/Amsterdam). */
export async function versionConflict(db: Queryable, tabel: string, id: number, current: number): Promise<ApiError> {
  const { rows } = await db.query<{ naam: string | null; tijdstip: string | Date }>(
    `SELECT a.naam, l.tijdstip FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
     WHERE l.tabel = $1 AND l.record_id = $2 ORDER BY l.id DESC LIMIT 1`,
    [tabel, id],
  );
  const who = rows[0]?.naam ?? 'het systeem';
  const when = rows[0]?.tijdstip ? new Date(rows[0].tijdstip) : null;
  const hhmm = when?.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
  return new ApiError(409, VERSIECONFLICT, `Gewijzigd door ${who}${hhmm ? ` om ${hhmm}` : ''}. Laad de nieuwste versie en probeer het opnieuw.`, {
    huidige_versie: current, gewijzigd_door: who, gewijzigd_op: when?.toISOString() ?? null,
  });
}

/** Throws the versieconflict when the version a change is based on is not the current one. */
export async function assertVersion(db: Queryable, tabel: string, id: number, current: number, base: number): Promise<void> {
  if (current !== base) throw await versionConflict(db, tabel, id, current);
}
