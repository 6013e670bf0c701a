// Browser-side editor geometry: the RD New area preview agrees with an
// independent computation, snapping prefers vertices over edges, and the form
// mapping sends only schema keys with empty optionals as null.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { rdAreaHa } from '../../web/editor/rdArea.ts';
import { snapPoint, featuresInView, boxOf } from '../../web/editor/snapping.ts';
import { checkFinished, vertexCount } from '../../web/editor/validation.ts';
import { changedProperties, initialValues, toProperties } from '../../web/editor/fields.ts';
import { rdAreaHa as referenceHa } from '../support/rd.ts';

const square = (lng: number, lat: number, d: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});

describe('rdAreaHa', () => {
  it('matches the reference RD New computation', () => {
    const p = square(4.48, 52.16, 0.001);
    expect(rdAreaHa(p)).toBeCloseTo(referenceHa(p), 9);
    // ~68 m × ~111 m at this latitude.
    expect(rdAreaHa(p)).toBeGreaterThan(0.7);
    expect(rdAreaHa(p)).toBeLessThan(0.8);
  });

  it('subtracts holes', () => {
    const outer = square(4.48, 52.16, 0.002).coordinates[0];
    const hole = square(4.4805, 52.1605, 0.0005).coordinates[0].slice().reverse();
    const withHole: Polygon = { type: 'Polygon', coordinates: [outer, hole] };
    expect(rdAreaHa(withHole)).toBeCloseTo(rdAreaHa(square(4.48, 52.16, 0.002)) - rdAreaHa(square(4.4805, 52.1605, 0.0005)), 9);
  });
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
