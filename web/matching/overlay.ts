// What the regisseur sees on the map while matching: candidate kavels shaded by
// score with their rank, the company's current kavel, curved arrows from the
// current location to the proposed kavel, and relocation chains numbered in the
// order of the moves. One GeoJSON source, a few layers, and HTML labels (markers
// that carry a status and a click, unlike the map's symbol labels in web/map/labels.ts).
import { Marker, type ExpressionSpecification, type GeoJSONSource, type LngLatBoundsLike, type Map as MapLibreMap } from 'maplibre-gl';
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { labelPoint } from '../map/labels.ts';

export const OVERLAY_SOURCE = 'matching';
export const OVERLAY_LAYERS = ['matching-fill', 'matching-line', 'matching-pijl', 'matching-pijlpunt'] as const;

/** `vrijgekomen`: the kavel a company left when its match was realised (now vrijkomend). */
export type KavelRol = 'kandidaat' | 'gekozen' | 'huidig' | 'match' | 'vrijgekomen';

export interface OverlayKavel {
  kavel_id: number;
  rol: KavelRol;
  /** 0–100; shades candidates. */
  score?: number;
}

export interface OverlayPijl {
  /** Kavel the company leaves (null: a new establishment, no arrow). */
  van: number;
  naar: number[];
  soort: 'voorstel' | 'keten' | 'match';
}

export interface OverlayLabel {
  /** Kavels the label sits on (their joint label point). */
  kavel_ids: number[];
  tekst: string;
  soort: 'kandidaat' | 'gekozen' | 'keten' | 'huidig' | 'match' | 'vrijgekomen';
  /** Shown as a tooltip: the full explanation. */
  titel?: string;
}

export interface OverlaySpec {
  kavels: OverlayKavel[];
  pijlen: OverlayPijl[];
  labels: OverlayLabel[];
}

export const COLORS = { kandidaat: '#0b5cad', gekozen: '#e8590c', huidig: '#374151', match: '#1e6b3a', vrijgekomen: '#0e7490', pijl: '#1f2933', keten: '#7b2cbf' };

function ensureLayers(map: MapLibreMap) {
  if (map.getSource(OVERLAY_SOURCE)) return;
  map.addSource(OVERLAY_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const rol: ExpressionSpecification = ['get', 'rol'];
  map.addLayer({
    id: 'matching-fill', type: 'fill', source: OVERLAY_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'],
    paint: {
      'fill-color': ['match', rol, 'gekozen', COLORS.gekozen, 'huidig', COLORS.huidig, 'match', COLORS.match, 'vrijgekomen', COLORS.vrijgekomen,
        'pijlpunt', COLORS.pijl, COLORS.kandidaat],
      // Better scores are more opaque, so the eye finds the best candidates first.
      'fill-opacity': ['match', rol, 'gekozen', 0.55, 'match', 0.55, 'huidig', 0.25, 'vrijgekomen', 0.35, 'pijlpunt', 0,
        ['interpolate', ['linear'], ['coalesce', ['get', 'score'], 0], 0, 0.12, 100, 0.6]],
    },
  });
  map.addLayer({
    id: 'matching-line', type: 'line', source: OVERLAY_SOURCE, filter: ['all', ['==', ['geometry-type'], 'Polygon'], ['!=', rol, 'pijlpunt']],
    paint: {
      'line-color': ['match', rol, 'gekozen', COLORS.gekozen, 'huidig', COLORS.huidig, 'match', COLORS.match, 'vrijgekomen', COLORS.vrijgekomen, COLORS.kandidaat],
      'line-width': ['match', rol, 'gekozen', 3.5, 'match', 3.5, 'huidig', 2.5, 'vrijgekomen', 3, 1.8],
      'line-dasharray': ['match', rol, 'huidig', ['literal', [2, 1.5]], 'vrijgekomen', ['literal', [2, 1.5]], ['literal', [1, 0]]],
    },
  });
  map.addLayer({
    id: 'matching-pijl', type: 'line', source: OVERLAY_SOURCE, filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': ['match', ['get', 'soort'], 'keten', COLORS.keten, 'match', COLORS.match, COLORS.pijl],
      'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 15, 4],
      'line-opacity': 0.9,
    },
  });
  map.addLayer({
    id: 'matching-pijlpunt', type: 'fill', source: OVERLAY_SOURCE, filter: ['==', ['get', 'rol'], 'pijlpunt'],
    paint: { 'fill-color': ['match', ['get', 'soort'], 'keten', COLORS.keten, 'match', COLORS.match, COLORS.pijl], 'fill-opacity': 0.95 },
  });
}

type Pt = [number, number];

