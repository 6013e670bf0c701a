// SQL of the import: the staging table import_object, the measurements the check
// needs (validity, area, gemeenten and terreinen under a polygon, overlaps), and the
// set-based writes of a commit. Geometry is RD New throughout; overlays use the 1 mm grid.
import type pg from 'pg';
import type { GemeenteInVlak } from '../domain/gemeente-keuze.ts';
import type { Probleem, StagedObject } from './mapping.ts';

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export const TABEL: Record<string, string> = {
  kavels: 'kavel', terreinen: 'terrein', kanszones: 'kanszone', transformaties: 'transformatie', compensaties: 'compensatie',
};

/** The gemeente of an existing record of the layer (kavels via their terrein). */
export const gemeenteExpr = (doel: string, alias: string) =>
  doel === 'kavels' ? `(SELECT t.gemeente_id FROM terrein t WHERE t.id = ${alias}.terrein_id)` : `${alias}.gemeente_id`;

export async function wisStaging(db: Queryable, importId: string) {
  await db.query(`DELETE FROM import_object WHERE import_id = $1`, [importId]);
}

/** Staging rows of imports abandoned without cleanup (e.g. a server restart). */
export async function wisOudeStaging(db: Queryable) {
  await db.query(`DELETE FROM import_object WHERE aangemaakt_op < now() - interval '1 day'`);
}

const STAGE_SQL = `
  INSERT INTO import_object (import_id, volgnr, fid, bron_id, eigenschappen, leesproblemen, geom)
  SELECT $1, r.volgnr, r.fid, r.bron_id, r.eigenschappen, r.leesproblemen,
         CASE WHEN r.geometry IS NOT NULL THEN ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), $2::int), 28992) END
  FROM jsonb_to_recordset($3::jsonb) AS r(volgnr int, fid text, bron_id text, eigenschappen jsonb, leesproblemen jsonb, geometry jsonb)`;

/** Stages a batch; a geometry PostGIS cannot read fails that one feature, not the batch. */
export async function stage(db: Queryable, importId: string, epsg: number, batch: StagedObject[]) {
  try {
    await db.query(STAGE_SQL, [importId, epsg, JSON.stringify(batch)]);
  } catch {
    for (const o of batch) {
      try {
        await db.query(STAGE_SQL, [importId, epsg, JSON.stringify([o])]);
      } catch (err) {
        const p: Probleem = { code: 'onleesbare_geometrie', ernst: 'fout', melding: `De geometrie kon niet worden gelezen: ${(err as Error).message}` };
        await db.query(STAGE_SQL, [importId, epsg, JSON.stringify([{ ...o, geometry: null, leesproblemen: [...o.leesproblemen, p] }])]);
      }
    }
  }
}

/** Links staged features to existing records of the same source id (a re-delivery). */
export async function koppelBestaand(db: Queryable, importId: string, doel: string, bron: string) {
  await db.query(
    `UPDATE import_object o SET bestaand_id = b.id, bestaand_versie = b.version
     FROM ${TABEL[doel]} b WHERE o.import_id = $1 AND b.bron = $2 AND b.bron_id = o.bron_id`,
    [importId, bron],
  );
  await db.query(`UPDATE import_object SET bestaand_id = NULL, bestaand_versie = NULL
                  WHERE import_id = $1 AND bron_id IS NULL`, [importId]);
}

export interface Rij {
  volgnr: number;
  bron_id: string | null;
  eigenschappen: Record<string, unknown>;
  leesproblemen: Probleem[];
  bestaand_id: number | null;
  heeft_geom: boolean;
}

export async function rijen(db: Queryable, importId: string, van: number, tot: number): Promise<Rij[]> {
  const { rows } = await db.query<Rij>(
    `SELECT volgnr, bron_id, eigenschappen, leesproblemen, bestaand_id, geom IS NOT NULL AS heeft_geom
     FROM import_object WHERE import_id = $1 AND volgnr BETWEEN $2 AND $3 ORDER BY volgnr`,
    [importId, van, tot],
  );
  return rows;
}

export interface Geldigheid { volgnr: number; valid: boolean; reason: string | null; locatie: { coordinates: [number, number] } | null }

