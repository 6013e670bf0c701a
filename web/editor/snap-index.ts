// What the editor snaps to: the polygons of the loaded layers near the view, never
// the old shape of the record being edited (terra-draw snaps that one to its own
// vertices). The boxes are computed once per data change; each view picks from them.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LoadedLayers } from '../api/hooks.ts';
import type { LayerName } from '../api/layers.ts';
import { boxOf, featuresInView, snapPoint, type BoxedFeature } from './snapping.ts';

export const SNAP_LAYERS = ['terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties'] as const satisfies readonly LayerName[];

export type SnapEntry = BoxedFeature & { layer: LayerName; id: number };

/** Every loaded polygon of the snap layers with its bounding box. */
export function buildSnapIndex(layers: LoadedLayers): SnapEntry[] {
  const out: SnapEntry[] = [];
  for (const layer of SNAP_LAYERS) {
    for (const f of layers[layer]?.features ?? []) out.push({ feature: f, box: boxOf(f.geometry), layer, id: f.id });
  }
  return out;
}

/** The candidates in a view ([west, south, east, north]), without the record being edited. */
export function snapCandidates(index: SnapEntry[], view: [number, number, number, number], edited: { layer: LayerName; id: number } | null) {
  const others = edited ? index.filter((f) => !(f.layer === edited.layer && f.id === edited.id)) : index;
  return featuresInView(others, view);
}

type Project = (lng: number, lat: number) => { x: number; y: number };
type Unproject = (x: number, y: number) => { lng: number; lat: number };

/**
 * Keeps the candidates of the current view (again after each move and each session
 * change) and returns the snap function for the drawing.
 */
export function useSnapIndex(map: MapLibreMap | null, layers: LoadedLayers, edited: { layer: LayerName; id: number } | null) {
  const { terreinen, kavels, kanszones, transformaties, compensaties } = layers;
  const index = useMemo(
    () => buildSnapIndex({ terreinen, kavels, kanszones, transformaties, compensaties }),
    [terreinen, kavels, kanszones, transformaties, compensaties],
  );
  const candidates = useRef<ReturnType<typeof featuresInView>>([]);
  const editedLayer = edited?.layer;
  const editedId = edited?.id;

  const refresh = useCallback(() => {
    if (!map) return;
    const b = map.getBounds();
    const current = editedLayer !== undefined && editedId !== undefined ? { layer: editedLayer, id: editedId } : null;
    candidates.current = snapCandidates(index, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], current);
  }, [map, index, editedLayer, editedId]);

  useEffect(() => {
    if (!map) return;
    refresh();
    map.on('moveend', refresh);
    return () => {
      map.off('moveend', refresh);
    };
  }, [map, refresh]);

  return useCallback(
    (lng: number, lat: number, project: Project, unproject: Unproject) => snapPoint(candidates.current, lng, lat, project, unproject),
    [],
  );
}
