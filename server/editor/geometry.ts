// Geometry preparation: a drawn WGS84 polygon becomes a valid MultiPolygon in RD New
// on the 1 mm grid (see README, "Notes on the embedded database"), or a Dutch 422
// that says what is wrong and where.
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import { checkPolygonal, MIN_AREA_HA, teKleinMelding } from '../domain/geometry.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

export const GEOM_FROM_PARAM = (p: string) => `ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${p}), 4326), 28992)`;

export interface PreparedGeometry {
  /** RD New (EPSG:28992) EWKT of a valid MultiPolygon. */
  ewkt: string;
  ha: number;
}

/** Checks a WGS84 polygon and returns it as a valid MultiPolygon in RD New (as EWKT) plus its area. */
export async function prepareGeometry(db: Queryable, geometry: unknown, wat: 'vlak' | 'gat' = 'vlak'): Promise<PreparedGeometry> {
  const problem = checkPolygonal(geometry);
  if (problem) throw new ApiError(422, problem.code, problem.message, { reden: problem.code, locatie: problem.locatie });
  const { rows } = await db.query(
    `WITH g AS (SELECT ${GEOM_FROM_PARAM('$1')} AS geom),
          d AS (SELECT (ST_IsValidDetail(geom)).* FROM g)
     SELECT d.valid, d.reason, ST_AsGeoJSON(ST_Transform(ST_SetSRID(d.location, 28992), 4326), 7)::json AS location,
            CASE WHEN d.valid THEN ST_AsEWKT(ST_Multi(ST_CollectionExtract(ST_ReducePrecision(g.geom, 0.001), 3))) END AS ewkt
     FROM g, d`,
    [JSON.stringify(geometry)],
  );
  const r = rows[0];
  if (!r) throw new ApiError(422, 'ongeldige_geometrie', 'De geometrie kon niet worden gelezen.');
  if (!r.valid) {
    const selfIntersection = /self-intersection|ring self-intersection/i.test(r.reason ?? '');
    const locatie = r.location?.coordinates as [number, number] | undefined;
    throw new ApiError(
      422,
      selfIntersection ? 'zelfdoorsnijding' : 'ongeldige_geometrie',
      selfIntersection
        ? 'De lijnen van het vlak kruisen zichzelf. Pas de punten bij de gemarkeerde plek aan.'
        : `De geometrie is ongeldig: ${r.reason}.`,
      { reden: selfIntersection ? 'zelfdoorsnijding' : 'ongeldige_geometrie', postgis: r.reason, locatie },
    );
  }
  const area = await db.query<{ ha: number; empty: boolean }>(
    `SELECT ST_Area(g) / 10000 AS ha, ST_IsEmpty(g) AS empty FROM ST_GeomFromEWKT($1) g`,
    [r.ewkt],
  );
  if (area.rows[0].empty || area.rows[0].ha < MIN_AREA_HA) {
    const code = wat === 'gat' ? 'gat_te_klein' : 'te_klein';
    const m2 = area.rows[0].empty ? 0 : area.rows[0].ha * 10_000;
    throw new ApiError(422, code, teKleinMelding(m2, wat), { reden: code, m2, min_ha: MIN_AREA_HA });
  }
  return { ewkt: r.ewkt, ha: area.rows[0].ha };
}

/** A stored RD New GeoJSON geometry (as the audit trail keeps it) as EWKT. */
export async function ewktOfStoredGeoJson(db: Queryable, geometry: unknown): Promise<string> {
  const { rows } = await db.query<{ ewkt: string }>(`SELECT ST_AsEWKT(ST_SetSRID(ST_GeomFromGeoJSON($1), 28992)) AS ewkt`, [JSON.stringify(geometry)]);
  return rows[0].ewkt;
}
