// Kavels belong to the terrein they are drawn on: the form preselects the terrein
// under the middle of the drawing (turf's point-in-polygon, holes respected), found
// among the terreinen around the view the editor has loaded (view-records.ts).
import { useMemo } from 'react';
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { LayerFeature } from '../api/layers.ts';

/** The mean of the outer ring's vertices of the first part (closing point not counted). */
export function ringCentre(shape: Polygon | MultiPolygon): [number, number] {
  const ring = shape.type === 'Polygon' ? shape.coordinates[0] : shape.coordinates[0][0];
  const n = ring.length - 1 || 1;
  const pts = ring.slice(0, n);
  return [pts.reduce((s, p) => s + p[0], 0) / n, pts.reduce((s, p) => s + p[1], 0) / n];
}

/** The id of the first terrein that contains the drawing's centre, or null. */
export function terreinUnder(shape: Polygon | MultiPolygon, terreinen: readonly Pick<LayerFeature<'terreinen'>, 'id' | 'geometry'>[]): number | null {
  const centre = ringCentre(shape);
  return terreinen.find((t) => booleanPointInPolygon(centre, t.geometry))?.id ?? null;
}

export function useTerreinUnder(shape: Polygon | MultiPolygon | null, terreinen: readonly LayerFeature<'terreinen'>[] | undefined): number | null {
  return useMemo(() => (shape && terreinen ? terreinUnder(shape, terreinen) : null), [shape, terreinen]);
}
