// Where a polygon's label goes: its pole of inaccessibility (the point farthest from
// every edge, holes included), found by the polylabel library. Longitude is scaled
// by cos(latitude) first, so "farthest" is measured in metres rather than degrees.
import polylabel from 'polylabel';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** A point deep inside the (Multi)Polygon: of the part with the deepest pole. */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const parts: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: [number, number] | null = null;
  let bestDistance = -Infinity;
  for (const rings of parts) {
    const outer = rings[0];
    if (!outer || outer.length < 4) continue;
    const lat0 = outer.reduce((s, p) => s + p[1], 0) / outer.length;
    const k = Math.cos((lat0 * Math.PI) / 180);
    const scaled = rings.map((ring) => ring.map((p) => [p[0] * k, p[1]] as [number, number]));
    const xs = scaled[0].map((p) => p[0]);
    const ys = scaled[0].map((p) => p[1]);
    // About a thousandth of the part's size: precise enough for a label, cheap for thousands.
    const precision = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 1000 || 1e-9;
    const pole = polylabel(scaled, precision);
    if (pole.distance > bestDistance) {
      bestDistance = pole.distance;
      best = [pole[0] / k, pole[1]];
    }
  }
  if (best) return best;
  // No part with a closed ring (an unfinished drawing): the mean of what there is.
  const ring = parts[0]?.[0] ?? [];
  const n = ring.length || 1;
  return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
}
