// The SQL of bestuursovereenkomst, its partijen and kostenposten.
import type pg from 'pg';
import type { Kostenpost, Partij } from './schemas.ts';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface BoRow {
  id: number; naam: string; datum_ondertekening: string | null; basis_pct: number; provincie_betrokken: boolean;
  maatwerk_omschrijving: string | null; maatwerk_bedrag: number | null; document_url: string | null; bron: string;
  version: number; updated_at: string;
  partijen: { gemeente_id: number; gemeente: string; rol: Partij['rol'] }[];
  kostenposten: { id: number; categorie: Kostenpost['categorie']; omschrijving: string | null; bedrag: number | string; datum: string | null }[];
}

/** The agreements with these ids (all when null), with their partijen and kostenposten. */
export async function selectBos(db: Queryable, ids: number[] | null): Promise<BoRow[]> {
  const { rows } = await db.query<BoRow>(
    `SELECT b.id, b.naam, b.datum_ondertekening, b.basis_pct, b.provincie_betrokken, b.maatwerk_omschrijving,
            b.maatwerk_bedrag, b.document_url, b.bron, b.version, b.updated_at,
            coalesce((SELECT json_agg(json_build_object('gemeente_id', p.gemeente_id, 'gemeente', g.naam, 'rol', p.rol) ORDER BY p.rol DESC, g.naam)
                      FROM bestuursovereenkomst_partij p JOIN gemeente g ON g.id = p.gemeente_id
                      WHERE p.bestuursovereenkomst_id = b.id), '[]'::json) AS partijen,
            coalesce((SELECT json_agg(json_build_object('id', k.id, 'categorie', k.categorie, 'omschrijving', k.omschrijving,
                                                        'bedrag', k.bedrag, 'datum', k.datum) ORDER BY k.id)
                      FROM kostenpost k WHERE k.bestuursovereenkomst_id = b.id), '[]'::json) AS kostenposten
     FROM bestuursovereenkomst b ${ids ? 'WHERE b.id = ANY($1::int[])' : ''} ORDER BY b.id`,
    ids ? [`{${ids.join(',')}}`] : [],
  );
  return rows;
}

export async function insertBo(db: Queryable, values: Record<string, unknown>): Promise<number> {
  const cols = Object.keys(values);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO bestuursovereenkomst (${[...cols, 'bron'].join(', ')})
     VALUES (${[...cols.map((_, i) => `$${i + 1}`), `'gebruiker'`].join(', ')}) RETURNING id`,
    cols.map((k) => values[k]),
  );
  return rows[0].id;
}

/** Writes the values at `version` (always touching the row, so it gets a new version); false when it moved on. */
export async function updateBo(db: Queryable, id: number, version: number, values: Record<string, unknown>): Promise<boolean> {
  const cols = Object.keys(values);
  const sets = cols.length ? cols.map((k, i) => `${k} = $${i + 3}`) : ['naam = naam'];
  const { rowCount } = await db.query(
    `UPDATE bestuursovereenkomst SET ${sets.join(', ')} WHERE id = $1 AND version = $2`,
    [id, version, ...cols.map((k) => values[k])],
  );
  return !!rowCount;
}

export async function replacePartijen(db: Queryable, id: number, partijen: Partij[]): Promise<void> {
  await db.query(`DELETE FROM bestuursovereenkomst_partij WHERE bestuursovereenkomst_id = $1`, [id]);
  for (const p of partijen) {
    await db.query(`INSERT INTO bestuursovereenkomst_partij (bestuursovereenkomst_id, gemeente_id, rol) VALUES ($1, $2, $3)`, [id, p.gemeente_id, p.rol]);
  }
}

export async function replaceKostenposten(db: Queryable, id: number, kostenposten: Kostenpost[]): Promise<void> {
  await db.query(`DELETE FROM kostenpost WHERE bestuursovereenkomst_id = $1`, [id]);
  for (const k of kostenposten) {
    await db.query(
      `INSERT INTO kostenpost (bestuursovereenkomst_id, categorie, omschrijving, bedrag, datum) VALUES ($1, $2, $3, $4::numeric, $5::date)`,
      [id, k.categorie, k.omschrijving ?? null, k.bedrag, k.datum ?? null],
    );
  }
}

/** The agreement's version (locked for this transaction) and its parties' gemeenten; null when it does not exist. */
export async function lockBo(db: Queryable, id: number): Promise<{ version: number; gemeenteIds: number[] } | null> {
  const { rows } = await db.query<{ version: number }>(`SELECT version FROM bestuursovereenkomst WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) return null;
  const partijen = await db.query<{ gemeente_id: number }>(
    `SELECT gemeente_id FROM bestuursovereenkomst_partij WHERE bestuursovereenkomst_id = $1`, [id],
  );
  return { version: rows[0].version, gemeenteIds: partijen.rows.map((r) => r.gemeente_id) };
}

/** The agreement's name and parties, for the check that a toewijzing fits it; null when it does not exist. */
export async function boParties(db: Queryable, id: number): Promise<{ naam: string; partijen: number[] } | null> {
  const { rows } = await db.query<{ naam: string; partijen: number[] }>(
    `SELECT b.naam, ARRAY(SELECT p.gemeente_id FROM bestuursovereenkomst_partij p WHERE p.bestuursovereenkomst_id = b.id) AS partijen
     FROM bestuursovereenkomst b WHERE b.id = $1`, [id],
  );
  return rows[0] ?? null;
}

export async function gemeenteNamen(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  const { rows } = await db.query<{ id: number; naam: string }>(`SELECT id, naam FROM gemeente WHERE id = ANY($1::int[])`, [`{${ids.join(',')}}`]);
  return new Map(rows.map((r) => [r.id, r.naam]));
}

/** The pairs of gemeenten (transformerend, compenserend) of the toewijzingen that refer to the agreement. */
export async function toewijzingGemeenten(db: Queryable, id: number): Promise<{ t: number; c: number }[]> {
  const { rows } = await db.query<{ t: number; c: number }>(
    `SELECT DISTINCT t.gemeente_id AS t, c.gemeente_id AS c FROM compensatie_toewijzing ct
     JOIN transformatie t ON t.id = ct.transformatie_id JOIN compensatie c ON c.id = ct.compensatie_id
     WHERE ct.bestuursovereenkomst_id = $1 ORDER BY 1, 2`, [id]);
  return rows;
}

export async function inUseByToewijzing(db: Queryable, id: number): Promise<boolean> {
  return !!(await db.query(`SELECT 1 FROM compensatie_toewijzing WHERE bestuursovereenkomst_id = $1 LIMIT 1`, [id])).rowCount;
}

export async function deleteBo(db: Queryable, id: number, version: number): Promise<void> {
  await db.query(`DELETE FROM bestuursovereenkomst WHERE id = $1 AND version = $2`, [id, version]);
}
