// The answer to a change based on a stale version: 409 with who changed the record last
// and when (from the audit trail), so the user knows whom to ask.
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';

export async function versieConflict(client: Pick<pg.PoolClient, 'query'>, tabel: string, id: number, huidig: number, wat: string): Promise<ApiError> {
  const { rows } = await client.query<{ naam: string | null; tijdstip: Date }>(
    `SELECT a.naam, l.tijdstip FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
     WHERE l.tabel = $1 AND l.record_id = $2 ORDER BY l.id DESC LIMIT 1`,
    [tabel, id],
  );
  const wie = rows[0]?.naam ?? 'het systeem';
  const wanneer = rows[0]?.tijdstip ? new Date(rows[0].tijdstip) : null;
  const hhmm = wanneer?.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
  return new ApiError(409, 'versieconflict',
    `${wat} is intussen gewijzigd door ${wie}${hhmm ? ` om ${hhmm}` : ''}. Laad de nieuwste versie en probeer het opnieuw.`,
    { huidige_versie: huidig, gewijzigd_door: wie, gewijzigd_op: wanneer?.toISOString() ?? null });
}