/** PostGIS's verdict on each staged geometry; valid ones get their 1 mm-grid MultiPolygon. */
export async function geldigheid(db: Queryable, importId: string, van: number, tot: number): Promise<Geldigheid[]> {
  const { rows } = await db.query<Geldigheid>(
    `SELECT o.volgnr, d.valid, d.reason, ST_AsGeoJSON(ST_Transform(ST_SetSRID(d.location, 28992), 4326), 7)::json AS locatie
     FROM import_object o, LATERAL ST_IsValidDetail(o.geom) d
     WHERE o.import_id = $1 AND o.volgnr BETWEEN $2 AND $3 AND o.geom IS NOT NULL`,
    [importId, van, tot],
  );
  await db.query(
    `UPDATE import_object
     SET geom_schoon = CASE WHEN ST_IsValid(geom) THEN ST_Multi(ST_CollectionExtract(ST_ReducePrecision(geom, 0.001), 3)) END
     WHERE import_id = $1 AND volgnr BETWEEN $2 AND $3`,
    [importId, van, tot],
  );
  return rows;
}

export interface Meting {
  volgnr: number;
  ha: number;
  gemeenten: GemeenteInVlak[];
  punt: { coordinates: [number, number] } | null;
  /** Kavels: the terreinen under the polygon, largest share first, with their gemeente. */
  terreinen: { id: number; naam: string; ha: number; gemeente_id: number }[] | null;
  ewkt: string;
}

export async function metingen(db: Queryable, importId: string, van: number, tot: number, doel: string): Promise<Meting[]> {
  const { rows } = await db.query<Meting>(
    `SELECT o.volgnr, ST_Area(o.geom_schoon) / 10000 AS ha, gemeenten_onder(o.geom_schoon) AS gemeenten,
            ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(o.geom_schoon), 4326), 7)::json AS punt,
            ${doel === 'kavels'
              ? `(SELECT coalesce(jsonb_agg(t || jsonb_build_object('gemeente_id', r.gemeente_id)), '[]'::jsonb)
                  FROM jsonb_array_elements(terreinen_onder(o.geom_schoon)) t JOIN terrein r ON r.id = (t->>'id')::int)`
              : 'NULL'} AS terreinen,
            ST_AsEWKT(o.geom_schoon) AS ewkt
     FROM import_object o
     WHERE o.import_id = $1 AND o.volgnr BETWEEN $2 AND $3 AND o.geom_schoon IS NOT NULL AND NOT ST_IsEmpty(o.geom_schoon)`,
    [importId, van, tot],
  );
  return rows;
}

export interface Bestaand { volgnr: number; id: number; version: number; rij: Record<string, unknown>; zelfde_vorm: boolean | null; gemeente_id: number }

/**
 * A delivered polygon is the same shape as the stored one when no point of either lies
 * further than this from the other (metres, RD New). A GeoJSON file in WGS84 with 7
 * decimals, our own export included, places a vertex up to about 1 cm off; nothing in
 * planning business land turns on 2 cm, and a real redrawn boundary moves far more.
 */
export const ZELFDE_VORM_TOT_M = 0.02;

export async function bestaande(db: Queryable, importId: string, van: number, tot: number, doel: string): Promise<Bestaand[]> {
  const { rows } = await db.query<Bestaand>(
    `SELECT o.volgnr, b.id, b.version, to_jsonb(b) - 'geom' AS rij,
            CASE WHEN o.geom_schoon IS NOT NULL
              -- Densified, so that a moved edge counts too, not only moved vertices.
              THEN ST_Equals(b.geom, o.geom_schoon) OR ST_HausdorffDistance(b.geom, o.geom_schoon, 0.1) <= ${ZELFDE_VORM_TOT_M} END AS zelfde_vorm,
            ${gemeenteExpr(doel, 'b')} AS gemeente_id
     FROM import_object o JOIN ${TABEL[doel]} b ON b.id = o.bestaand_id
     WHERE o.import_id = $1 AND o.volgnr BETWEEN $2 AND $3`,
    [importId, van, tot],
  );
  return rows;
}

export interface Overlap {
  volgnr: number; ander_id: number; ander_naam: string | null; m2: number; in_bestand: boolean;
  /** The other is a kavel of this source that the file no longer has (removal is up to the user). */
  ontbrekend: boolean;
}

/**
 * Kavels may not overlap: each staged kavel against the existing kavels (other than
 * the ones this import updates) and against the earlier kavels of the same file.
 * Guarded like the editor's overlaps: the overlay must give one row per intersecting
 * pair, else the feature gets a "could not measure" finding instead of a silent pass.
 */
