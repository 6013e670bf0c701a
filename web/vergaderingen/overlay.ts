// What changed since the last meeting, on the map: the changed and removed polygons as
// they were (dashed, red) and the changed and added ones as they are now (solid, blue),
// so before and after can be compared shape by shape. One GeoJSON source, two layers.
import type { GeoJSONSource, LngLatBoundsLike, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { Schemas } from '../api/http.ts';

const BRON = 'vergelijking';
const LAGEN = ['vergelijking-fill', 'vergelijking-line'] as const;
export const KLEUR = { voor: '#b42318', na: '#1f4e8c' };

type Kaart = Schemas['VergaderKaart'];

function vlakken(kaart: Kaart, kant: 'voor' | 'na'): Feature<MultiPolygon>[] {
  return Object.entries(kaart).flatMap(([laag, fc]) =>
    fc.features.map((f) => ({
      type: 'Feature' as const, geometry: f.geometry as MultiPolygon,
      properties: { kant, laag, id: f.id, naam: 'naam' in f.properties ? f.properties.naam : null },
    })));
}

export class VergelijkingOverlay {
  constructor(private readonly map: MapLibreMap) {}

  private zorgVoorLagen() {
    if (this.map.getSource(BRON)) return;
    this.map.addSource(BRON, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    this.map.addLayer({
      id: 'vergelijking-fill', type: 'fill', source: BRON,
      paint: { 'fill-color': ['match', ['get', 'kant'], 'voor', KLEUR.voor, KLEUR.na], 'fill-opacity': ['match', ['get', 'kant'], 'voor', 0.12, 0.28] },
    });
    this.map.addLayer({
      id: 'vergelijking-line', type: 'line', source: BRON,
      paint: {
        'line-color': ['match', ['get', 'kant'], 'voor', KLEUR.voor, KLEUR.na],
        'line-width': 3,
        'line-dasharray': ['match', ['get', 'kant'], 'voor', ['literal', [2, 1.5]], ['literal', [1, 0]]],
      },
    });
  }

  /** Shows the shapes before and after, and fits the map to them. */
  toon(v: Schemas['Vergelijking'], padding?: PaddingOptions) {
    if (!this.map.style) return;
    this.zorgVoorLagen();
    const data: FeatureCollection<MultiPolygon> = { type: 'FeatureCollection', features: [...vlakken(v.kaart.voor, 'voor'), ...vlakken(v.kaart.na, 'na')] };
    (this.map.getSource(BRON) as GeoJSONSource).setData(data);
    if (data.features.length) {
      const [w, s, e, n] = bbox(data);
      this.map.fitBounds([w, s, e, n] as LngLatBoundsLike, {
        padding: padding ?? { top: 60, bottom: 60, left: 60, right: Math.min(620, this.map.getContainer().clientWidth / 2) }, maxZoom: 15, duration: 0,
      });
    }
  }

  wis() {
    if (!this.map.style) return;
    for (const l of LAGEN) if (this.map.getLayer(l)) this.map.removeLayer(l);
    if (this.map.getSource(BRON)) this.map.removeSource(BRON);
  }
}
