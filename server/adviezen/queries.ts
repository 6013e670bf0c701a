// SQL of the adviezen and the records they concern (tables advies, advies_object).
import type pg from 'pg';
import type { AdviesTabel, AdviesType } from '../domain/advies.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** The name a record is shown with (kavels often have none), or null when it no longer exists. */
const OBJECT_NAAM = `CASE o.tabel
  WHEN 'terrein' THEN (SELECT x.naam FROM terrein x WHERE x.id = o.record_id)
  WHEN 'kavel' THEN (SELECT coalesce(x.naam, 'Kavel ' || x.id) FROM kavel x WHERE x.id = o.record_id)
  WHEN 'transformatie' THEN (SELECT x.naam FROM transformatie x WHERE x.id = o.record_id)
  WHEN 'compensatie' THEN (SELECT x.naam FROM compensatie x WHERE x.id = o.record_id)
END`;

const ADVIES_JSON = `json_build_object(
  'id', a.id, 'soort', a.soort, 'type', a.type, 'gevraagd', a.gevraagd, 'titel', a.titel, 'tekst', a.tekst,
  'vergadering', CASE WHEN v.id IS NULL THEN NULL
    ELSE json_build_object('id', v.id, 'titel', v.titel, 'datum', v.datum, 'gremium', v.gremium) END,
  'besluit', CASE WHEN a.besluit IS NULL THEN NULL
    ELSE json_build_object('besluit', a.besluit, 'toelichting', a.besluit_toelichting, 'datum', a.besluit_datum) END,
  'escalatie', a.escalatie,
  'objecten', (SELECT coalesce(json_agg(json_build_object('tabel', o.tabel, 'id', o.record_id, 'naam', ${OBJECT_NAAM},
                 'bestaat', ${OBJECT_NAAM} IS NOT NULL) ORDER BY o.tabel, o.record_id), '[]')
               FROM advies_object o WHERE o.advies_id = a.id),
  'version', a.version, 'aangemaakt_op', a.created_at, 'gewijzigd_op', a.updated_at)`;

export interface AdviesRij {
  id: number;
  soort: 'signalering' | 'advies';
  type: AdviesType;
  gevraagd: boolean;
  titel: string;
  tekst: string;
  vergadering: { id: number; titel: string; datum: string; gremium: string } | null;
  besluit: { besluit: 'opgevolgd' | 'niet_opgevolgd' | 'deels'; toelichting: string | null; datum: string } | null;
  escalatie: string | null;
  objecten: { tabel: AdviesTabel; id: number; naam: string | null; bestaat: boolean }[];
  version: number;
  aangemaakt_op: string;
  gewijzigd_op: string;
}

/** Adviezen, newest meeting first (those without a meeting at the top), optionally of one meeting or by id. */
export async function leesAdviezen(db: Queryable, filter: { vergaderingId?: number; ids?: number[] } = {}): Promise<AdviesRij[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.vergaderingId !== undefined) {
    params.push(filter.vergaderingId);
    where.push(`a.vergadering_id = $${params.length}`);
  }
  if (filter.ids) {
    params.push(filter.ids);
    where.push(`a.id = ANY($${params.length}::int[])`);
  }
  const { rows } = await db.query<{ adviezen: AdviesRij[] }>(
    `SELECT coalesce(json_agg(${ADVIES_JSON} ORDER BY v.datum DESC NULLS FIRST, a.id), '[]') AS adviezen
     FROM advies a LEFT JOIN vergadering v ON v.id = a.vergadering_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  return rows[0].adviezen;
}

/** The ids among `ids` of `tabel` that do not exist. */
export async function ontbrekendeObjecten(db: Queryable, tabel: AdviesTabel, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const { rows } = await db.query<{ id: number }>(
    `SELECT i AS id FROM unnest($1::int[]) i WHERE NOT EXISTS (SELECT 1 FROM ${tabel} x WHERE x.id = i) ORDER BY i`, [ids],
  );
  return rows.map((r) => r.id);
}

export async function vergaderingDatum(db: Queryable, id: number): Promise<{ id: number; datum: string } | null> {
  const { rows } = await db.query<{ id: number; datum: string }>(`SELECT id, datum FROM vergadering WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export interface AdviesVelden {
  soort: string;
  type: string;
  gevraagd: boolean;
  titel: string;
  tekst: string;
  vergadering_id: number | null;
  escalatie: string | null;
}

export async function voegAdviesToe(db: Queryable, v: AdviesVelden): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO advies (soort, type, gevraagd, titel, tekst, vergadering_id, escalatie)
     VALUES ($1, $2, $3, $4, $5, $6::integer, $7) RETURNING id`,
    [v.soort, v.type, v.gevraagd, v.titel, v.tekst, v.vergadering_id, v.escalatie],
  );
  return rows[0].id;
}

export async function zetObjecten(db: Queryable, adviesId: number, objecten: { tabel: AdviesTabel; id: number }[]): Promise<void> {
  await db.query(`DELETE FROM advies_object WHERE advies_id = $1`, [adviesId]);
  if (!objecten.length) return;
  await db.query(
    `INSERT INTO advies_object (advies_id, tabel, record_id)
     SELECT $1, o.tabel, o.id FROM json_to_recordset($2::json) AS o(tabel text, id integer)`,
    [adviesId, JSON.stringify(objecten)],
  );
}

export interface AdviesStand {
  id: number;
  version: number;
  besluit: string | null;
  vergadering_id: number | null;
}

export async function vergrendelAdvies(db: Queryable, id: number): Promise<AdviesStand | null> {
  const { rows } = await db.query<AdviesStand>(`SELECT id, version, besluit, vergadering_id FROM advies WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

/** Sets the given columns (names from the service's fixed list, never from the request). */
export async function wijzigAdviesKolommen(db: Queryable, id: number, kolommen: Record<string, unknown>): Promise<void> {
  const namen = Object.keys(kolommen);
  if (!namen.length) {
    // Still a change (e.g. only the objects): bump the version so others see it.
    await db.query(`UPDATE advies SET version = version WHERE id = $1`, [id]);
    return;
  }
  await db.query(
    `UPDATE advies SET ${namen.map((n, i) => `${n} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [id, ...namen.map((n) => kolommen[n])],
  );
}

export async function verwijderAdvies(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM advies WHERE id = $1`, [id]);
}
