// Pick mode: while a form chooses records on the map (the records an advies concerns),
// map clicks belong to that form and do not select a feature for the side panel.
// One form picks at a time; starting another ends the first.
import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { LayerName } from '../api/layers.ts';
import { INTERACTIVE_LAYERS } from './layers.ts';

let stopActief: (() => void) | null = null;

/** Whether a form is picking records on the map now. */
export const kiesmodusActief = () => stopActief !== null;

/** Starts pick mode; `stop` is called when another form starts picking. */
export function startKiesmodus(stop: () => void) {
  const vorige = stopActief;
  stopActief = stop;
  if (vorige && vorige !== stop) vorige();
  document.body.classList.add('kiesmodus');
}

export function stopKiesmodus(stop: () => void) {
  if (stopActief !== stop) return;
  stopActief = null;
  document.body.classList.remove('kiesmodus');
}

/** The top-most feature of one of `lagen` under a point, with its layer. */
export function vlakOp(map: MapLibreMap, point: { x: number; y: number }, lagen: readonly LayerName[]): { layer: LayerName; feature: MapGeoJSONFeature } | null {
  const kandidaten = INTERACTIVE_LAYERS.filter((l) => lagen.includes(l.layer) && map.getLayer(l.layerId));
  const [hit] = map.queryRenderedFeatures([point.x, point.y], { layers: kandidaten.map((l) => l.layerId) });
  if (!hit || hit.id == null) return null;
  const layer = kandidaten.find((l) => l.layerId === hit.layer.id)?.layer;
  return layer ? { layer, feature: hit } : null;
}