export async function kavelOverlappen(db: Queryable, importId: string, van: number, tot: number, bron: string): Promise<{ overlappen: Overlap[]; mislukt: number[] }> {
  const paren = `
    WITH o AS (SELECT volgnr, geom_schoon AS g FROM import_object
               WHERE import_id = $1 AND volgnr BETWEEN $2 AND $3 AND geom_schoon IS NOT NULL AND NOT ST_IsEmpty(geom_schoon)),
         bijgewerkt AS (SELECT bestaand_id FROM import_object WHERE import_id = $1 AND bestaand_id IS NOT NULL),
         paar AS (
           SELECT o.volgnr, k.id AS ander_id, k.naam AS ander_naam, k.geom AS ander, o.g, false AS in_bestand,
                  (k.bron = $4 AND k.bron_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM import_object s WHERE s.import_id = $1 AND s.bron_id = k.bron_id)) AS ontbrekend
           FROM o JOIN kavel k ON k.geom && o.g AND ST_Intersects(k.geom, o.g)
           WHERE k.id NOT IN (SELECT bestaand_id FROM bijgewerkt)
           UNION ALL
           SELECT o.volgnr, b.volgnr, coalesce(b.eigenschappen->>'naam', b.bron_id), b.geom_schoon, o.g, true, false
           FROM o JOIN import_object b ON b.import_id = $1 AND b.volgnr < o.volgnr AND b.geom_schoon && o.g AND ST_Intersects(b.geom_schoon, o.g))`;
  const [gemeten, verwacht] = [
    await db.query<Overlap>(`${paren} SELECT volgnr, ander_id, ander_naam, ST_Area(ST_Intersection(ander, g, 0.001)) AS m2, in_bestand, ontbrekend FROM paar`, [importId, van, tot, bron]),
    await db.query<{ volgnr: number; n: number }>(`${paren} SELECT volgnr, count(*)::int AS n FROM paar GROUP BY volgnr`, [importId, van, tot, bron]),
  ];
  const mislukt = verwacht.rows
    .filter((v) => gemeten.rows.filter((r) => r.volgnr === v.volgnr && r.m2 !== null).length !== v.n)
    .map((v) => v.volgnr);
  return { overlappen: gemeten.rows, mislukt };
}

export interface Uitkomst { volgnr: number; waarden: Record<string, unknown> | null; oordeel: string; problemen: Probleem[] }

export async function slaUitkomstOp(db: Queryable, importId: string, uitkomsten: Uitkomst[]) {
  if (!uitkomsten.length) return;
  await db.query(
    `UPDATE import_object o SET waarden = r.waarden, oordeel = r.oordeel, problemen = r.problemen
     FROM jsonb_to_recordset($2::jsonb) AS r(volgnr int, waarden jsonb, oordeel text, problemen jsonb)
     WHERE o.import_id = $1 AND o.volgnr = r.volgnr`,
    [importId, JSON.stringify(uitkomsten)],
  );
}

export interface Ontbrekend { id: number; naam: string | null; bron_id: string; gemeente_id: number; gemeente: string }

/** Records of this source that the file no longer has (the candidates for removal). */
export async function ontbrekend(db: Queryable, importId: string, doel: string, bron: string, zacht: boolean): Promise<Ontbrekend[]> {
  const { rows } = await db.query<Ontbrekend>(
    `SELECT b.id, b.naam, b.bron_id, ${gemeenteExpr(doel, 'b')} AS gemeente_id,
            (SELECT g.naam FROM gemeente g WHERE g.id = ${gemeenteExpr(doel, 'b')}) AS gemeente
     FROM ${TABEL[doel]} b
     WHERE b.bron = $2 AND b.bron_id IS NOT NULL ${zacht ? `AND b.status <> 'vervallen'` : ''}
       AND NOT EXISTS (SELECT 1 FROM import_object o WHERE o.import_id = $1 AND o.bron_id = b.bron_id)
     ORDER BY b.id`,
    [importId, bron],
  );
  return rows;
}

export interface RapportRij {
  volgnr: number; fid: string | null; bron_id: string | null; naam: string | null; oordeel: string;
  problemen: Probleem[]; ha: number | null; bestaand_id: number | null;
}

export async function rapportRijen(db: Queryable, importId: string): Promise<RapportRij[]> {
  const { rows } = await db.query<RapportRij>(
    `SELECT volgnr, fid, bron_id, coalesce(waarden->>'naam', eigenschappen->>'naam') AS naam, coalesce(oordeel, 'fout') AS oordeel,
            problemen, CASE WHEN geom_schoon IS NOT NULL THEN round((ST_Area(geom_schoon) / 10000)::numeric, 4)::float8 END AS ha, bestaand_id
     FROM import_object WHERE import_id = $1 ORDER BY volgnr`,
    [importId],
  );
  return rows;
}

