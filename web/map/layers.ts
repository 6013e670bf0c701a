// MapLibre sources and layers for the API data. One vector tile source per API layer
// (server/tiles: integer feature ids, so feature-state marks hover and selection),
// drawn in a fixed order: context first, the planning objects on top, labels last.
// While the monitor shows a past peildatum, kavels, transformaties and compensaties
// come from a GeoJSON overlay of that date instead (same styles, its own sources).
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { LayerName, Milieucategorie } from '../api/layers.ts';
import { categoryColorExpression, colors } from './palette.ts';
import { HATCH_KANSZONE, HATCH_TRANSFORMATIE } from './patterns.ts';
import { LABEL_LAYERS, labelLayers } from './labels.ts';
import { tileSource, type TileLayerInfo } from './tiles.ts';

export const SEA_SOURCE = 'sea';
export const SEA_LAYER = 'sea';
export const MASK_SOURCE = 'region-mask';
export const MASK_LAYER = 'region-mask';

export const sourceId = (layer: LayerName) => `data-${layer}`;

/** The layers the map can show at a past peildatum (GET /api/balans/kaart). */
export const PAST_LAYERS = ['kavels', 'transformaties', 'compensaties'] as const satisfies readonly LayerName[];
export type PastLayer = (typeof PAST_LAYERS)[number];
export const isPastLayer = (layer: LayerName): layer is PastLayer => (PAST_LAYERS as readonly LayerName[]).includes(layer);
export const pastSourceId = (layer: LayerName) => `verleden-${layer}`;
const PAST = '-verleden';

/**
 * Where a feature's state (hover, selected) lives: on the tile source, in the layer's
 * source layer; or, while a past peildatum is shown, on that date's GeoJSON source.
 */
export function featureTarget(layer: LayerName, id: number, verleden = false) {
  return verleden && isPastLayer(layer) ? { source: pastSourceId(layer), id } : { source: sourceId(layer), sourceLayer: layer, id };
}

const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

const FILLS: { layerId: string; layer: LayerName }[] = [
  { layerId: 'compensaties-fill', layer: 'compensaties' },
  { layerId: 'transformaties-fill', layer: 'transformaties' },
  { layerId: 'kanszones-fill', layer: 'kanszones' },
  { layerId: 'kavels-fill', layer: 'kavels' },
  { layerId: 'terreinen-fill', layer: 'terreinen' },
];

/** Fill layers that answer hover and click, top-most first (the order of priority on click). */
export const INTERACTIVE_LAYERS: { layerId: string; layer: LayerName }[] = FILLS.flatMap((f) =>
  isPastLayer(f.layer) ? [f, { layerId: f.layerId + PAST, layer: f.layer }] : [f]);

/** The line and fill layers of each API layer (without the past overlay). */
const OWN_LAYERS: Record<LayerName, string[]> = {
  gemeenten: ['gemeenten-halo', 'gemeenten-line'],
  terreinen: ['terreinen-fill', 'terreinen-line'],
  kavels: ['kavels-fill', 'kavels-line', 'kavels-optie'],
  kanszones: ['kanszones-fill', 'kanszones-line'],
  transformaties: ['transformaties-fill', 'transformaties-line'],
  compensaties: ['compensaties-fill', 'compensaties-line'],
};

/** Every MapLibre layer id that belongs to an API layer (for the toggles), labels included. */
export const MAP_LAYERS: Record<LayerName, string[]> = Object.fromEntries(Object.entries(OWN_LAYERS).map(([layer, ids]) => [
  layer, [...ids, ...(LABEL_LAYERS[layer as LayerName] ?? [])],
])) as Record<LayerName, string[]>;

// Note: ['zoom'] may only appear as the input of a top-level interpolate/step,
// so zoom-dependent widths put the feature-state `case` inside each stop.

/** Line width that grows on hover and selection. */
function lineWidth(base: number, selectedWidth: number): ExpressionSpecification {
  return ['case', selected, selectedWidth, ['boolean', ['feature-state', 'hover'], false], base + 1, base];
}

function lineColor(color: string): ExpressionSpecification {
  return ['case', selected, colors.selected, color];
}

/** The source of a layer's features: its tiles (source layer = the layer's name). */
const tiles = (layer: LayerName) => ({ source: sourceId(layer), 'source-layer': layer });

