// Draw-time checks, so an invalid polygon is refused at the click that makes it
// invalid, with a Dutch reason, instead of at save time. The server checks again.
import { ValidateNotSelfIntersecting, type GeoJSONStoreFeatures } from 'terra-draw';
import type { Polygon } from 'geojson';
import { t } from '../i18n/nl.ts';
import { rdAreaHa } from './rdArea.ts';

/** Same floor as the server (server/domain/geometry.ts MIN_AREA_HA). */
export const MIN_AREA_HA = 0.01;

export type Refusal = string;

/** Unique vertices of a polygon ring (the closing point not counted). */
export function vertexCount(polygon: Polygon): number {
  const ring = polygon.coordinates[0] ?? [];
  return Math.max(0, ring.length - 1);
}

/** Checks a finished (closed) polygon; null when fine. */
export function checkFinished(polygon: Polygon): Refusal | null {
  if (vertexCount(polygon) < 3) return t.editor.teWeinigPunten;
  const feature = { type: 'Feature', geometry: polygon, properties: {} } as unknown as GeoJSONStoreFeatures;
  if (!ValidateNotSelfIntersecting(feature).valid) return t.editor.zelfdoorsnijding;
  if (rdAreaHa(polygon) < MIN_AREA_HA) return t.editor.teKlein;
  return null;
}

/** Checks a polygon while it is being drawn or dragged (open ring allowed): crossings only. */
export function checkInProgress(polygon: Polygon): Refusal | null {
  if (vertexCount(polygon) < 3) return null;
  const feature = { type: 'Feature', geometry: polygon, properties: {} } as unknown as GeoJSONStoreFeatures;
  return ValidateNotSelfIntersecting(feature).valid ? null : t.editor.zelfdoorsnijding;
}
