// Snapping to vertices and edges of nearby polygons (terreinen, kavels, other
// drawings). terra-draw's own feature snapping only knows its store, and we keep
// only the edited feature there, so we hand it a custom snap function over a
// small index of the features near the view (never the whole region).
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

type Ring = Position[];
type Box = [number, number, number, number];

interface Candidate {
  box: Box;
  rings: Ring[];
}

/** Feature count fed to the index: enough for a zoomed-in view, cheap per mouse move. */
export const MAX_SNAP_FEATURES = 400;

export function boxOf(geometry: Polygon | MultiPolygon): Box {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const poly of polys) for (const ring of poly) for (const [x, y] of ring) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

/** Do two [west, south, east, north] boxes meet? */
export const boxesOverlap = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

export interface BoxedFeature {
  feature: Feature<Polygon | MultiPolygon>;
  box: Box;
}

/** The features whose bounding box meets the view, capped; the caller excludes the edited one. */
export function featuresInView(all: BoxedFeature[], view: Box, limit = MAX_SNAP_FEATURES): Candidate[] {
  const out: Candidate[] = [];
  for (const { feature, box } of all) {
    if (!boxesOverlap(box, view)) continue;
    const g = feature.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    out.push({ box, rings: polys.flat() });
    if (out.length >= limit) break;
  }
  return out;
}

type Project = (lng: number, lat: number) => { x: number; y: number };
type Unproject = (x: number, y: number) => { lng: number; lat: number };

/**
 * Nearest vertex within `vertexPx`, else the nearest point on an edge within
 * `edgePx`, else undefined. Vertices win so shared corners line up exactly.
 */
export function snapPoint(
  candidates: Candidate[], lng: number, lat: number, project: Project, unproject: Unproject,
  vertexPx = 12, edgePx = 8,
): Position | undefined {
  const c = project(lng, lat);
  // Tolerance box in degrees, to skip far features without projecting them.
  const corner = unproject(c.x + vertexPx, c.y - vertexPx);
  const dLng = Math.abs(corner.lng - lng);
  const dLat = Math.abs(corner.lat - lat);
  const near: Box = [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
  let bestVertex: Position | undefined;
  let bestVertexD = vertexPx;
  let bestEdge: { x: number; y: number } | undefined;
  let bestEdgeD = edgePx;
  for (const cand of candidates) {
    if (!boxesOverlap(cand.box, near)) continue;
    for (const ring of cand.rings) {
      let prev: { x: number; y: number } | undefined;
      for (const pos of ring) {
        const p = project(pos[0], pos[1]);
        const d = Math.hypot(p.x - c.x, p.y - c.y);
        if (d < bestVertexD) {
          bestVertexD = d;
          bestVertex = [pos[0], pos[1]];
        }
        if (prev) {
          const q = closestOnSegment(prev, p, c);
          const de = Math.hypot(q.x - c.x, q.y - c.y);
          if (de < bestEdgeD) {
            bestEdgeD = de;
            bestEdge = q;
          }
        }
        prev = p;
      }
    }
  }
  if (bestVertex) return bestVertex;
  if (bestEdge) {
    const ll = unproject(bestEdge.x, bestEdge.y);
    return [ll.lng, ll.lat];
  }
  return undefined;
}

function closestOnSegment(a: { x: number; y: number }, b: { x: number; y: number }, p: { x: number; y: number }) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return { x: a.x + t * dx, y: a.y + t * dy };
}
