// Geometric integrity of the region data and of the sample generator, checked in PostGIS.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { testDatabase } from '../support/api.ts';
import { inTransaction } from '../../server/db/database.ts';
import { DEFAULT_SEED, generateSampleData } from '../../geodata/generate.ts';

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

  it('marks water-bound terrains by the documented rule', async () => {
    const r = await one(`SELECT count(*) FILTER (WHERE watergebonden)::int AS wg, count(*)::int AS n FROM terrein`);
    expect(r.wg).toBeGreaterThan(0);
    expect(r.wg).toBeLessThan(r.n / 2);
  });
});
