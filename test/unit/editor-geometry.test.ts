// Browser-side editor geometry: the RD New area preview agrees with the published
// RD approximation formulas (PostGIS: test/integration/rd-area-postgis.test.ts), snapping prefers vertices over edges, and the form
// mapping sends only schema keys with empty optionals as null.
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import fc from 'fast-check';
import { rdAreaHa } from '../../web/editor/rdArea.ts';
import { snapPoint, featuresInView, boxOf } from '../../web/editor/snapping.ts';
import { checkFinished, vertexCount } from '../../web/editor/validation.ts';
import { changedProperties, initialValues, toProperties } from '../../web/editor/fields.ts';
import { AMERSFOORT, rdAreaHa as referenceHa, rdRectangle } from '../support/rd.ts';

const square = (lng: number, lat: number, d: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});

describe('rdAreaHa', () => {
  // Rectangles laid out in RD New metres and turned into WGS84 with the published
  // formulas (test/support/rd.ts): their area is known exactly, whatever the app does.
  const rect = (x: number, y: number, w: number, h: number): Polygon => ({ type: 'Polygon', coordinates: [rdRectangle(x, y, w, h)] });
  const LEIDEN_STADHUIS = { x: 93_400, y: 463_600 }; // RD New, the centre of Leiden

  it('measures a 100 m × 100 m square drawn in RD New as 1 ha, at the Amersfoort origin and in Leiden', () => {
    expect(rdAreaHa(rect(AMERSFOORT.x - 50, AMERSFOORT.y - 50, 100, 100))).toBeCloseTo(1, 5);
    expect(rdAreaHa(rect(LEIDEN_STADHUIS.x, LEIDEN_STADHUIS.y, 100, 100))).toBeCloseTo(1, 5);
    // A long thin strip across the region (15 km × 20 m = 30 ha): scale errors add up over the length.
    expect(rdAreaHa(rect(84_000, 455_000, 15_000, 20))).toBeCloseTo(30, 3);
  });

  it('subtracts holes and adds the parts of a MultiPolygon', () => {
    const outer = rdRectangle(LEIDEN_STADHUIS.x, LEIDEN_STADHUIS.y, 300, 200); // 6 ha
    const hole = rdRectangle(LEIDEN_STADHUIS.x + 100, LEIDEN_STADHUIS.y + 50, 100, 100).reverse(); // 1 ha
    const withHole: Polygon = { type: 'Polygon', coordinates: [outer, hole] };
    expect(rdAreaHa(withHole)).toBeCloseTo(5, 5);
    const two: MultiPolygon = { type: 'MultiPolygon', coordinates: [[outer, hole], [rdRectangle(LEIDEN_STADHUIS.x + 500, LEIDEN_STADHUIS.y, 50, 40)]] };
    expect(rdAreaHa(two)).toBeCloseTo(5.2, 5);
  });

  it('agrees with the published RD approximation on random polygons anywhere in the region', () => {
    // Random convex-ish quadrilaterals of 10 m to 2 km in the study bbox (lon 4.35–4.60, lat 52.08–52.25).
    const lng = fc.double({ min: 4.35, max: 4.6, noNaN: true });
    const lat = fc.double({ min: 52.08, max: 52.25, noNaN: true });
    const size = fc.double({ min: 0.0002, max: 0.03, noNaN: true });
    fc.assert(
      fc.property(lng, lat, size, size, fc.double({ min: 0.1, max: 0.9, noNaN: true }), (x, y, w, h, skew) => {
        const ring = [[x, y], [x + w, y + h * skew], [x + w, y + h], [x + w * skew, y + h * 1.2], [x, y]];
        const p: Polygon = { type: 'Polygon', coordinates: [ring] };
        const reference = referenceHa(p);
        expect(Math.abs(rdAreaHa(p) - reference) / reference).toBeLessThan(1e-6);
      }),
      { numRuns: 300, seed: 71 },
    );
  }, 30_000);
});

describe('draw-time checks', () => {
  it('refuses bow ties, tiny polygons and fewer than 3 points', () => {
    const bow: Polygon = { type: 'Polygon', coordinates: [[[4.48, 52.16], [4.482, 52.162], [4.482, 52.16], [4.48, 52.162], [4.48, 52.16]]] };
    expect(checkFinished(bow)).toMatch(/kruisen/);
    expect(checkFinished(square(4.48, 52.16, 0.0005))).toBeNull();
    expect(checkFinished(square(4.48, 52.16, 0.00005))).toMatch(/0,01 ha/);
    const line: Polygon = { type: 'Polygon', coordinates: [[[4.48, 52.16], [4.49, 52.16], [4.48, 52.16]]] };
    expect(vertexCount(line)).toBe(2);
    expect(checkFinished(line)).toMatch(/minstens 3/);
  });
});

describe('snapPoint', () => {
  // A plain 1:1 "projection" in units of 1e-5 degrees, so pixels are easy to reason about.
  const project = (lng: number, lat: number) => ({ x: lng * 1e5, y: -lat * 1e5 });
  const unproject = (x: number, y: number) => ({ lng: x / 1e5, lat: -y / 1e5 });
  const f = { type: 'Feature' as const, properties: {}, geometry: square(1, 1, 0.001) };
  const candidates = featuresInView([{ feature: f, box: boxOf(f.geometry) }], [0, 0, 2, 2]);

  it('snaps to a vertex within the tolerance', () => {
    expect(snapPoint(candidates, 1.00005, 1.00005, project, unproject)).toEqual([1, 1]);
  });

  it('snaps to the nearest point on an edge when no vertex is near', () => {
    const p = snapPoint(candidates, 1.0005, 1.00003, project, unproject)!;
    expect(p[0]).toBeCloseTo(1.0005, 9);
    expect(p[1]).toBeCloseTo(1, 9);
  });

  it('leaves far points alone and skips features outside the view', () => {
    expect(snapPoint(candidates, 1.0005, 1.0005, project, unproject)).toBeUndefined();
    expect(featuresInView([{ feature: f, box: boxOf(f.geometry) }], [3, 3, 4, 4])).toHaveLength(0);
  });
});

describe('attribute form mapping', () => {
  it('sends schema keys only, empty optionals as null, terrein ids as numbers', () => {
    const v = initialValues('kavels');
    v.terrein_id = '12';
    v.milieucategorie_max = '3.2';
    const props = toProperties('kavels', v);
    expect(props.terrein_id).toBe(12);
    expect(props.milieucategorie_min).toBeNull();
    expect(props.beschikbaar_vanaf).toBeNull();
    expect(Object.keys(props).sort()).toEqual(
      ['beschikbaar_vanaf', 'eigendom', 'ingangsdatum', 'milieucategorie_max', 'milieucategorie_min', 'naam', 'planstatus', 'status', 'terrein_id', 'watergebonden'],
    );
  });

  it('patches only what changed', () => {
    const before = initialValues('transformaties', { naam: 'A', nieuwe_functie: 'wonen', status: 'idee', datum_terinzagelegging: null, datum_vaststelling: null });
    const after = { ...before, status: 'studie' };
    expect(changedProperties('transformaties', before, after)).toEqual({ status: 'studie' });
  });
});
