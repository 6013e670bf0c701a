// A computed regional optimum, stored so that "voorstellen" turns exactly the result
// the regisseur saw into matches, without solving again inside a write transaction.
// The result carries a fingerprint of the data it was computed from (per table); a
// later change to any of it makes the result stale (409).
import type pg from 'pg';
import { inTransaction } from '../db/database.ts';
import type { Instellingen } from '../domain/matching.ts';
import type { RegioUitkomst } from '../domain/matching-solver.ts';
import { ApiError } from '../http/errors.ts';
import type { Actor } from '../domain/roles.ts';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** The tables a regional result depends on, with the Dutch word for a 409. */
const INVOER: Record<string, { sql: string; label: string }> = {
  ruimtevragen: { sql: `SELECT id, version FROM ruimtevraag`, label: 'ruimtevragen' },
  bedrijven: { sql: `SELECT id, version FROM bedrijf`, label: 'bedrijfsgegevens' },
  kavels: { sql: `SELECT id, version FROM kavel`, label: 'kavels' },
  terreinen: { sql: `SELECT id, version FROM terrein`, label: 'terreinen' },
  gemeenten: { sql: `SELECT id, version FROM gemeente`, label: 'gemeenten' },
  milieucategorieen: { sql: `SELECT stelsel || '/' || code AS id, version FROM milieucategorie`, label: 'milieucategorieën' },
  matches: { sql: `SELECT id, version FROM match`, label: 'matches' },
  match_kavels: { sql: `SELECT id, CASE WHEN actief THEN 1 ELSE 0 END AS version FROM match_kavel`, label: 'matches' },
};

export type InvoerVersies = Record<string, string>;

/** A fingerprint per input table: md5 over every row's id and version (one query). */
export async function invoerVersies(db: Queryable): Promise<InvoerVersies> {
  const parts = Object.entries(INVOER).map(([k, { sql }]) =>
    `(SELECT md5(coalesce(string_agg(t.id || ':' || t.version, ',' ORDER BY t.id), '')) FROM (${sql}) t) AS ${k}`);
  const { rows } = await db.query(`SELECT ${parts.join(', ')}`);
  return rows[0];
}

/** Which inputs differ (Dutch labels, each once). */
export function gewijzigdeInvoer(oud: InvoerVersies, nu: InvoerVersies): string[] {
  return [...new Set(Object.keys(INVOER).filter((k) => oud[k] !== nu[k]).map((k) => INVOER[k].label))];
}

/** How many results are kept (older ones are removed when a new one is stored). */
const BEWAARD = 50;

export interface OpgeslagenResultaat {
  id: number;
  berekend_op: string;
  peildatum: string;
  instellingen: Instellingen;
  invoer_versies: InvoerVersies;
  optimaal: RegioUitkomst;
  voorgesteld_op: string | null;
}

export async function bewaarResultaat(
  pool: pg.Pool, actor: Actor, r: { peildatum: string; instellingen: Instellingen; invoer_versies: InvoerVersies; optimaal: RegioUitkomst },
): Promise<{ id: number; berekend_op: string }> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number; berekend_op: string }>(
      `INSERT INTO regio_resultaat (account_id, peildatum, instellingen, invoer_versies, optimaal)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) RETURNING id, berekend_op`,
      [actor.id, r.peildatum, JSON.stringify(r.instellingen), JSON.stringify(r.invoer_versies), JSON.stringify(r.optimaal)]);
    await client.query(`DELETE FROM regio_resultaat WHERE id <= $1`, [rows[0].id - BEWAARD]);
    return rows[0];
  });
}

/**
 * The stored result, locked for the caller's transaction: 404 when unknown, 409 when
 * already turned into proposals or when the data changed since it was computed.
 */
export async function vergrendelGeldigResultaat(client: pg.PoolClient, id: number): Promise<OpgeslagenResultaat> {
  const { rows } = await client.query(
    `SELECT id, berekend_op, to_char(peildatum, 'YYYY-MM-DD') AS peildatum, instellingen, invoer_versies, optimaal, voorgesteld_op
     FROM regio_resultaat WHERE id = $1 FOR UPDATE`, [id]);
  const r = rows[0] as OpgeslagenResultaat | undefined;
  if (!r) {
    throw new ApiError(404, 'niet_gevonden', `Regionale uitkomst ${id} bestaat niet (meer). Bereken het regionale optimum opnieuw.`);
  }
  if (r.voorgesteld_op) {
    throw new ApiError(409, 'resultaat_al_gebruikt', 'Van deze uitkomst zijn al matches gemaakt. Bereken het regionale optimum opnieuw voor nieuwe voorstellen.',
      { resultaat_id: id, voorgesteld_op: r.voorgesteld_op });
  }
  const gewijzigd = gewijzigdeInvoer(r.invoer_versies, await invoerVersies(client));
  if (gewijzigd.length) {
    throw new ApiError(409, 'resultaat_verouderd',
      `De gegevens zijn gewijzigd sinds de berekening (${gewijzigd.join(', ')}). Bereken het regionale optimum opnieuw en controleer de uitkomst.`,
      { resultaat_id: id, gewijzigd });
  }
  return r;
}
