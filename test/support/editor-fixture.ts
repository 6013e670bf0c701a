// Hand-built geometry for the editor tests: an empty spot in the region (far from the
// seed data and from what other test files drew), and RD New boxes/lines around it
// converted to WGS84 GeoJSON by PostGIS, so the test and the server use one projection.
import type { Database } from '../../server/db/database.ts';

export interface Spot {
  /** RD New origin of the spot. */
  x: number;
  y: number;
  gemeente: string;
  gemeente_id: number;
}

/**
 * The point of Katwijk or Leiden (the gemeenten of the werkgroep test accounts) farthest
 * from any terrein, transformatie, compensatie or kanszone and from the gemeente's border
 * (about 1.4 km in the sample region). Draw within ±900 m of it.
 */
export async function findEmptySpot(db: Database, minClearance = 1_200): Promise<Spot> {
  const { rows } = await db.pool.query(
    `WITH r AS (SELECT ST_Extent(geom) AS e FROM gemeente WHERE naam IN ('Katwijk', 'Leiden')),
          pts AS (SELECT ST_SetSRID(ST_MakePoint(x, y), 28992) AS p
                  FROM r, generate_series(floor(ST_XMin(e))::int, ceil(ST_XMax(e))::int, 200) x,
                          generate_series(floor(ST_YMin(e))::int, ceil(ST_YMax(e))::int, 200) y),
          bezet AS (SELECT geom FROM terrein UNION ALL SELECT geom FROM transformatie
                    UNION ALL SELECT geom FROM compensatie UNION ALL SELECT geom FROM kanszone),
          q AS (SELECT p, g.naam AS gemeente, g.id AS gemeente_id,
                       least((SELECT min(ST_Distance(b.geom, p)) FROM bezet b), ST_Distance(ST_Boundary(g.geom), p)) AS vrij
                FROM pts JOIN gemeente g ON g.naam IN ('Katwijk', 'Leiden') AND ST_Contains(g.geom, p))
     SELECT ST_X(p) AS x, ST_Y(p) AS y, gemeente, gemeente_id, vrij FROM q ORDER BY vrij DESC, ST_X(p), ST_Y(p) LIMIT 1`,
  );
  if (!rows[0] || rows[0].vrij < minClearance) throw new Error(`no empty spot in Katwijk or Leiden (best: ${JSON.stringify(rows[0])})`);
  return rows[0];
}

export type Polygon = { type: 'Polygon'; coordinates: number[][][] };
export type LineString = { type: 'LineString'; coordinates: number[][] };

/** WGS84 GeoJSON of an RD New polygon given by its ring (offsets from the spot). */
export async function rdPolygon(db: Database, spot: Spot, ring: [number, number][]): Promise<Polygon> {
  const closed = [...ring, ring[0]];
  const wkt = `POLYGON((${closed.map(([dx, dy]) => `${spot.x + dx} ${spot.y + dy}`).join(', ')}))`;
  const { rows } = await db.pool.query(`SELECT ST_AsGeoJSON(ST_Transform(ST_GeomFromText($1, 28992), 4326), 10)::json AS g`, [wkt]);
  return rows[0].g;
}

/** An RD New box (offsets from the spot) as WGS84 GeoJSON. */
export const rdBox = (db: Database, spot: Spot, x1: number, y1: number, x2: number, y2: number) =>
  rdPolygon(db, spot, [[x1, y1], [x2, y1], [x2, y2], [x1, y2]]);

export async function rdLine(db: Database, spot: Spot, points: [number, number][]): Promise<LineString> {
  const wkt = `LINESTRING(${points.map(([dx, dy]) => `${spot.x + dx} ${spot.y + dy}`).join(', ')})`;
  const { rows } = await db.pool.query(`SELECT ST_AsGeoJSON(ST_Transform(ST_GeomFromText($1, 28992), 4326), 10)::json AS g`, [wkt]);
  return rows[0].g;
}

const CLEANUP_TABLES = ['compensatie_toewijzing', 'kostenpost', 'bestuursovereenkomst_partij', 'bestuursovereenkomst',
  'kavel', 'kanszone', 'transformatie', 'compensatie', 'terrein'] as const;

/**
 * Remembers the highest id per table; `restore()` deletes every row added since, so a test
 * file leaves the shared database as it found it (files run one after another).
 */
export async function rememberIds(db: Database) {
  const marks: Record<string, number> = {};
  for (const t of CLEANUP_TABLES) {
    const { rows } = await db.pool.query(`SELECT coalesce(max(id), 0)::int AS id FROM ${t}`);
    marks[t] = rows[0].id;
  }
  return {
    async restore() {
      for (const t of CLEANUP_TABLES) await db.pool.query(`DELETE FROM ${t} WHERE id > $1`, [marks[t]]);
    },
  };
}
