// The terrein a new kavel is drawn on (web/editor/terrein-under.ts), by turf's point-in-polygon.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { ringCentre, terreinUnder } from '../../web/editor/terrein-under.ts';

const ring = (x: number, y: number, w: number, h: number) => [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
const terrein = (id: number, rings: number[][][]) => ({ id, geometry: { type: 'Polygon' as const, coordinates: rings } });

describe('terrein under a drawing', () => {
  const kavel: Polygon = { type: 'Polygon', coordinates: [ring(4.505, 52.105, 0.002, 0.002)] };

  it('takes the centre of the outer ring without counting the closing point twice', () => {
    const [x, y] = ringCentre(kavel);
    expect(x).toBeCloseTo(4.506, 9);
    expect(y).toBeCloseTo(52.106, 9);
  });

  it('finds the terrein that contains the centre', () => {
    const terreinen = [terrein(1, [ring(4.4, 52.0, 0.05, 0.05)]), terrein(2, [ring(4.5, 52.1, 0.01, 0.01)])];
    expect(terreinUnder(kavel, terreinen)).toBe(2);
  });

  it('does not take a terrein whose hole the kavel lies in', () => {
    const withHole = terrein(3, [ring(4.5, 52.1, 0.01, 0.01), ring(4.504, 52.104, 0.004, 0.004).reverse()]);
    expect(terreinUnder(kavel, [withHole])).toBeNull();
  });
});
