// Label points by polylabel (web/map/label-point.ts): inside, away from edges and holes.
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { labelPoint } from '../../web/map/label-point.ts';

const ring = (x: number, y: number, w: number, h: number) => [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];

describe('label point', () => {
  it('lies inside a U-shaped polygon whose centroid is outside it', () => {
    const u: Polygon = { type: 'Polygon', coordinates: [[[4.4, 52.1], [4.43, 52.1], [4.43, 52.13], [4.42, 52.13], [4.42, 52.11], [4.41, 52.11], [4.41, 52.13], [4.4, 52.13], [4.4, 52.1]]] };
    const p = labelPoint(u);
    expect(booleanPointInPolygon(p, u)).toBe(true);
    expect(-pointToPolygonDistance(p, u, { units: 'meters' })).toBeGreaterThan(300);
  });

  it('keeps out of a hole in the middle', () => {
    const donut: Polygon = { type: 'Polygon', coordinates: [ring(4.4, 52.1, 0.03, 0.02), ring(4.41, 52.105, 0.01, 0.01).reverse()] };
    const p = labelPoint(donut);
    expect(booleanPointInPolygon(p, donut)).toBe(true);
  });

  it('takes the part with room for a label, not a sliver', () => {
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[ring(4.4, 52.1, 0.05, 0.0002)], [ring(4.5, 52.1, 0.01, 0.01)]] };
    const [x, y] = labelPoint(multi);
    expect(x).toBeGreaterThan(4.5);
    expect(x).toBeLessThan(4.51);
    expect(y).toBeCloseTo(52.105, 3);
  });

  it('gives an unfinished drawing (an open ring) a point all the same', () => {
    const open = { type: 'Polygon', coordinates: [[[4.4, 52.1], [4.41, 52.1]]] } as Polygon;
    expect(labelPoint(open)).toEqual([4.405, 52.1]);
  });
});
