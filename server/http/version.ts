// The version a change is based on, for optimistic locking.
import type { Context } from 'hono';
import type pg from 'pg';
import { ApiError } from './errors.ts';

/** From the `If-Match` header, or `version` in the body (passed in) or the query string. */
export function baseVersion(c: Context, fromBody?: number): number {
  const header = c.req.header('if-match')?.replace(/^W\//, '').replace(/"/g, '').trim();
  const v = fromBody ?? (header ? Number(header) : c.req.query('version') ? Number(c.req.query('version')) : undefined);
  if (v === undefined || !Number.isInteger(v) || v < 1) {
    throw new ApiError(428, 'versie_vereist', 'Stuur het versienummer mee dat u bewerkt (If-Match of version).');
  }
  return v;
}

/**
 * The 409 of a stale version, saying who changed the record last and when (from the
 * audit trail), so the user knows whom to ask.
 */
export async function versionConflict(db: pg.Pool | pg.PoolClient, tabel: string, id: number, current: number): Promise<ApiError> {
  const { rows } = await db.query<{ naam: string | null; tijdstip: string }>(
    `SELECT a.naam, l.tijdstip FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
     WHERE l.tabel = $1 AND l.record_id = $2 ORDER BY l.id DESC LIMIT 1`,
    [tabel, id],
  );
  const who = rows[0]?.naam ?? 'het systeem';
  const when = rows[0]?.tijdstip ? new Date(rows[0].tijdstip) : null;
  const hhmm = when?.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
  return new ApiError(409, 'versieconflict', `Gewijzigd door ${who}${hhmm ? ` om ${hhmm}` : ''}. Laad de nieuwste versie en probeer het opnieuw.`, {
    huidige_versie: current, gewijzigd_door: who, gewijzigd_op: when?.toISOString() ?? null,
  });
}
