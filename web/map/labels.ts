// Map labels as MapLibre symbol layers: the names of the gemeenten and terreinen at
// their label points (the pole of inaccessibility, stored by PostGIS and served in the
// layers' tiles as `<layer>_label`), in Noto Sans from the app's own glyphs
// (/glyphs, offline). The renderer places them and drops those that would collide,
// bigger areas first, so thousands of names cost nothing.
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { LayerName } from '../api/layers.ts';
import { labelSourceLayer } from './tiles.ts';

export { labelPoint } from './label-point.ts';

/** The glyphs the app serves itself (server/tiles/glyphs.ts), for the map style. */
export const glyphsUrl = (origin = window.location.origin) => `${origin}/glyphs/{fontstack}/{range}.pbf`;

/** The font stacks of the labels (geodata/glyphs). */
export const LABEL_FONT = { gemeente: ['Noto Sans Bold'], terrein: ['Noto Sans SemiBold'] };

/** The label layers of each API layer (shown and hidden with it). */
export const LABEL_LAYERS: Partial<Record<LayerName, string[]>> = {
  gemeenten: ['gemeenten-label'],
  terreinen: ['terreinen-label', 'terreinen-werknaam-label'],
};

const HALO = '#ffffff';
/** Larger areas win a collision (a lower sort key is placed first). */
const BIGGER_FIRST = ['-', ['coalesce', ['get', 'oppervlakte_ha'], 0]] as unknown as number;

/** Sizes of the names on screen, and on a projector (presentation mode: read from across a room). */
const LABEL_STYLE = {
  scherm: { gemeente: 13, terrein: 12.5, terreinVanaf: 12 },
  projector: { gemeente: 24, terrein: 18, terreinVanaf: 10 },
} as const;

/**
 * Shows the names at screen or projector size; on a projector terreinen with a known name
 * are named from region scale on (collision handling keeps the larger ones). `schaal`
 * scales the projector sizes for a smaller beamer (1: 1920×1080), never below screen size.
 */
export function setLabelStyle(map: MapLibreMap, stijl: keyof typeof LABEL_STYLE, schaal = 1) {
  const s = LABEL_STYLE[stijl];
  const maat = (naam: 'gemeente' | 'terrein') => Math.max(LABEL_STYLE.scherm[naam], Math.round(s[naam] * schaal * 2) / 2);
  if (!map.getLayer('gemeenten-label') || !map.getLayer('terreinen-label')) return;
  map.setLayoutProperty('gemeenten-label', 'text-size', maat('gemeente'));
  map.setLayoutProperty('terreinen-label', 'text-size', maat('terrein'));
  map.setLayoutProperty('terreinen-werknaam-label', 'text-size', maat('terrein'));
  map.setLayerZoomRange('terreinen-label', s.terreinVanaf, 24);
}

/** The symbol layers, bottom to top: the top one (gemeenten) is placed first. */
export function labelLayers(sourceId: (layer: LayerName) => string): LayerSpecification[] {
  const terrein = {
    type: 'symbol' as const,
    source: sourceId('terreinen'),
    'source-layer': labelSourceLayer('terreinen'),
    layout: {
      'text-field': ['get', 'naam'],
      'text-font': LABEL_FONT.terrein,
      'text-size': LABEL_STYLE.scherm.terrein,
      'text-max-width': 9,
      'text-padding': 3,
      'symbol-sort-key': BIGGER_FIRST,
    },
    paint: { 'text-color': '#1f2933', 'text-halo-color': HALO, 'text-halo-width': 1.8, 'text-halo-blur': 0.4 },
  } satisfies Partial<LayerSpecification>;
  return [
    // Terreinen with only a working name ("… (naam onbekend)") from zoom 14, where there is room;
    // those with a known name from zoom 12 (never at region scale).
    { ...terrein, id: 'terreinen-werknaam-label', minzoom: 14, filter: ['!', ['to-boolean', ['get', 'naam_bekend']]] },
    { ...terrein, id: 'terreinen-label', minzoom: LABEL_STYLE.scherm.terreinVanaf, filter: ['to-boolean', ['get', 'naam_bekend']] },
    {
      id: 'gemeenten-label', type: 'symbol', source: sourceId('gemeenten'), 'source-layer': labelSourceLayer('gemeenten'), maxzoom: 13,
      layout: {
        'text-field': ['get', 'naam'],
        'text-font': LABEL_FONT.gemeente,
        'text-size': LABEL_STYLE.scherm.gemeente,
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.16,
        'text-max-width': 12,
        'symbol-sort-key': BIGGER_FIRST,
      },
      paint: { 'text-color': '#3e4c59', 'text-halo-color': HALO, 'text-halo-width': 2, 'text-halo-blur': 0.5 },
    },
  ];
}
