// One feature of a source file turned into a staged import row: its attribute values
// mapped onto the layer's fields, its source id, and its geometry checked for shape
// and for lying where the chosen CRS puts the Netherlands. Pure: no database.
import { bekendCrs } from '../domain/exchange-crs.ts';
import { leesWaarde } from '../domain/exchange-values.ts';
import type { Doelveld } from './doelvelden.ts';

export interface Probleem {
  code: string;
  melding: string;
  ernst: 'fout' | 'waarschuwing';
  /** Our field the problem is about. */
  veld?: string;
  /** [lon, lat] (WGS84) of the spot. */
  locatie?: [number, number];
  /** The existing kavel the finding is about. */
  kavel_id?: number;
}

/** A field of ours filled from a source field or with one value for every feature. */
export type Veldkoppeling = { veld: string } | { vast: string | number | boolean | null };

export interface Koppeling {
  bron_id_veld: string | null;
  velden: Record<string, Veldkoppeling>;
}

export interface BronObject {
  type?: string;
  id?: string | number;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

export interface StagedObject {
  volgnr: number;
  fid: string | null;
  bron_id: string | null;
  eigenschappen: Record<string, unknown>;
  leesproblemen: Probleem[];
  geometry: { type: string; coordinates: unknown } | null;
}

const fout = (code: string, melding: string, veld?: string): Probleem => (veld ? { code, melding, ernst: 'fout', veld } : { code, melding, ernst: 'fout' });

function isPos(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

/** Structure of a (Multi)Polygon in any CRS, and its bounds; or why it is no polygon. */
export function vormVan(geometry: BronObject['geometry']): { ok: true; bbox: [number, number, number, number] } | { ok: false; probleem: Probleem } {
  if (!geometry || !geometry.type) return { ok: false, probleem: fout('geen_geometrie', 'Dit object heeft geen geometrie.') };
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    return { ok: false, probleem: fout('geen_vlak', `Alleen vlakken (Polygon of MultiPolygon) kunnen worden geïmporteerd; dit object is een ${geometry.type}.`) };
  }
  const polys = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as unknown[];
  if (!Array.isArray(polys) || polys.length === 0) return { ok: false, probleem: fout('geen_geometrie', 'De geometrie heeft geen coördinaten.') };
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  for (const rings of polys) {
    if (!Array.isArray(rings) || rings.length === 0) return { ok: false, probleem: fout('ongeldige_geometrie', 'Een vlak heeft geen ringen.') };
    for (const ring of rings as unknown[]) {
      if (!Array.isArray(ring) || !ring.every(isPos)) return { ok: false, probleem: fout('ongeldige_geometrie', 'Een ring bevat een punt dat geen paar getallen is.') };
      if (ring.length < 4) return { ok: false, probleem: fout('te_weinig_punten', 'Een ring heeft minder dan vier punten.') };
      const a = ring[0]; const b = ring[ring.length - 1];
      if (a[0] !== b[0] || a[1] !== b[1]) return { ok: false, probleem: fout('ring_niet_gesloten', 'Een ring is niet gesloten: het laatste punt moet gelijk zijn aan het eerste.') };
      for (const p of ring) {
        minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]);
        minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
      }
    }
  }
  return { ok: true, bbox: [minX, minY, maxX, maxY] };
}

const bronTekst = (v: unknown) => (v === null || v === undefined ? null : String(v).trim() || null);

/**
 * Maps one source feature. `gezien` collects source ids already used in this file, so
 * a second feature with the same id is an error (a re-delivery matches on it).
 */
export function mapObject(
  volgnr: number, f: BronObject, koppeling: Koppeling, velden: Doelveld[], epsg: number,
  codes: readonly string[], gezien: Set<string>,
): StagedObject {
  const props = f.properties ?? {};
  const problemen: Probleem[] = [];
  const eigenschappen: Record<string, unknown> = {};
  for (const veld of velden) {
    const k = koppeling.velden[veld.naam];
    if (!k) continue;
    const ruw = 'veld' in k ? props[k.veld] : k.vast;
    const gelezen = leesWaarde(veld.soort, ruw, { waarden: veld.waarden, codes });
    if (gelezen.ok) eigenschappen[veld.naam] = gelezen.waarde;
    else problemen.push(fout('ongeldige_waarde', `${veld.label}: ${gelezen.melding}.`, veld.naam));
  }
  for (const veld of velden.filter((v) => v.verplicht)) {
    if (eigenschappen[veld.naam] === null || eigenschappen[veld.naam] === undefined) {
      if (!problemen.some((p) => p.veld === veld.naam)) problemen.push(fout('verplicht_ontbreekt', `${veld.label} is verplicht en ontbreekt.`, veld.naam));
    }
  }
  let bronId: string | null = null;
  if (koppeling.bron_id_veld) {
    bronId = bronTekst(props[koppeling.bron_id_veld]);
    if (bronId === null) problemen.push(fout('bron_id_ontbreekt', `Het id-veld '${koppeling.bron_id_veld}' is leeg; zonder id kan een volgende levering dit object niet terugvinden.`));
    else if (gezien.has(bronId)) problemen.push(fout('bron_id_dubbel', `Id '${bronId}' komt meer dan eens voor in het bestand.`));
    else gezien.add(bronId);
  }
  let geometry: StagedObject['geometry'] = null;
  const vorm = vormVan(f.geometry);
  if (!vorm.ok) problemen.push(vorm.probleem);
  else {
    const crs = bekendCrs(epsg);
    const [minX, minY, maxX, maxY] = vorm.bbox;
    const nl = crs?.nederland;
    if (nl && (minX < nl.minX || maxX > nl.maxX || minY < nl.minY || maxY > nl.maxY)) {
      problemen.push(fout('buiten_bereik', `De coördinaten van dit object (x ${Math.round(minX)}, y ${Math.round(minY)}) liggen in ${crs.naam} niet in Nederland.`));
    } else {
      geometry = f.geometry as StagedObject['geometry'];
    }
  }
  const fid = f.id === undefined || f.id === null ? null : String(f.id);
  return { volgnr, fid, bron_id: bronId, eigenschappen, leesproblemen: problemen, geometry };
}
