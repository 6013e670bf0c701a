// Shows the polygons behind a figure: marks them on the map (the 'selected'
// feature-state the layer styles already draw) and fits the view to them.
import type { Map as MapLibreMap, LngLatBoundsLike } from 'maplibre-gl';
import { bbox } from '@turf/turf';
import type { Schemas } from '../api/http.ts';
import type { LayerName } from '../api/layers.ts';
import { featureTarget, isPastLayer } from '../map/layers.ts';

type Ids = Schemas['BronIds'];
/** The polygons to find ids in: the live layers, or those on a past peildatum (GET /api/balans/kaart). */
export type Vlakken = { [L in LayerName]?: { features: { id: number; geometry: Schemas['Vlak'] }[] } };

const LAYER_OF: Partial<Record<keyof Ids, LayerName>> = {
  transformatie: 'transformaties', compensatie: 'compensaties', kavel: 'kavels', terrein: 'terreinen',
};

let marked: { layer: LayerName; id: number }[] = [];

/** A feature's state on its tiles and, for the layers a past peildatum shows, on that date's overlay too. */
function mark(map: MapLibreMap, layer: LayerName, id: number, selected: boolean) {
  map.setFeatureState(featureTarget(layer, id), { selected });
  if (isPastLayer(layer)) map.setFeatureState(featureTarget(layer, id, true), { selected });
}

export function highlight(map: MapLibreMap, layers: Vlakken, ids: Ids, zoom: boolean) {
  for (const m of marked) mark(map, m.layer, m.id, false);
  marked = [];
  const features = [];
  for (const [key, list] of Object.entries(ids) as [keyof Ids, number[]][]) {
    const layer = LAYER_OF[key];
    if (!layer || !list) continue;
    for (const id of list) {
      mark(map, layer, id, true);
      marked.push({ layer, id });
      const f = layers[layer]?.features.find((x) => x.id === id);
      if (f) features.push(f);
    }
  }
  if (zoom && features.length) {
    const [w, s, e, n] = bbox({ type: 'FeatureCollection', features } as Parameters<typeof bbox>[0]);
    // Keep clear of the panels: the monitor on the right, or (on phones) the lower part of the screen.
    const { clientWidth: b, clientHeight: h } = map.getContainer();
    const padding = b < 700
      ? { top: 70, bottom: Math.round(h * 0.62) + 20, left: 20, right: 20 }
      : { top: 80, bottom: 80, left: Math.min(360, b * 0.2), right: Math.min(600, b * 0.4) };
    map.fitBounds([[w, s], [e, n]] as LngLatBoundsLike, { padding, maxZoom: 16, duration: 600 });
  }
  return marked.length;
}
