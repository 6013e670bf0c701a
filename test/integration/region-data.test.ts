// Geometric integrity of the region data and of the sample generator, checked in PostGIS.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { testDatabase } from '../support/api.ts';
import { inTransaction } from '../../server/db/database.ts';
import { DEFAULT_SEED, generateSampleData } from '../../geodata/generate.ts';
import { deriveWatergebonden, loadTerreinen } from '../../geodata/region.ts';
import { rdFromWgs84 } from '../support/rd.ts';

const db = testDatabase();
afterAll(() => db.close());
const one = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows[0];

describe('kavels', () => {
  it('never overlap one another', async () => {
    const r = await one(
      `SELECT count(*)::int AS n FROM kavel a JOIN kavel b
         ON a.id < b.id AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
       WHERE ST_Area(ST_Intersection(a.geom, b.geom, 0.001)) > 0.01`,
    );
    expect(r.n).toBe(0);
  });

  it('lie within their terrein', async () => {
    // Geometry is stored on a 1 mm grid, so "within" allows 1 cm: no point of a kavel
    // lies more than 1 cm outside its terrein. One row per kavel, so an overlay that
    // silently drops rows cannot pass as "none outside".
    const { rows } = await db.pool.query(
      `SELECT k.id, ST_Area(ST_Difference(k.geom, t.geom, 0.001)) AS outside_m2,
              ST_CoveredBy(k.geom, ST_Buffer(t.geom, 0.01)) AS covered
       FROM kavel k JOIN terrein t ON t.id = k.terrein_id`,
    );
    const count = await one(`SELECT count(*)::int AS n FROM kavel`);
    expect(rows).toHaveLength(count.n);
    for (const r of rows) {
      expect(r.outside_m2, `kavel ${r.id}`).toBeLessThan(1);
      expect(r.covered, `kavel ${r.id}`).toBe(true);
    }
  });

  it('cover most of each subdivided terrein (net below gross)', async () => {
    const r = await one(
      `SELECT sum(k.oppervlakte_ha) / (SELECT sum(oppervlakte_ha) FROM terrein) AS share FROM kavel k`,
    );
    expect(r.share).toBeGreaterThan(0.9);
    expect(r.share).toBeLessThanOrEqual(1.0000001);
  });

  it("follow the terrein's milieucategorie range", async () => {
    const r = await one(
      `SELECT count(*)::int AS n FROM kavel k JOIN terrein t ON t.id = k.terrein_id
       JOIN milieucategorie km ON km.stelsel = k.milieucategorie_stelsel AND km.code = k.milieucategorie_max
       JOIN milieucategorie tm ON tm.stelsel = t.milieucategorie_stelsel AND tm.code = t.milieucategorie_max
       WHERE km.volgorde > tm.volgorde`,
    );
    expect(r.n).toBe(0);
  });
});

