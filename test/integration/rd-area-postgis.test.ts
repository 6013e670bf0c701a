// The editor's live area preview (web/editor/rdArea.ts, proj4 in the browser) must
// match what PostGIS stores. Checked against PostGIS itself on both databases, and
// PostGIS against the published RD origin and the published RD formulas.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { testDatabase } from '../support/api.ts';
import { rdAreaHa } from '../../web/editor/rdArea.ts';
import { AMERSFOORT, rdRectangle } from '../support/rd.ts';

const db = testDatabase();
afterAll(() => db.close());

/** PostGIS hectares of WGS84 polygons, as the app computes them, in one round trip. */
async function postgisHa(polygons: Polygon[]): Promise<number[]> {
  const { rows } = await db.pool.query(
    `SELECT ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326), 28992)) / 10000 AS ha
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS p(g, i) ORDER BY i`,
    [JSON.stringify(polygons)],
  );
  return rows.map((r) => Number(r.ha));
}

describe('RD New in PostGIS', () => {
  it('puts the published WGS84 position of the Onze Lieve Vrouwetoren on the RD origin 155000, 463000 (within 1 m)', async () => {
    const { rows } = await db.pool.query(
      `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 28992) AS p) q`,
      [AMERSFOORT.lng, AMERSFOORT.lat],
    );
    expect(Math.hypot(rows[0].x - AMERSFOORT.x, rows[0].y - AMERSFOORT.y)).toBeLessThan(1);
  });

  it('measures rectangles laid out in RD metres with the published formulas at their exact area', async () => {
    const shapes: [Polygon, number][] = [
      [{ type: 'Polygon', coordinates: [rdRectangle(AMERSFOORT.x - 50, AMERSFOORT.y - 50, 100, 100)] }, 1],
      [{ type: 'Polygon', coordinates: [rdRectangle(93_400, 463_600, 300, 200)] }, 6],
      [{ type: 'Polygon', coordinates: [rdRectangle(84_000, 455_000, 15_000, 20)] }, 30],
    ];
    const ha = await postgisHa(shapes.map(([p]) => p));
    shapes.forEach(([, exact], i) => expect(Math.abs(ha[i] - exact) / exact).toBeLessThan(1e-5));
  });
});

describe('the editor preview against PostGIS', () => {
  it('agrees with ST_Area(ST_Transform(…, 28992)) on random polygons across the region, to 1 ppm', async () => {
    // Quadrilaterals from 10 m to 2 km anywhere in the study bbox, sent to PostGIS in one batch.
    const polygon = fc
      .record({
        x: fc.double({ min: 4.35, max: 4.6, noNaN: true }),
        y: fc.double({ min: 52.08, max: 52.25, noNaN: true }),
        w: fc.double({ min: 0.0002, max: 0.03, noNaN: true }),
        h: fc.double({ min: 0.0002, max: 0.03, noNaN: true }),
        skew: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
      })
      .map(({ x, y, w, h, skew }): Polygon => ({
        type: 'Polygon',
        coordinates: [[[x, y], [x + w, y + h * skew], [x + w, y + h], [x + w * skew, y + h * 1.2], [x, y]]],
      }));
    const polygons = fc.sample(polygon, { numRuns: 300, seed: 71 });
    // And one with a hole, and one of the region's real shapes.
    const outer = rdRectangle(93_400, 463_600, 300, 200);
    const hole = rdRectangle(93_500, 463_650, 100, 100).reverse();
    polygons.push({ type: 'Polygon', coordinates: [outer, hole] });
    const { rows } = await db.pool.query(`SELECT ST_AsGeoJSON(ST_Transform(geom, 4326), 9)::json AS g FROM terrein ORDER BY oppervlakte_ha DESC LIMIT 5`);
    for (const r of rows) polygons.push(...(r.g.type === 'Polygon' ? [r.g] : r.g.coordinates.map((c: Polygon['coordinates']) => ({ type: 'Polygon', coordinates: c }))));

    const reference = await postgisHa(polygons);
    const worst = Math.max(...polygons.map((p, i) => Math.abs(rdAreaHa(p) - reference[i]) / reference[i]));
    expect(worst).toBeLessThan(1e-6);
  }, 60_000);
});
