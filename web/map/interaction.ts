// Hover and click on the data layers. Hover and selection are feature-state
// ('hover', 'selected') on the tile sources (by feature id, in the layer's source
// layer), or on the past overlay while a past peildatum is shown: nothing is re-tiled.
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { LayerName } from '../api/layers.ts';
import { featureTarget, INTERACTIVE_LAYERS } from './layers.ts';

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

export function attachInteraction(map: MapLibreMap, onSelect: (ref: FeatureRef | null) => void) {
  let hovered: FeatureRef | null = null;
  let selected: FeatureRef | null = null;
  let verleden = false;

  const setState = (ref: FeatureRef | null, key: 'hover' | 'selected', value: boolean) => {
    if (!ref) return;
    const target = featureTarget(ref.layer, ref.id, verleden);
    if (map.getSource(target.source)) map.setFeatureState(target, { [key]: value });
  };

  const setHover = (ref: FeatureRef | null) => {
    if (same(ref, hovered)) return;
    setState(hovered, 'hover', false);
    hovered = ref;
    setState(hovered, 'hover', true);
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
      setState(selected, 'selected', false);
      selected = ref;
      setState(selected, 'selected', true);
    },
    /** A past peildatum is shown (or no longer): the states move to the features now drawn. */
    setVerleden(value: boolean) {
      if (value === verleden) return;
      setState(selected, 'selected', false);
      setState(hovered, 'hover', false);
      verleden = value;
      hovered = null;
      setState(selected, 'selected', true);
    },
    destroy() {
      map.off('mousemove', onMove);
      map.off('mouseout', onLeave);
      map.off('click', onClick);
    },
  };
}
