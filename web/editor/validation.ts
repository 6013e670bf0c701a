// Draw-time checks, so an invalid polygon is refused at the click that makes it
// invalid, with a Dutch reason, instead of at save time. The server checks again.
import { ValidateNotSelfIntersecting, type GeoJSONStoreFeatures } from 'terra-draw';
import type { MultiPolygon, Polygon } from 'geojson';
import { t } from '../i18n/nl.ts';
import { rdAreaHa } from './rdArea.ts';
// The floor and its message come from the server's own rule, so both say the same.
import { MIN_AREA_HA, teKleinMelding } from '../../server/domain/geometry.ts';

export type Refusal = string;

/** The parts of a shape: one for a Polygon, each component of a MultiPolygon. */
export function partsOf(shape: Polygon | MultiPolygon): Polygon[] {
  return shape.type === 'Polygon' ? [shape] : shape.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/** Unique vertices of the outer ring(s) (closing points not counted). */
export function vertexCount(shape: Polygon | MultiPolygon): number {
  return partsOf(shape).reduce((n, p) => n + Math.max(0, (p.coordinates[0] ?? []).length - 1), 0);
}

/** What is being drawn: a polygon of its own, or a hole to cut out of one. */
export type Soort = 'vlak' | 'gat';

/** Checks a finished (closed) polygon; null when fine. */
export function checkFinished(polygon: Polygon, soort: Soort = 'vlak'): Refusal | null {
  if (vertexCount(polygon) < 3) return t.editor.teWeinigPunten;
  const feature = { type: 'Feature', geometry: polygon, properties: {} } as unknown as GeoJSONStoreFeatures;
  if (!ValidateNotSelfIntersecting(feature).valid) return t.editor.zelfdoorsnijding;
  const ha = rdAreaHa(polygon);
  if (ha < MIN_AREA_HA) return teKleinMelding(ha * 10_000, soort);
  return null;
}

/** Checks a shape while it is being drawn or dragged (open ring allowed): crossings only, part by part. */
export function checkInProgress(shape: Polygon | MultiPolygon): Refusal | null {
  for (const polygon of partsOf(shape)) {
    if (vertexCount(polygon) < 3) continue;
    const feature = { type: 'Feature', geometry: polygon, properties: {} } as unknown as GeoJSONStoreFeatures;
    if (!ValidateNotSelfIntersecting(feature).valid) return t.editor.zelfdoorsnijding;
  }
  return null;
}
