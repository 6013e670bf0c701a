// The records the editor works with: those of the snap layers within (a margin
// around) the current view, fetched while an edit session is open and again when
// the view leaves the area fetched last; never a whole layer, never at start. The
// editor snaps to them and finds the terrein under a drawing in them.
import { useEffect, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useRecordsInBox, type Box, type LoadedLayers } from '../api/hooks.ts';
import { SNAP_LAYERS } from './snap-index.ts';

/** Below this zoom the editor fetches nothing: polygons of a few dozen metres are too small to snap to. */
export const VIEW_RECORDS_MIN_ZOOM = 11;
/** The area fetched reaches this share of the view's size beyond each side, so small pans need nothing new. */
const MARGIN = 0.25;

const inside = (inner: Box, outer: Box) => inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];

/** The view widened by the margin, rounded outward to 1e-4° so that nearby views share one request. */
export function areaAround(view: Box, margin = MARGIN): Box {
  const dx = (view[2] - view[0]) * margin;
  const dy = (view[3] - view[1]) * margin;
  // (The 1e-6 absorbs floating-point noise: 52.15 - 0.005 stays 52.145, not 52.1449.)
  const down = (v: number) => Math.floor(v * 1e4 + 1e-6) / 1e4;
  const up = (v: number) => Math.ceil(v * 1e4 - 1e-6) / 1e4;
  return [down(Math.max(-180, view[0] - dx)), down(Math.max(-90, view[1] - dy)), up(Math.min(180, view[2] + dx)), up(Math.min(90, view[3] + dy))];
}

/** The area to fetch for a view: the last one while the view stays inside it, else a new one (null when zoomed out). */
export function nextArea(last: Box | null, view: Box, zoom: number): Box | null {
  if (zoom < VIEW_RECORDS_MIN_ZOOM) return null;
  return last && inside(view, last) ? last : areaAround(view);
}

/** The snap layers' records around the view while `active`; empty otherwise. */
export function useViewRecords(map: MapLibreMap | null, active: boolean): LoadedLayers {
  const [area, setArea] = useState<Box | null>(null);
  useEffect(() => {
    if (!map || !active) return;
    const update = () => {
      const b = map.getBounds();
      setArea((last) => nextArea(last, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom()));
    };
    update();
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
    };
  }, [map, active]);
  return useRecordsInBox(SNAP_LAYERS, active ? area : null);
}
