// The SQL of compensatie_toewijzing and what it reads of its compensatie and transformatie.
import type pg from 'pg';
import type { CompensatieStatus } from '../domain/layer-values.ts';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface ToewijzingRow {
  id: number; compensatie_id: number; transformatie_id: number; transformatie_naam: string;
  hectares: number; bestuursovereenkomst_id: number | null; version: number;
}

export interface CompensatieRow { id: number; gemeente_id: number; status: CompensatieStatus; oppervlakte_ha: number }

/** The compensatie (locked for this transaction when `lock`), or null. */
export async function selectCompensatie(db: Queryable, id: number, lock = false): Promise<CompensatieRow | null> {
  const { rows } = await db.query<CompensatieRow>(
    `SELECT id, gemeente_id, status, oppervlakte_ha FROM compensatie WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id],
  );
  return rows[0] ?? null;
}

export async function selectToewijzingen(db: Queryable, compensatieId: number): Promise<ToewijzingRow[]> {
  const { rows } = await db.query<ToewijzingRow>(
    `SELECT ct.id, ct.compensatie_id, ct.transformatie_id, t.naam AS transformatie_naam, ct.hectares,
            ct.bestuursovereenkomst_id, ct.version
     FROM compensatie_toewijzing ct JOIN transformatie t ON t.id = ct.transformatie_id
     WHERE ct.compensatie_id = $1 ORDER BY ct.id`,
    [compensatieId],
  );
  return rows;
}

export async function selectTransformatie(db: Queryable, id: number): Promise<{ status: string; gemeente_id: number } | null> {
  const { rows } = await db.query<{ status: string; gemeente_id: number }>(`SELECT status, gemeente_id FROM transformatie WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export interface KeuzeRow { id: number; naam: string | null; gemeente: string; netto_verloren_ha: number; toegewezen_ha: number }

/**
 * The transformaties this compensatie can still serve: not vervallen and not served by it
 * yet, with what they lost and what all compensaties gave them (no geometry: a list to pick from).
 */
export async function selectKeuzes(db: Queryable, compensatieId: number): Promise<KeuzeRow[]> {
  const { rows } = await db.query<KeuzeRow>(
    `WITH gegeven AS (SELECT transformatie_id, sum(hectares) AS ha FROM compensatie_toewijzing GROUP BY transformatie_id)
     SELECT t.id, t.naam, g.naam AS gemeente, coalesce(t.netto_verloren_ha, 0) AS netto_verloren_ha, coalesce(gegeven.ha, 0) AS toegewezen_ha
     FROM transformatie t JOIN gemeente g ON g.id = t.gemeente_id LEFT JOIN gegeven ON gegeven.transformatie_id = t.id
     WHERE t.status <> 'vervallen'
       AND NOT EXISTS (SELECT 1 FROM compensatie_toewijzing w WHERE w.compensatie_id = $1 AND w.transformatie_id = t.id)
     ORDER BY t.naam, t.id`,
    [compensatieId],
  );
  return rows;
}

/** Hectares the compensatie has given out. */
export async function toegewezenHa(db: Queryable, compensatieId: number): Promise<number> {
  const { rows } = await db.query<{ ha: number }>(
    `SELECT coalesce(sum(hectares), 0) AS ha FROM compensatie_toewijzing WHERE compensatie_id = $1`, [compensatieId],
  );
  return rows[0].ha;
}

export async function insertToewijzing(
  db: Queryable, t: { compensatie_id: number; transformatie_id: number; hectares: number; bestuursovereenkomst_id: number | null },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO compensatie_toewijzing (compensatie_id, transformatie_id, hectares, bestuursovereenkomst_id)
     VALUES ($1, $2, $3::double precision, $4::integer) RETURNING id`,
    [t.compensatie_id, t.transformatie_id, t.hectares, t.bestuursovereenkomst_id],
  );
  return rows[0].id;
}

/** The toewijzing's version (locked), or null when the compensatie has no such toewijzing. */
export async function lockToewijzing(db: Queryable, id: number, compensatieId: number): Promise<{ version: number } | null> {
  const { rows } = await db.query<{ version: number }>(
    `SELECT version FROM compensatie_toewijzing WHERE id = $1 AND compensatie_id = $2 FOR UPDATE`, [id, compensatieId],
  );
  return rows[0] ?? null;
}

export async function deleteToewijzing(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM compensatie_toewijzing WHERE id = $1`, [id]);
}
