// The features of an import on the map while it is checked: coloured by verdict
// (new, changed, unchanged, error), outlined, on top of the regular layers.
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { bbox } from '@turf/turf';
import type { ImportKaart } from './api.ts';

export const IMPORT_SOURCE = 'uitwisseling-import';
export const IMPORT_LAYERS = ['uitwisseling-import-fill', 'uitwisseling-import-line'] as const;

export const OORDEEL_KLEUR: Record<string, string> = {
  nieuw: '#1a7f37', gewijzigd: '#1f4e8c', ongewijzigd: '#6b7280', fout: '#c0362c', onbekend: '#d97706',
};

const kleur: ExpressionSpecification = ['match', ['coalesce', ['get', 'oordeel'], 'onbekend'],
  'nieuw', OORDEEL_KLEUR.nieuw, 'gewijzigd', OORDEEL_KLEUR.gewijzigd, 'ongewijzigd', OORDEEL_KLEUR.ongewijzigd,
  'fout', OORDEEL_KLEUR.fout, OORDEEL_KLEUR.onbekend];

export function toonImport(map: MapLibreMap, data: ImportKaart, passend = true) {
  const source = map.getSource(IMPORT_SOURCE) as GeoJSONSource | undefined;
  if (source) source.setData(data);
  else {
    map.addSource(IMPORT_SOURCE, { type: 'geojson', data, promoteId: 'volgnr' });
    map.addLayer({ id: IMPORT_LAYERS[0], type: 'fill', source: IMPORT_SOURCE, paint: { 'fill-color': kleur, 'fill-opacity': 0.35 } });
    map.addLayer({ id: IMPORT_LAYERS[1], type: 'line', source: IMPORT_SOURCE, paint: { 'line-color': kleur, 'line-width': 2.5 } });
  }
  if (passend && data.features.length) {
    const [w, s, e, n] = bbox(data);
    // Clear of the layer panel (left) and the exchange panel (right) where the screen is wide enough.
    const breed = map.getContainer().clientWidth > 1100;
    map.fitBounds([[w, s], [e, n]], { padding: { top: 60, bottom: 60, left: breed ? 330 : 30, right: breed ? 680 : 30 }, maxZoom: 17, duration: 0 });
  }
}

export function wisImport(map: MapLibreMap) {
  for (const id of IMPORT_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(IMPORT_SOURCE)) map.removeSource(IMPORT_SOURCE);
}