describe('geometry constraints', () => {
  it('rejects an invalid (self-intersecting) polygon at the database', async () => {
    await expect(
      db.pool.query(
        `INSERT INTO kanszone (naam, gemeente_id, geom, bron)
         VALUES ('bowtie', (SELECT min(id) FROM gemeente),
                 ST_Multi(ST_GeomFromText('POLYGON((90000 460000, 90100 460100, 90100 460000, 90000 460100, 90000 460000))', 28992)),
                 'gebruiker')`,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('computes hectares in the database and refuses typed-in areas', async () => {
    await expect(db.pool.query(`UPDATE kavel SET oppervlakte_ha = 1 WHERE id = (SELECT min(id) FROM kavel)`)).rejects.toThrow();
  });

  it('bumps version and updated_at on every update', async () => {
    await inTransaction(db.pool, async (client) => {
      const before = (await client.query(`SELECT id, version FROM kavel ORDER BY id LIMIT 1`)).rows[0];
      const after = (await client.query(`UPDATE kavel SET eigendom = eigendom WHERE id = $1 RETURNING version`, [before.id])).rows[0];
      expect(after.version).toBe(before.version + 1);
      await client.query('ROLLBACK; BEGIN');
    });
  });
});

describe('municipalities', () => {
  it('uses OSM outlines that agree with the CBS 2022 polygons to within 2 %', async () => {
    const cbs = JSON.parse(readFileSync('geodata/gemeenten_economie071_cbs2022.geojson', 'utf8'));
    for (const f of cbs.features) {
      const r = await one(
        `SELECT ST_Area(ST_SymDifference(g.geom, ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326), 28992)), 0.001))
                / ST_Area(g.geom) AS diff
         FROM gemeente g WHERE g.code = $1`,
        [f.properties.statcode, JSON.stringify(f.geometry)],
      );
      expect(r.diff, f.properties.statnaam).toBeLessThan(0.02);
    }
  });

  it('assigns every terrein to the municipality that holds most of it', async () => {
    const r = await one(
      `SELECT count(*)::int AS n FROM terrein t
       WHERE EXISTS (
         SELECT 1 FROM gemeente other WHERE other.id <> t.gemeente_id AND ST_Intersects(other.geom, t.geom)
           AND ST_Area(ST_Intersection(other.geom, t.geom, 0.001)) >
               (SELECT ST_Area(ST_Intersection(g.geom, t.geom, 0.001)) FROM gemeente g WHERE g.id = t.gemeente_id))`,
    );
    expect(r.n).toBe(0);
  });
});

describe('sample data generator', () => {
  const fingerprint = `
    SELECT md5(string_agg(md5(ST_AsBinary(ST_SnapToGrid(geom, 0.001))) || status || planstatus || milieucategorie_max
                          || coalesce(beschikbaar_vanaf::text, '') || eigendom,
                          ',' ORDER BY ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)))) AS fp
    FROM kavel`;

  it('is deterministic: the same seed gives the same kavels', async () => {
    const wipe = `DELETE FROM match_kavel; DELETE FROM match; DELETE FROM ruimtevraag; DELETE FROM bedrijf;
      DELETE FROM compensatie_toewijzing; DELETE FROM kostenpost; DELETE FROM bestuursovereenkomst_partij;
      DELETE FROM bestuursovereenkomst; DELETE FROM compensatie; DELETE FROM transformatie; DELETE FROM kanszone;
      DELETE FROM kavel;`;
    await inTransaction(db.pool, async (client) => {
      const runs: string[] = [];
      for (const seed of [DEFAULT_SEED, DEFAULT_SEED, DEFAULT_SEED + 1]) {
        await client.query(wipe);
        await generateSampleData(client, seed);
        runs.push((await client.query(fingerprint)).rows[0].fp);
      }
      expect(runs[1]).toBe(runs[0]);
      expect(runs[2]).not.toBe(runs[0]); // the fingerprint does see a different data set
      await client.query('ROLLBACK; BEGIN');
    });
  });

  it('marks exactly the terrains within 25 m of an OSM river as water-bound, as recomputed from the source files', async () => {
    // The rule (geodata/SOURCES.md): a terrain is watergebonden when its edge lies within
    // 25 m of an OSM waterway of class "river". Recomputed here from the GeoJSON files,
    // projected with the published RD formulas, without PostGIS.
    const expected = waterBoundTerrains();
    expect(expected.borderline, 'terrains within 0.5 m of the 25 m limit make the comparison ambiguous').toEqual([]);
    expect(expected.indices.size).toBe(10); // SOURCES.md: "10 of the 64 terrains"

    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      // The seeded terrains no user has changed, keyed by their geometry.
      const seeded = (await client.query(
        `SELECT md5(ST_AsBinary(t.geom)) AS geom, t.watergebonden FROM terrein t
         WHERE t.bron = 'osm' AND NOT EXISTS (
           SELECT 1 FROM audit_log a WHERE a.tabel = 'terrein' AND a.record_id = t.id AND a.account_id IS NOT NULL)`,
      )).rows as { geom: string; watergebonden: boolean }[];
      // Load the source once more with the app's loader and rule (rolled back below).
      const before = (await client.query(`SELECT coalesce(max(id), 0) AS n FROM terrein`)).rows[0].n;
      await loadTerreinen(client);
      await deriveWatergebonden(client);
      const loaded = (await client.query(
        `SELECT md5(ST_AsBinary(geom)) AS geom, watergebonden FROM terrein WHERE id > $1 ORDER BY id`, [before],
      )).rows as { geom: string; watergebonden: boolean }[];
      expect(loaded).toHaveLength(expected.count);
      const flagged = new Set(loaded.flatMap((r, i) => (r.watergebonden ? [i] : [])));
      expect([...flagged].sort((a, b) => a - b)).toEqual([...expected.indices].sort((a, b) => a - b));

      // The database the app was seeded with says the same for every untouched terrain.
      const featureOf = new Map(loaded.map((r, i) => [r.geom, i]));
      const matched = seeded.filter((r) => featureOf.has(r.geom));
      expect(matched.length).toBeGreaterThan(expected.count / 2);
      for (const r of matched) expect(r.watergebonden, `terrein from source feature ${featureOf.get(r.geom)}`).toBe(expected.indices.has(featureOf.get(r.geom)!));
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

type Xy = [number, number];

/** Source features (by index) whose polygon lies within 25 m of a river line, in RD New metres. */
function waterBoundTerrains() {
  const parks = JSON.parse(readFileSync('geodata/bedrijventerreinen_osm_economie071.geojson', 'utf8'));
  const ways = JSON.parse(readFileSync('geodata/waterways_osm_bbox.geojson', 'utf8'));
  const rivers: Xy[][] = ways.features
    .filter((f: any) => f.properties.class === 'river')
    .flatMap((f: any) => (f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates))
    .map((line: number[][]) => line.map(rdFromWgs84));
  expect(rivers.length).toBeGreaterThan(0);
  const indices = new Set<number>();
  const borderline: number[] = [];
  parks.features.forEach((f: any, i: number) => {
    const polygons: Xy[][][] = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
      .map((rings: number[][][]) => rings.map((ring) => ring.map(rdFromWgs84)));
    const d = Math.min(...polygons.flatMap((rings) => rivers.map((line) => polygonLineDistance(rings, line))));
    if (d <= WATERGEBONDEN_M) indices.add(i);
    if (Math.abs(d - WATERGEBONDEN_M) < 0.5) borderline.push(i);
  });
  return { indices, borderline, count: parks.features.length as number };
}

const WATERGEBONDEN_M = 25;

/** Planar distance between a polygon (outer ring and holes) and a line: 0 when they touch or the line runs inside. */
function polygonLineDistance(rings: Xy[][], line: Xy[]): number {
  if (line.some((p) => insidePolygon(p, rings))) return 0;
  let best = Infinity;
  for (const ring of rings) {
    for (let a = 0; a < ring.length - 1; a++) {
      for (let b = 0; b < line.length - 1; b++) best = Math.min(best, segmentDistance(ring[a], ring[a + 1], line[b], line[b + 1]));
    }
  }
  return best;
}

function insidePolygon(p: Xy, rings: Xy[][]): boolean {
  let inside = false; // even–odd over all rings, so a point in a hole is outside
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      if ((r[i][1] > p[1]) !== (r[j][1] > p[1]) && p[0] < ((r[j][0] - r[i][0]) * (p[1] - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) inside = !inside;
    }
  }
  return inside;
}

function segmentDistance(a: Xy, b: Xy, c: Xy, d: Xy): number {
  const side = (o: Xy, p: Xy, q: Xy) => Math.sign((p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]));
  if (side(c, d, a) * side(c, d, b) < 0 && side(a, b, c) * side(a, b, d) < 0) return 0; // proper crossing
  const toSegment = (p: Xy, s: Xy, e: Xy) => {
    const dx = e[0] - s[0];
    const dy = e[1] - s[1];
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - s[0]) * dx + (p[1] - s[1]) * dy) / len2));
    return Math.hypot(p[0] - s[0] - t * dx, p[1] - s[1] - t * dy);
  };
  return Math.min(toSegment(a, c, d), toSegment(b, c, d), toSegment(c, a, b), toSegment(d, a, b));
}
