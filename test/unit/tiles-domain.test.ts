// Pure rules of the vector tiles: tile addresses, tile extents and ETags.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attributeSetId, etagMatches, etagVersions, parseTileCoord, tileAt, tileBounds, tileEtag, tilesCovering } from '../../server/domain/tiles.ts';

describe('tile addresses', () => {
  it('reads z/x/y.pbf and refuses what is not a tile, in Dutch', () => {
    expect(parseTileCoord('14', '8396', '5400.pbf')).toEqual({ z: 14, x: 8396, y: 5400 });
    expect(parseTileCoord('0', '0', '0.pbf')).toEqual({ z: 0, x: 0, y: 0 });
    expect(parseTileCoord('14', '8396', '5398')).toMatch(/eindigt op \.pbf/);
    expect(parseTileCoord('14', '-1', '5398.pbf')).toMatch(/gehele getallen/);
    expect(parseTileCoord('14', '01', '5398.pbf')).toMatch(/gehele getallen/);
    expect(parseTileCoord('1.5', '0', '0.pbf')).toMatch(/gehele getallen/);
    expect(parseTileCoord('23', '0', '0.pbf')).toMatch(/Zoomniveau 23/);
    expect(parseTileCoord('2', '4', '0.pbf')).toMatch(/buiten het raster van zoomniveau 2 \(0 tot 3\)/);
    expect(parseTileCoord('2', '3', '3.pbf')).toEqual({ z: 2, x: 3, y: 3 });
  });

  it('finds the tile holding a point, whose bounds hold the point', () => {
    fc.assert(fc.property(
      fc.double({ min: -179.9, max: 179.9, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }), fc.integer({ min: 0, max: 22 }),
      (lon, lat, z) => {
        const [w, s, e, n] = tileBounds(tileAt(lon, lat, z));
        // (A point on a tile edge may land on either side of it.)
        const eps = 1e-9;
        return w - eps <= lon && lon <= e + eps && s - eps <= lat && lat <= n + eps;
      },
    ), { numRuns: 500 });
  }, 10_000);

  it('knows the Leiden tiles and covers a box with every tile that meets it', () => {
    expect(tileAt(4.49, 52.16, 14)).toEqual({ z: 14, x: 8396, y: 5400 });
    const [w, s, e, n] = tileBounds({ z: 0, x: 0, y: 0 });
    expect([w, e]).toEqual([-180, 180]);
    expect(s).toBeCloseTo(-85.0511, 4);
    expect(n).toBeCloseTo(85.0511, 4);
    const box: [number, number, number, number] = [4.35, 52.08, 4.6, 52.25];
    const tiles = tilesCovering(box, 12);
    expect(tiles.length).toBe(new Set(tiles.map((t) => `${t.x}/${t.y}`)).size);
    for (const corner of [[4.35, 52.08], [4.6, 52.25], [4.35, 52.25], [4.6, 52.08]]) {
      const t = tileAt(corner[0], corner[1], 12);
      expect(tiles).toContainEqual(t);
    }
  });
});

describe('ETags', () => {
  it('name the layer, its version and the attribute set, and match weak or listed copies', () => {
    const etag = tileEtag('kavels', 1795800605856, attributeSetId(['naam', 'status']));
    expect(etag).toMatch(/^"kavels\.1795800605856\.[0-9a-z]+"$/);
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`W/${etag}`, etag)).toBe(true);
    expect(etagMatches(`"x", ${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches(undefined, etag)).toBe(false);
    expect(etagMatches(tileEtag('kavels', 1795800605857, attributeSetId(['naam', 'status'])), etag)).toBe(false);
  });

  it('give the versions of a layer that the browser says it has, for the same attribute set only', () => {
    const set = attributeSetId(['naam', 'status']);
    const other = attributeSetId(['naam']);
    const header = `W/${tileEtag('kavels', 17, set)}, ${tileEtag('kavels', 18, other)}, ${tileEtag('terreinen', 19, set)}, "rommel", ${tileEtag('kavels', 20, set)}`;
    expect(etagVersions(header, 'kavels', set)).toEqual([17, 20]);
    expect(etagVersions(undefined, 'kavels', set)).toEqual([]);
    expect(etagVersions('*', 'kavels', set)).toEqual([]);
  });

  it('tell attribute sets apart, whatever their order', () => {
    expect(attributeSetId(['naam', 'status'])).toBe(attributeSetId(['status', 'naam']));
    expect(attributeSetId(['naam', 'status'])).not.toBe(attributeSetId(['naam', 'status', 'zittende_huurders']));
  });
});
