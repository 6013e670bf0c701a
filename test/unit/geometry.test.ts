import { describe, expect, it } from 'vitest';
import { checkPolygonal, MAX_VERTICES } from '../../server/domain/geometry.ts';

const square = [[4.48, 52.15], [4.49, 52.15], [4.49, 52.16], [4.48, 52.16], [4.48, 52.15]];

describe('checkPolygonal', () => {
  it('accepts a closed polygon and a multipolygon in the Netherlands', () => {
    expect(checkPolygonal({ type: 'Polygon', coordinates: [square] })).toBeNull();
    expect(checkPolygonal({ type: 'MultiPolygon', coordinates: [[square], [square]] })).toBeNull();
  });

  it.each([
    [null, 'geen_geometrie'],
    ['POLYGON((0 0))', 'geen_geometrie'],
    [{ type: 'LineString', coordinates: square }, 'ongeldig_type'],
    [{ type: 'Polygon', coordinates: [] }, 'ongeldige_coordinaten'],
    [{ type: 'Polygon', coordinates: [[[4.48, '52.15'], [4.49, 52.15], [4.49, 52.16], [4.48, 52.15]]] }, 'ongeldige_coordinaten'],
    [{ type: 'Polygon', coordinates: [[[4.48, 52.15], [Infinity, 52.15], [4.49, 52.16], [4.48, 52.15]]] }, 'niet_eindig'],
    [{ type: 'Polygon', coordinates: [square.slice(0, 4)] }, 'ring_niet_gesloten'],
    [{ type: 'Polygon', coordinates: [[[4.48, 52.15], [4.49, 52.15], [4.49, 52.15], [4.48, 52.15]]] }, 'te_weinig_punten'],
    [{ type: 'Polygon', coordinates: [[[155000, 463000], [155100, 463000], [155100, 463100], [155000, 463000]]] }, 'buiten_nederland'],
  ])('refuses %j with %s', (geometry, code) => {
    expect(checkPolygonal(geometry)?.code).toBe(code);
  });

  it('gives the location of a point outside the Netherlands', () => {
    const p = checkPolygonal({ type: 'Polygon', coordinates: [[[4.48, 52.15], [9, 52.15], [4.49, 52.16], [4.48, 52.15]]] });
    expect(p).toMatchObject({ code: 'buiten_nederland', locatie: [9, 52.15] });
  });

  it('limits the number of vertices', () => {
    const ring = Array.from({ length: MAX_VERTICES + 1 }, (_, i) => [4.48 + Math.cos(i) * 0.01, 52.15 + Math.sin(i) * 0.01]);
    ring.push(ring[0]);
    expect(checkPolygonal({ type: 'Polygon', coordinates: [ring] })?.code).toBe('te_veel_punten');
  });
});
