// An RD New (EPSG:28992) reference for tests that owes nothing to the app's code:
// the published approximation formulas of Schreutelkamp and Strang van Hees
// ("Benaderingsformules voor de transformatie tussen RD- en WGS84-kaartcoördinaten",
// Stichting De Hollandse Cirkel / SGK, 2001). Polynomials around the RD origin, the
// Onze Lieve Vrouwetoren in Amersfoort (x 155 000, y 463 000 = 52.15517440 N,
// 5.38720621 E), accurate to about a metre anywhere in the Netherlands and far
// better than that for areas: the app (proj4 / PostGIS with PROJ) projects with
// the full Bessel ellipsoid and a datum shift instead, so agreement is evidence.
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** The RD origin and its published WGS84 coordinates. */
export const AMERSFOORT = { x: 155_000, y: 463_000, lat: 52.1551744, lng: 5.38720621 } as const;

// [p, q, coefficient] terms of the published tables.
const R: [number, number, number][] = [ // x from (dφ, dλ)
  [0, 1, 190094.945], [1, 1, -11832.228], [2, 1, -114.221], [0, 3, -32.391], [1, 0, -0.705],
  [3, 1, -2.34], [1, 3, -0.608], [0, 2, -0.008], [2, 3, 0.148],
];
const S: [number, number, number][] = [ // y from (dφ, dλ)
  [1, 0, 309056.544], [0, 2, 3638.893], [2, 0, 73.077], [1, 2, -157.984], [3, 0, 59.788],
  [0, 1, 0.433], [2, 2, -6.439], [1, 1, -0.032], [0, 4, 0.092], [1, 4, -0.054],
];
const K: [number, number, number][] = [ // φ (arc seconds) from (dx, dy)
  [0, 1, 3235.65389], [2, 0, -32.58297], [0, 2, -0.2475], [2, 1, -0.84978], [0, 3, -0.0655],
  [2, 2, -0.01709], [1, 0, -0.00738], [4, 0, 0.0053], [2, 3, -0.00039], [4, 1, 0.00033], [1, 1, -0.00012],
];
const L: [number, number, number][] = [ // λ (arc seconds) from (dx, dy)
  [1, 0, 5260.52916], [1, 1, 105.94684], [1, 2, 2.45656], [3, 0, -0.81885], [1, 3, 0.05594],
  [3, 1, -0.05607], [0, 1, 0.01199], [3, 2, -0.00256], [1, 4, 0.00128], [0, 2, 0.00022],
  [2, 0, -0.00022], [5, 0, 0.00026],
];

const series = (terms: [number, number, number][], a: number, b: number) =>
  terms.reduce((sum, [p, q, c]) => sum + c * a ** p * b ** q, 0);

/** WGS84 [lng, lat] → RD New [x, y] in metres. */
export function rdFromWgs84([lng, lat]: Position): [number, number] {
  const dPhi = 0.36 * (lat - AMERSFOORT.lat);
  const dLambda = 0.36 * (lng - AMERSFOORT.lng);
  return [AMERSFOORT.x + series(R, dPhi, dLambda), AMERSFOORT.y + series(S, dPhi, dLambda)];
}

/** RD New [x, y] in metres → WGS84 [lng, lat]. */
export function wgs84FromRd([x, y]: Position): [number, number] {
  const dx = (x - AMERSFOORT.x) * 1e-5;
  const dy = (y - AMERSFOORT.y) * 1e-5;
  return [AMERSFOORT.lng + series(L, dx, dy) / 3600, AMERSFOORT.lat + series(K, dx, dy) / 3600];
}

/** Planar (shoelace) area of a ring already in RD New, m², always positive. */
export function planarRingArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(sum) / 2;
}

/** Area in hectares of a WGS84 Polygon or MultiPolygon, in RD New (outer rings minus holes). */
export function rdAreaHa(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let m2 = 0;
  for (const [outer, ...holes] of polygons) {
    m2 += planarRingArea(outer.map(rdFromWgs84)) - holes.reduce((s, h) => s + planarRingArea(h.map(rdFromWgs84)), 0);
  }
  return m2 / 10_000;
}

/** An axis-parallel rectangle drawn in RD New, as a WGS84 ring (closed, counter-clockwise). */
export function rdRectangle(x: number, y: number, width: number, height: number): Position[] {
  return [[x, y], [x + width, y], [x + width, y + height], [x, y + height], [x, y]].map(wgs84FromRd);
}
