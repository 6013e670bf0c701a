// The SQL of the system feature: the database's own health, and the reference table
// of milieucategorieën.
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
