// What the editor draws on the map besides terra-draw's own features: the live
// area label at the polygon, a marker where the server found an error (e.g. the
// spot where the lines cross), and the kavels that lose milieuruimte.
import { Marker, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { labelPoint as centre } from '../map/label-point.ts';

export const MILIEURUIMTE_SOURCE = 'editor-milieuruimte';
export const MILIEURUIMTE_LAYERS = ['editor-milieuruimte-fill', 'editor-milieuruimte-line'];

export const HOLES_SOURCE = 'editor-gaten';
const HOLES_LAYERS = ['editor-gaten-fill', 'editor-gaten-line'];

export class EditorOverlays {
  private areaMarker: Marker | null = null;
  private errorMarker: Marker | null = null;

  constructor(private readonly map: MapLibreMap) {}

  /** The live hectares at the polygon, or nothing. */
  setAreaLabel(polygon: Polygon | MultiPolygon | null, text: string): void {
    if (!polygon) {
      this.areaMarker?.remove();
      this.areaMarker = null;
      return;
    }
    if (!this.areaMarker) {
      const el = document.createElement('div');
      el.className = 'editor-area-label';
      el.dataset.testid = 'editor-area-label';
      this.areaMarker = new Marker({ element: el }).setLngLat(centre(polygon)).addTo(this.map);
    }
    this.areaMarker.getElement().textContent = text;
    this.areaMarker.setLngLat(centre(polygon));
  }

  /** A red marker with the server's message at the spot it names. */
  setErrorMarker(at: [number, number] | null, message = ''): void {
    this.errorMarker?.remove();
    this.errorMarker = null;
    if (!at) return;
    const el = document.createElement('div');
    el.className = 'editor-error-marker';
    el.dataset.testid = 'editor-error-marker';
    el.title = message;
    const text = document.createElement('span');
    text.textContent = message;
    el.appendChild(text);
    this.errorMarker = new Marker({ element: el, anchor: 'top-left', offset: [-8, -8] }).setLngLat(at).addTo(this.map);
  }

  /** Highlights the kavels a new housing plan would squeeze (milieuruimte check). */
  setMilieuruimte(kavels: FeatureCollection | null): void {
    const data = kavels ?? { type: 'FeatureCollection', features: [] };
    const source = this.map.getSource<GeoJSONSource>(MILIEURUIMTE_SOURCE);
    if (source) {
      source.setData(data);
      return;
    }
    if (!kavels) return;
    this.map.addSource(MILIEURUIMTE_SOURCE, { type: 'geojson', data });
    this.map.addLayer({ id: MILIEURUIMTE_LAYERS[0], type: 'fill', source: MILIEURUIMTE_SOURCE, paint: { 'fill-color': '#e03131', 'fill-opacity': 0.35 } });
    this.map.addLayer({ id: MILIEURUIMTE_LAYERS[1], type: 'line', source: MILIEURUIMTE_SOURCE, paint: { 'line-color': '#c92a2a', 'line-width': 2.5, 'line-dasharray': [2, 1] } });
  }

  /** The holes of the record being edited: kept as they are (terra-draw edits outer rings only). */
  setHoles(holes: Polygon[]): void {
    const data: FeatureCollection = { type: 'FeatureCollection', features: holes.map((geometry) => ({ type: 'Feature', geometry, properties: {} })) };
    const source = this.map.getSource<GeoJSONSource>(HOLES_SOURCE);
    if (source) {
      source.setData(data);
      return;
    }
    if (!holes.length) return;
    this.map.addSource(HOLES_SOURCE, { type: 'geojson', data });
    this.map.addLayer({ id: HOLES_LAYERS[0], type: 'fill', source: HOLES_SOURCE, paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.55 } });
    this.map.addLayer({ id: HOLES_LAYERS[1], type: 'line', source: HOLES_SOURCE, paint: { 'line-color': '#0b5cad', 'line-width': 2, 'line-dasharray': [2, 1.5] } });
  }

  destroy(): void {
    this.setAreaLabel(null, '');
    this.setErrorMarker(null);
    if (this.map.getStyle()) {
      for (const id of [...MILIEURUIMTE_LAYERS, ...HOLES_LAYERS]) if (this.map.getLayer(id)) this.map.removeLayer(id);
      for (const id of [MILIEURUIMTE_SOURCE, HOLES_SOURCE]) if (this.map.getSource(id)) this.map.removeSource(id);
    }
  }
}
