// Hand-built geometry for the editor tests: an empty spot in the region (far from the
// seed data and from what other test files drew), and RD New boxes/lines around it
// converted to WGS84 GeoJSON by PostGIS, so the test and the server use one projection.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { testApp, testDatabase, type Client } from './api.ts';
import type { TestRole } from './accounts.ts';

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

/**
 * A test file that draws in the region: its database and app, an empty spot found before
 * its tests (`spot()`, read inside hooks and tests), and every record it made removed
 * after them (the database closed). The file's own before-hooks run after this set-up,
 * its after-hooks before this clean-up (vitest runs after-hooks in reverse order).
 */
export function drawingTestFile() {
  const db = testDatabase();
  const api = testApp(db);
  let found: Spot | undefined;
  let cleanup: Awaited<ReturnType<typeof rememberIds>> | undefined;
  beforeAll(async () => {
    cleanup = await rememberIds(db);
    found = await findEmptySpot(db);
  });
  afterAll(async () => {
    await cleanup?.restore();
    await db.close();
  });
  const spot = () => {
    if (!found) throw new Error('the empty spot is found in beforeAll; read it inside a hook or a test');
    return found;
  };
  return { db, api, spot };
}

/**
 * A point on the border of two region gemeenten, far from anything drawn, where a box of
 * ±`half` m lies in those two gemeenten only (for tests of a polygon spanning both).
 * `gemeente` and `ander` are the two gemeenten meeting there.
 */
export async function findBorderSpot(db: Database, half = 200): Promise<Spot & { ander: string; ander_id: number }> {
  const { rows } = await db.pool.query(
    `WITH paren AS (
            SELECT a.id AS a_id, a.naam AS a_naam, b.id AS b_id, b.naam AS b_naam, a.geom AS a_geom, b.geom AS b_geom,
                   ST_Segmentize(ST_CollectionExtract(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)), 2), 50) AS rand
            FROM gemeente a JOIN gemeente b ON a.id < b.id AND a.in_regio AND b.in_regio AND ST_Touches(a.geom, b.geom)),
          pts AS (SELECT p.*, (ST_DumpPoints(rand)).geom AS pt FROM paren p),
          bezet AS (SELECT geom FROM terrein UNION ALL SELECT geom FROM transformatie
                    UNION ALL SELECT geom FROM compensatie UNION ALL SELECT geom FROM kanszone UNION ALL SELECT geom FROM kavel)
     SELECT ST_X(pt) AS x, ST_Y(pt) AS y, a_id, a_naam, b_id, b_naam,
            ST_Area(ST_Intersection(a_geom, ST_Expand(pt, $1))) AS a_m2,
            (SELECT min(ST_Distance(z.geom, pt)) FROM bezet z WHERE ST_DWithin(z.geom, pt, 2000)) AS vrij
     FROM pts
     WHERE ST_Within(ST_Expand(pt, $1), ST_Union(a_geom, b_geom))
       AND ST_Area(ST_Intersection(a_geom, ST_Expand(pt, $1))) BETWEEN 0.2 * (4 * $1 * $1) AND 0.8 * (4 * $1 * $1)
     ORDER BY coalesce((SELECT min(ST_Distance(z.geom, pt)) FROM bezet z WHERE ST_DWithin(z.geom, pt, 2000)), 2000) DESC, a_id, b_id, ST_X(pt), ST_Y(pt)
     LIMIT 1`,
    [half],
  );
  const r = rows[0];
  if (!r || (r.vrij ?? 2000) < half * 2) throw new Error(`no free border spot (best: ${JSON.stringify(r)})`);
  return { x: r.x, y: r.y, gemeente: r.a_naam, gemeente_id: r.a_id, ander: r.b_naam, ander_id: r.b_id };
}

/** POST a GeoJSON Feature to /api/<layer> and expect it created; the saved Feature. */
export async function createFeature(client: Client, layer: string, geometry: unknown, properties: Record<string, unknown>) {
  const reply = await client.send('POST', `/api/${layer}`, { type: 'Feature', geometry, properties });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** The werkgroep of the spot's gemeente and that of another gemeente (Leiden or Katwijk). */
export async function werkgroepenVoor(api: { as(role: TestRole): Promise<Client> }, spot: Spot): Promise<{ own: Client; other: Client }> {
  const ownRole: TestRole = spot.gemeente === 'Katwijk' ? 'werkgroep_katwijk' : 'werkgroep_leiden';
  return { own: await api.as(ownRole), other: await api.as(ownRole === 'werkgroep_katwijk' ? 'werkgroep_leiden' : 'werkgroep_katwijk') };
}
