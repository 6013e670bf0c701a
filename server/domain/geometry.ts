// Checks on drawn or uploaded polygons that need no database: structure, numbers,
// closed rings, bounds and size. Validity (self-intersection) is judged by PostGIS.
import { haNl, m2Nl } from './nl-tekst.ts';

export const NL_BOUNDS = { minLon: 3.2, minLat: 50.7, maxLon: 7.3, maxLat: 53.6 };
export const MAX_VERTICES = 20_000;
export const MAX_GEOMETRY_BYTES = 1_000_000;

export const GEOMETRY_PROBLEM_CODES = [
  'geen_geometrie', 'ongeldig_type', 'ongeldige_coordinaten', 'niet_eindig', 'ring_niet_gesloten',
  'te_weinig_punten', 'buiten_nederland', 'te_veel_punten', 'te_groot',
] as const;
export type GeometryProblemCode = (typeof GEOMETRY_PROBLEM_CODES)[number];

export interface GeometryProblem {
  code: GeometryProblemCode;
  message: string;
  /** [lon, lat] of the offending point, where there is one. */
  locatie?: [number, number];
}

export type PolygonalGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

const problem = (code: GeometryProblemCode, message: string, locatie?: [number, number]): GeometryProblem =>
  locatie ? { code, message, locatie } : { code, message };

const isPosition = (p: unknown): p is number[] =>
  Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((n) => typeof n === 'number');

/** Returns the first problem found, or null when the geometry may go to PostGIS. */
export function checkPolygonal(geometry: unknown): GeometryProblem | null {
  if (geometry === null || typeof geometry !== 'object') return problem('geen_geometrie', 'Er is geen geometrie meegestuurd.');
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return problem('ongeldig_type', `Alleen vlakken (Polygon of MultiPolygon) zijn toegestaan, niet '${String(g.type)}'.`);
  }
  if (JSON.stringify(g).length > MAX_GEOMETRY_BYTES) {
    return problem('te_groot', `De geometrie is groter dan ${MAX_GEOMETRY_BYTES / 1_000_000} MB.`);
  }
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) return problem('ongeldige_coordinaten', 'De coördinaten ontbreken.');
  let vertices = 0;
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) return problem('ongeldige_coordinaten', 'Een vlak heeft geen ringen.');
    for (const ring of rings) {
      if (!Array.isArray(ring)) return problem('ongeldige_coordinaten', 'Een ring is geen lijst van punten.');
      for (const p of ring) {
        if (!isPosition(p)) return problem('ongeldige_coordinaten', 'Een punt is geen paar getallen [lengtegraad, breedtegraad].');
        if (!p.every(Number.isFinite)) return problem('niet_eindig', 'Een coördinaat is geen eindig getal.');
        const [lon, lat] = p;
        if (lon < NL_BOUNDS.minLon || lon > NL_BOUNDS.maxLon || lat < NL_BOUNDS.minLat || lat > NL_BOUNDS.maxLat) {
          return problem('buiten_nederland', 'Een punt ligt buiten Nederland. Coördinaten moeten WGS84 (lengtegraad, breedtegraad) zijn.', [lon, lat]);
        }
      }
      vertices += ring.length;
      if (vertices > MAX_VERTICES) return problem('te_veel_punten', `Een vlak mag hoogstens ${MAX_VERTICES} punten hebben.`);
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (ring.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) {
        return problem('ring_niet_gesloten', 'Een ring is niet gesloten: het laatste punt moet gelijk zijn aan het eerste.', [first[0], first[1]]);
      }
      const distinct = new Set(ring.map((p: number[]) => `${p[0]},${p[1]}`));
      if (distinct.size < 3) {
        return problem('te_weinig_punten', 'Een vlak heeft minstens drie verschillende punten nodig.', first ? [first[0], first[1]] : undefined);
      }
    }
  }
  return null;
}

/** Smallest polygon (and hole) the planning tools accept (0.01 ha = 100 m²). */
export const MIN_AREA_HA = 0.01;

/**
 * Why a shape is too small, with its size and the limit: for a drawn polygon, a hole to
 * cut, or what a split or a hole leaves over. Shared by the server and the editor.
 */
export function teKleinMelding(m2: number, wat: 'vlak' | 'gat' | 'deel' | 'rest'): string {
  const limiet = `${m2Nl(MIN_AREA_HA * 10_000)} (${haNl(MIN_AREA_HA)})`;
  switch (wat) {
    case 'gat': return `Het gat is te klein: ${m2Nl(m2)}. Een gat moet minstens ${limiet} zijn; teken een groter gat.`;
    case 'deel': return `Een deel wordt te klein: ${m2Nl(m2)}. Elk deel moet minstens ${limiet} zijn.`;
    case 'rest': return `Wat na het gat overblijft is te klein: ${m2Nl(m2)}. Een vlak moet minstens ${limiet} zijn.`;
    default: return `Het vlak is te klein: ${m2Nl(m2)}. Een vlak moet minstens ${limiet} zijn.`;
  }
}

/** Checks a cutting line (GeoJSON LineString, WGS84) for the split tool; null when fine. */
export function checkLineString(geometry: unknown): GeometryProblem | null {
  if (geometry === null || typeof geometry !== 'object') return problem('geen_geometrie', 'Er is geen snijlijn meegestuurd.');
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'LineString') return problem('ongeldig_type', `De snijlijn moet een LineString zijn, niet '${String(g.type)}'.`);
  if (!Array.isArray(g.coordinates) || g.coordinates.length < 2) return problem('te_weinig_punten', 'Een snijlijn heeft minstens twee punten nodig.');
  if (g.coordinates.length > MAX_VERTICES) return problem('te_veel_punten', `Een snijlijn mag hoogstens ${MAX_VERTICES} punten hebben.`);
  for (const p of g.coordinates) {
    if (!isPosition(p)) return problem('ongeldige_coordinaten', 'Een punt is geen paar getallen [lengtegraad, breedtegraad].');
    if (!p.every(Number.isFinite)) return problem('niet_eindig', 'Een coördinaat is geen eindig getal.');
    const [lon, lat] = p;
    if (lon < NL_BOUNDS.minLon || lon > NL_BOUNDS.maxLon || lat < NL_BOUNDS.minLat || lat > NL_BOUNDS.maxLat) {
      return problem('buiten_nederland', 'Een punt ligt buiten Nederland. Coördinaten moeten WGS84 (lengtegraad, breedtegraad) zijn.', [lon, lat]);
    }
  }
  if (new Set((g.coordinates as number[][]).map((p) => `${p[0]},${p[1]}`)).size < 2) {
    return problem('te_weinig_punten', 'Een snijlijn heeft minstens twee verschillende punten nodig.');
  }
  return null;
}
