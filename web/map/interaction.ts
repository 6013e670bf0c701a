// Hover and click on the data layers. Hover and selection are feature-state
// ('hover', 'selected') on the GeoJSON sources, so nothing is re-tiled.
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { LayerName } from '../api/layers.ts';
import { INTERACTIVE_LAYERS, sourceId } from './layers.ts';

export interface FeatureRef {
  layer: LayerName;
  id: number;
}

const layerOf = new Map(INTERACTIVE_LAYERS.map((l) => [l.layerId, l.layer]));

/** The top-most interactive feature under a point (queryRenderedFeatures is top-first). */
export function featureAt(map: MapLibreMap, point: { x: number; y: number }): FeatureRef | null {
  const layers = INTERACTIVE_LAYERS.map((l) => l.layerId).filter((id) => map.getLayer(id));
  const [hit] = map.queryRenderedFeatures([point.x, point.y], { layers });
  if (!hit || hit.id == null) return null;
  const layer = layerOf.get(hit.layer.id);
  return layer ? { layer, id: Number(hit.id) } : null;
}

const same = (a: FeatureRef | null, b: FeatureRef | null) => a?.layer === b?.layer && a?.id === b?.id;

function setState(map: MapLibreMap, ref: FeatureRef | null, key: 'hover' | 'selected', value: boolean) {
  if (ref && map.getSource(sourceId(ref.layer))) {
    map.setFeatureState({ source: sourceId(ref.layer), id: ref.id }, { [key]: value });
  }
}

export function attachInteraction(map: MapLibreMap, onSelect: (ref: FeatureRef | null) => void) {
  let hovered: FeatureRef | null = null;
  let selected: FeatureRef | null = null;

  const setHover = (ref: FeatureRef | null) => {
    if (same(ref, hovered)) return;
    setState(map, hovered, 'hover', false);
    hovered = ref;
    setState(map, hovered, 'hover', true);
    map.getCanvas().style.cursor = ref ? 'pointer' : '';
  };

  const onMove = (e: MapMouseEvent) => setHover(featureAt(map, e.point));
  const onLeave = () => setHover(null);
  const onClick = (e: MapMouseEvent) => onSelect(featureAt(map, e.point));

  map.on('mousemove', onMove);
  map.on('mouseout', onLeave);
  map.on('click', onClick);

  return {
    setSelected(ref: FeatureRef | null) {
      if (same(ref, selected)) return;
      setState(map, selected, 'selected', false);
      selected = ref;
      setState(map, selected, 'selected', true);
    },
    destroy() {
      map.off('mousemove', onMove);
      map.off('mouseout', onLeave);
      map.off('click', onClick);
    },
  };
}
