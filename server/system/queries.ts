// The SQL of the system feature: the database's own health, the reference table of
// milieucategorieën, and the area the map opens on.
import type pg from 'pg';

export async function postgisVersion(pool: pg.Pool): Promise<string> {
  return (await pool.query<{ v: string }>('SELECT postgis_lib_version() AS v')).rows[0].v;
}

export interface Milieucategorie {
  code: string;
  volgorde: number;
  omschrijving: string;
  richtafstand_m: number;
  richtafstand_gemengd_m: number;
}

/** The VNG 2009 categories in force today, in their order. */
export async function milieucategorieen(pool: pg.Pool): Promise<Milieucategorie[]> {
  const { rows } = await pool.query<Milieucategorie>(
    `SELECT code, volgorde, omschrijving, richtafstand_m, richtafstand_gemengd_m
     FROM milieucategorie WHERE stelsel = 'VNG2009' AND (geldig_tot IS NULL OR geldig_tot > current_date)
     ORDER BY volgorde`,
  );
  return rows;
}

/** [west, south, east, north] in WGS84. */
export type Gebied = [number, number, number, number];

/**
 * The area of the gemeenten in the database (a region or the whole country), in WGS84:
 * each outline's RD New box transformed, so the answer is quick at any scale. Null when
 * there are no gemeenten yet.
 */
export async function gemeentenGebied(pool: pg.Pool): Promise<Gebied | null> {
  const { rows } = await pool.query<{ w: number | null; s: number; e: number; n: number }>(
    `SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n
     FROM (SELECT ST_Extent(ST_Transform(ST_Envelope(geom), 4326)) AS b FROM gemeente) x`,
  );
  const r = rows[0];
  return r && r.w !== null ? [r.w, r.s, r.e, r.n] : null;
}