/** Staged features as WGS84 GeoJSON for the map preview. */
export async function stagingKaart(db: Queryable, importId: string) {
  const { rows } = await db.query(
    `SELECT volgnr, bron_id, coalesce(waarden->>'naam', eigenschappen->>'naam') AS naam, oordeel,
            jsonb_array_length(problemen) AS problemen,
            ST_AsGeoJSON(ST_Transform(coalesce(geom_schoon, geom), 4326), 7)::json AS geometry
     FROM import_object WHERE import_id = $1 AND geom IS NOT NULL ORDER BY volgnr`,
    [importId],
  );
  return {
    type: 'FeatureCollection' as const,
    features: rows.map(({ geometry, ...p }) => ({ type: 'Feature' as const, id: p.volgnr as number, geometry, properties: p })),
  };
}

/** Records of the layer changed since the check (their version moved on). */
export async function versiesVeranderd(db: Queryable, importId: string, doel: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM import_object o JOIN ${TABEL[doel]} b ON b.id = o.bestaand_id
     WHERE o.import_id = $1 AND o.oordeel IN ('gewijzigd', 'ongewijzigd') AND b.version <> o.bestaand_versie`,
    [importId],
  );
  return rows[0].n;
}

/** Column groups: features whose values name the same columns are written in one statement. */
export async function kolomGroepen(db: Queryable, importId: string, oordeel: 'nieuw' | 'gewijzigd') {
  const { rows } = await db.query<{ kolommen: string[]; volgnrs: number[] }>(
    `SELECT k.kolommen, array_agg(k.volgnr ORDER BY k.volgnr) AS volgnrs
     FROM (SELECT volgnr, ARRAY(SELECT jsonb_object_keys(waarden) ORDER BY 1) AS kolommen
           FROM import_object WHERE import_id = $1 AND oordeel = $2) k
     GROUP BY k.kolommen`,
    [importId, oordeel],
  );
  return rows;
}

const ident = (c: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`ongeldige kolom ${c}`);
  return c;
};

export async function voegToe(db: Queryable, importId: string, doel: string, bron: string, kolommen: string[], volgnrs: number[]): Promise<number[]> {
  const t = TABEL[doel];
  const cols = kolommen.map(ident);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO ${t} (${[...cols, 'geom', 'bron', 'bron_id'].join(', ')})
     SELECT ${[...cols.map((c) => `r.${c}`), 'o.geom_schoon', '$2', 'o.bron_id'].join(', ')}
     FROM import_object o, jsonb_populate_record(NULL::${t}, o.waarden) r
     WHERE o.import_id = $1 AND o.oordeel = 'nieuw' AND o.volgnr = ANY($3::int[])
     ORDER BY o.volgnr
     RETURNING id`,
    [importId, bron, volgnrs],
  );
  return rows.map((r) => r.id);
}

export async function werkBij(db: Queryable, importId: string, doel: string, kolommen: string[], volgnrs: number[]): Promise<number[]> {
  const t = TABEL[doel];
  const sets = [...kolommen.map(ident).map((c) => `${c} = r.${c}`), 'geom = o.geom_schoon'];
  const { rows } = await db.query<{ id: number }>(
    `UPDATE ${t} b SET ${sets.join(', ')}
     FROM import_object o, jsonb_populate_record(NULL::${t}, o.waarden) r
     WHERE o.import_id = $1 AND o.oordeel = 'gewijzigd' AND o.volgnr = ANY($2::int[])
       AND b.id = o.bestaand_id AND b.version = o.bestaand_versie
     RETURNING b.id`,
    [importId, volgnrs],
  );
  return rows.map((r) => r.id);
}

/**
 * The records this import changes or removes whose current state took effect after
 * `datum`: the import's changes cannot take effect before them (latest first).
 */
export async function laterGewijzigd(db: Queryable, importId: string, tabel: string, verwijderIds: number[], datum: string) {
  const { rows } = await db.query<{ id: number; naam: string | null; geldig_vanaf: string }>(
    `SELECT b.id, b.naam, b.geldig_vanaf::text AS geldig_vanaf FROM ${tabel} b
     WHERE b.geldig_vanaf > $3::date
       AND (b.id = ANY($2::int[]) OR b.id IN (SELECT bestaand_id FROM import_object WHERE import_id = $1 AND oordeel = 'gewijzigd'))
     ORDER BY b.geldig_vanaf DESC, b.id`, [importId, verwijderIds, datum]);
  return rows;
}