/** A gentle curve from a to b (quadratic Bézier, bulging to the left) and a head at b. */
export function arrowGeometry(a: Pt, b: Pt): { line: Position[]; head: Position[] } {
  const k = Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180));
  // Work in a locally isotropic plane (x scaled by cos φ) so the curve and head keep their shape.
  const ax = a[0] * k, bx = b[0] * k;
  const dx = bx - ax, dy = b[1] - a[1];
  const len = Math.hypot(dx, dy) || 1e-9;
  const cx = (ax + bx) / 2 - dy * 0.18, cy = (a[1] + b[1]) / 2 + dx * 0.18;
  const line: Position[] = [];
  for (let i = 0; i <= 24; i++) {
    const t = i / 24;
    const x = (1 - t) ** 2 * ax + 2 * (1 - t) * t * cx + t ** 2 * bx;
    const y = (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * cy + t ** 2 * b[1];
    line.push([x / k, y]);
  }
  // Head: along the curve's last tangent, sized to the arrow but readable at region scale.
  const size = Math.min(Math.max(len * 0.1, 0.0005), 0.0025);
  const tx = bx - cx, ty = b[1] - cy;
  const tl = Math.hypot(tx, ty) || 1;
  const ux = tx / tl, uy = ty / tl;
  const baseX = bx - ux * size, baseY = b[1] - uy * size;
  const head: Position[] = [
    [bx / k, b[1]],
    [(baseX - uy * size * 0.55) / k, baseY + ux * size * 0.55],
    [(baseX + uy * size * 0.55) / k, baseY - ux * size * 0.55],
    [bx / k, b[1]],
  ];
  // End the shaft at the head's base so the tip stays sharp.
  line[line.length - 1] = [baseX / k, baseY];
  return { line, head };
}

/** Every kavel an overlay names: the shapes it needs. */
export function overlayKavelIds(spec: OverlaySpec): number[] {
  return [...new Set([
    ...spec.kavels.map((k) => k.kavel_id), ...spec.pijlen.flatMap((p) => [p.van, ...p.naar]), ...spec.labels.flatMap((l) => l.kavel_ids),
  ])];
}

export class MatchingOverlay {
  private markers: Marker[] = [];

  // The layers are there from the start (empty): the shapes to draw come by id a moment later.
  constructor(private readonly map: MapLibreMap) {
    ensureLayers(map);
  }

  /** `kavels`: the shapes of the kavels the spec names (overlayKavelIds), by id. */
  show(spec: OverlaySpec, kavels: ReadonlyMap<number, Polygon | MultiPolygon>, fit: boolean) {
    ensureLayers(this.map);
    const geom = (id: number) => kavels.get(id);
    const point = (ids: number[]): Pt | null => {
      const parts = ids.map(geom).filter((g): g is Polygon | MultiPolygon => !!g);
      if (!parts.length) return null;
      const polys: Position[][][] = parts.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates));
      return labelPoint(polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys });
    };

    const features: Feature[] = [];
    for (const k of spec.kavels) {
      const g = geom(k.kavel_id);
      if (g) features.push({ type: 'Feature', geometry: g, properties: { rol: k.rol, score: k.score ?? null, kavel_id: k.kavel_id } });
    }
    for (const p of spec.pijlen) {
      const a = point([p.van]);
      const b = point(p.naar);
      if (!a || !b) continue;
      const { line, head } = arrowGeometry(a, b);
      features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { soort: p.soort, van: p.van, naar: p.naar.join(',') } });
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [head] }, properties: { rol: 'pijlpunt', soort: p.soort } });
    }
    const data: FeatureCollection = { type: 'FeatureCollection', features };
    this.map.getSource<GeoJSONSource>(OVERLAY_SOURCE)?.setData(data);

    this.clearMarkers();
    for (const l of spec.labels) {
      const at = point(l.kavel_ids);
      if (!at) continue;
      const el = document.createElement('div');
      el.className = `match-marker match-marker--${l.soort}`;
      el.textContent = l.tekst;
      if (l.titel) el.title = l.titel;
      el.dataset.kavels = l.kavel_ids.join(',');
      this.markers.push(new Marker({ element: el, anchor: 'bottom', offset: [0, -4] }).setLngLat(at).addTo(this.map));
    }

    if (fit && features.length) {
      const [w, s, e, n] = bbox(data);
      this.map.fitBounds([[w, s], [e, n]] as LngLatBoundsLike, {
        padding: { top: 90, bottom: 60, left: 360, right: 640 }, maxZoom: 16, duration: 500,
      });
    }
  }

  clear() {
    this.map.getSource<GeoJSONSource>(OVERLAY_SOURCE)?.setData({ type: 'FeatureCollection', features: [] });
    this.clearMarkers();
  }

  private clearMarkers() {
    for (const m of this.markers) m.remove();
    this.markers = [];
  }
}
