// Types of the Schuifruimte071 API responses (see server/routes and server/layers).
import type { KavelStatus } from '../../server/domain/kavel-status.ts';
import type { FeatureCollection, Feature, MultiPolygon, Polygon } from 'geojson';

export type Bron = 'osm' | 'cbs' | 'voorbeeld' | 'gebruiker';

export interface AppConfig {
  basemapStyleUrl: string;
  attribution: string[];
}

export interface Milieucategorie {
  code: string;
  volgorde: number;
  omschrijving: string;
  richtafstand_m: number;
  richtafstand_gemengd_m: number;
}

/** Properties every layer shares. */
export interface BaseProperties {
  id: number;
  naam: string | null;
  gemeente: string;
  /** Hectares computed by PostGIS in RD New (EPSG:28992). */
  oppervlakte_ha: number;
  bron: Bron;
  /** Row version for optimistic locking (PATCH/DELETE send it back). */
  version?: number;
  updated_at?: string;
}

export interface GemeenteProperties extends BaseProperties {
  code: string;
  inwoners_2020?: number | null;
}

export interface TerreinProperties extends BaseProperties {
  naam_bekend: boolean;
  typologie: string | null;
  watergebonden: boolean | null;
  niet_te_transformeren?: boolean | null;
  op_transformatielijst?: boolean | null;
  milieucategorie_min: string | null;
  milieucategorie_max: string | null;
  aantal_kavels: number;
  kavels_ha?: number;
}

export interface KavelProperties extends BaseProperties {
  terrein_id: number;
  terrein_naam: string | null;
  milieucategorie_min: string | null;
  milieucategorie_max: string | null;
  status: KavelStatus;
  planstatus: 'hard' | 'zacht';
  watergebonden: boolean | null;
  beschikbaar_vanaf: string | null;
  eigendom: 'gemeente' | 'privaat' | 'onbekend';
}

export interface KanszoneProperties extends BaseProperties {
  soort: string | null;
  terrein_id: number | null;
  omschrijving: string | null;
}

/** A gemeente or terrein under a polygon, with the share in ha (PostGIS, RD New); largest first. */
export interface VlakDeel {
  id: number;
  naam: string | null;
  ha: number;
}

/** A company sitting on a transformation area. */
export interface ZittendBedrijf {
  naam: string;
  gebruikspositie: 'huurder' | 'eigenaar';
  status?: string;
}

export interface TransformatieProperties extends BaseProperties {
  gemeente_id: number;
  /** The region gemeenten under the polygon: the choices for gemeente_id. */
  gemeenten: VlakDeel[];
  /** The terreinen under the polygon (derived). */
  terreinen: VlakDeel[];
  nieuwe_functie: 'wonen' | 'gemengd' | 'overig';
  status: 'idee' | 'studie' | 'ontwerp_ter_inzage' | 'vastgesteld' | 'gerealiseerd' | 'vervallen';
  datum_terinzagelegging: string | null;
  datum_vaststelling: string | null;
  /** Area on business land, overlaps with older transformaties counted once (PostGIS); null: could not be computed. */
  netto_verloren_ha: number | null;
  /** Older transformaties that already hold part of this ground (counted there, not here), with the overlap in ha. */
  overlapt_transformaties?: VlakDeel[];
  /** The date the current state took effect (valid time). */
  geldig_vanaf?: string;
  zittende_huurders: number;
  zittende_eigenaren: number;
  /** Names only in the single-record GET, and not for the stuurgroep. */
  zittende_bedrijven?: ZittendBedrijf[];
}

export interface CompensatieProperties extends BaseProperties {
  gemeente_id: number;
  gemeenten: VlakDeel[];
  status: 'gepland' | 'geregeld' | 'planologisch_mogelijk' | 'gerealiseerd' | 'vervallen';
  planstatus: 'hard' | 'zacht' | null;
  milieucategorie_min: string | null;
  milieucategorie_max: string | null;
  watergebonden: boolean | null;
  besluitpunt_ref?: string | null;
  besluitpunt_datum?: string | null;
}

/** Layer name (the API path segment) → its feature properties. */
export interface LayerProperties {
  gemeenten: GemeenteProperties;
  terreinen: TerreinProperties;
  kavels: KavelProperties;
  kanszones: KanszoneProperties;
  transformaties: TransformatieProperties;
  compensaties: CompensatieProperties;
}

export type LayerName = keyof LayerProperties;

export const LAYER_NAMES: readonly LayerName[] = [
  'gemeenten', 'terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties',
];

type Area = Polygon | MultiPolygon;
export type LayerFeature<L extends LayerName = LayerName> = Feature<Area, LayerProperties[L]> & { id: number };
export type LayerCollection<L extends LayerName = LayerName> = Omit<FeatureCollection<Area, LayerProperties[L]>, 'features'> & {
  features: LayerFeature<L>[];
};

/** Error body of every 4xx/5xx answer. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export type Rol = 'beheerder' | 'regisseur' | 'werkgroep' | 'stuurgroep';

/** The signed-in account (GET /api/auth/me), generated from the server's schema. */
export type { Me } from './session.ts';

/** One version of a record (GET /api/<layer>/<id>/history), oldest first. */
export interface HistoryEntry {
  versie: number | null;
  actie: string;
  tijdstip: string;
  door: string;
  reden: string | null;
  /** The record's attributes in this version; geldig_vanaf is the date the version took effect. */
  eigenschappen?: Record<string, unknown> | null;
}

export interface Waarschuwing {
  code: string;
  message: string;
  overlap_ha: number;
  ids: number[];
}

/** Kavels that lose milieuruimte when housing comes (server: editor-checks.ts milieuruimte). */
export interface Milieuruimte {
  nieuwe_functie: 'wonen' | 'gemengd';
  kavels: FeatureCollection<Area, { id: number; naam?: string | null; milieucategorie_max?: string; oppervlakte_ha?: number }>;
  per_categorie: { milieucategorie: string; richtafstand_m: number; aantal: number; ha: number }[];
  totaal_ha: number;
  kavels_in_vlak: number[];
}

/** Answer of POST/PATCH on a layer: the stored feature plus the editor's findings. */
export type SavedFeature = LayerFeature & { waarschuwingen: Waarschuwing[]; milieuruimte?: Milieuruimte };

/** Answer of POST /api/validatie/<layer> (draft check while drawing). */
export interface DraftCheck {
  geldig: boolean;
  oppervlakte_ha: number | null;
  gemeente_id: number | null;
  /** Gemeenten under the drawing, largest share first (the choices for gemeente_id). */
  gemeenten?: VlakDeel[];
  /** Transformatie: the terreinen under the drawing. */
  terreinen?: VlakDeel[];
  fouten: { code: string; message: string; details?: { locatie?: [number, number] } }[];
  waarschuwingen: Waarschuwing[];
}
