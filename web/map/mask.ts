// The world minus the region: drawn as a light veil outside the six municipalities.
import { mask, union, featureCollection } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LayerCollection } from '../api/layers.ts';

export function regionMask(gemeenten: LayerCollection<'gemeenten'>): FeatureCollection {
  const parts = gemeenten.features as Feature<Polygon | MultiPolygon>[];
  if (parts.length === 0) return featureCollection([]);
  const region = parts.length === 1 ? parts[0] : union(featureCollection(parts));
  return region ? featureCollection([mask(region)]) : featureCollection([]);
}