export function dataLayers(categories: Milieucategorie[]): LayerSpecification[] {
  const s = tiles;
  return [
    {
      id: 'terreinen-fill', type: 'fill', ...s('terreinen'),
      paint: {
        'fill-color': colors.terreinFill,
        'fill-opacity': ['case', selected, 0.3, hover, 0.26, 0.12],
      },
    },
    {
      id: 'kavels-fill', type: 'fill', ...s('kavels'),
      paint: {
        'fill-color': categoryColorExpression(categories, 'milieucategorie_max'),
        'fill-opacity': ['case', hover, 1, 0.86],
      },
    },
    {
      id: 'kavels-line', type: 'line', ...s('kavels'),
      paint: {
        'line-color': lineColor(colors.kavelLine),
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 11, ['case', selected, 1, hover, 0.9, 0.3], 15, ['case', selected, 1, hover, 0.9, 0.6]],
        'line-width': ['interpolate', ['linear'], ['zoom'],
          11, ['case', selected, 2.5, hover, 1.2, 0.3],
          15, ['case', selected, 3, hover, 1.8, 0.9],
          17, ['case', selected, 3.5, hover, 2.2, 1.4]],
      },
    },
    {
      // Kavels held for an accepted match (issue #6): visible to everyone at every zoom.
      id: 'kavels-optie', type: 'line', ...s('kavels'),
      filter: ['==', ['get', 'status'], 'in_optie'],
      paint: {
        'line-color': colors.inOptie,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 15, 4],
        'line-dasharray': [1.5, 1],
      },
    },
    {
      id: 'terreinen-line', type: 'line', ...s('terreinen'),
      paint: {
        'line-color': lineColor(colors.terreinLine),
        'line-width': ['interpolate', ['linear'], ['zoom'],
          10, ['case', selected, 3, hover, 2, 1],
          14, ['case', selected, 3.5, hover, 2.8, 1.8]],
      },
    },
    {
      id: 'kanszones-fill', type: 'fill', ...s('kanszones'),
      paint: { 'fill-pattern': HATCH_KANSZONE, 'fill-opacity': ['case', hover, 1, 0.8] },
    },
    {
      id: 'kanszones-line', type: 'line', ...s('kanszones'),
      paint: { 'line-color': lineColor(colors.kanszone), 'line-width': lineWidth(2, 3.5), 'line-dasharray': [3, 2] },
    },
    {
      id: 'transformaties-fill', type: 'fill', ...s('transformaties'),
      paint: { 'fill-pattern': HATCH_TRANSFORMATIE, 'fill-opacity': ['case', hover, 1, 0.85] },
    },
    {
      id: 'transformaties-line', type: 'line', ...s('transformaties'),
      paint: { 'line-color': lineColor(colors.transformatie), 'line-width': lineWidth(2.5, 4) },
    },
    {
      id: 'compensaties-fill', type: 'fill', ...s('compensaties'),
      paint: { 'fill-color': colors.compensatie, 'fill-opacity': ['case', hover, 0.45, 0.28] },
    },
    {
      id: 'compensaties-line', type: 'line', ...s('compensaties'),
      paint: { 'line-color': lineColor(colors.compensatie), 'line-width': lineWidth(2.5, 4) },
    },
    // Municipal boundaries on top, with a light halo so they read over any fill.
    {
      id: 'gemeenten-halo', type: 'line', ...s('gemeenten'),
      paint: { 'line-color': '#ffffff', 'line-opacity': 0.7, 'line-width': 4.5 },
    },
    {
      id: 'gemeenten-line', type: 'line', ...s('gemeenten'),
      paint: { 'line-color': colors.gemeenteLine, 'line-width': 1.6, 'line-dasharray': [5, 2] },
    },
  ];
}

/**
 * The map's data layers in drawing order: each past-overlay layer right after the live
 * layer it stands in for (hidden until a past peildatum is shown), the labels on top.
 */
export function allLayers(categories: Milieucategorie[]): LayerSpecification[] {
  const out: LayerSpecification[] = [];
  for (const spec of dataLayers(categories)) {
    out.push(spec);
    const layer = (spec as { 'source-layer'?: string })['source-layer'] as LayerName | undefined;
    if (layer && isPastLayer(layer)) {
      const { 'source-layer': _omit, ...rest } = spec as LayerSpecification & { 'source-layer'?: string };
      out.push({ ...rest, id: spec.id + PAST, source: pastSourceId(layer), layout: { ...(spec.layout ?? {}), visibility: 'none' } } as LayerSpecification);
    }
  }
  return [...out, ...labelLayers(sourceId)];
}

/** Adds the sea, the region mask, the tile sources (and the past overlay's) and all data layers. */
export function addDataLayers(map: MapLibreMap, categories: Milieucategorie[], infos: Record<LayerName, TileLayerInfo>, waterColor: string): void {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  if (!map.getSource(SEA_SOURCE)) {
    map.addSource(SEA_SOURCE, { type: 'geojson', data: empty });
    // The basemap tiles have no sea: draw it just above the background, so
    // beaches and dunes of the basemap still paint over it.
    const basemapLayers = map.getStyle().layers;
    const firstAboveBackground = basemapLayers.find((l) => l.type !== 'background')?.id;
    map.addLayer({ id: SEA_LAYER, type: 'fill', source: SEA_SOURCE, paint: { 'fill-color': waterColor } }, firstAboveBackground);
  }
  if (!map.getSource(MASK_SOURCE)) {
    // A light veil over everything outside the six municipalities keeps the
    // eye on the region (and softens where the approximate sea polygon ends).
    map.addSource(MASK_SOURCE, { type: 'geojson', data: empty });
    map.addLayer({ id: MASK_LAYER, type: 'fill', source: MASK_SOURCE, paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.5 } });
  }
  for (const [layer, info] of Object.entries(infos) as [LayerName, TileLayerInfo][]) {
    if (!map.getSource(sourceId(layer))) map.addSource(sourceId(layer), tileSource(info));
  }
  for (const layer of PAST_LAYERS) {
    if (!map.getSource(pastSourceId(layer))) map.addSource(pastSourceId(layer), { type: 'geojson', data: empty, promoteId: 'id' });
  }
  for (const spec of allLayers(categories)) if (!map.getLayer(spec.id)) map.addLayer(spec);
}

/**
 * Shows or hides an API layer. `verleden`: a past peildatum is shown, so the past
 * overlay stands in for kavels, transformaties and compensaties.
 */
export function setLayerVisibility(map: MapLibreMap, layer: LayerName, visible: boolean, verleden = false): void {
  const past = verleden && isPastLayer(layer);
  for (const id of MAP_LAYERS[layer]) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible && !past ? 'visible' : 'none');
    if (map.getLayer(id + PAST)) map.setLayoutProperty(id + PAST, 'visibility', visible && past ? 'visible' : 'none');
  }
}
