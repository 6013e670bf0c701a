// What the map layers answer: a GeoJSON Feature (WGS84) per record with the
// properties of its layer (definitions.ts says how each is computed). The OpenAPI
// document, and through it the web app's types, come from these schemas;
// test/integration/layer-schemas.test.ts checks the real answers against them.
import { z } from '@hono/zod-openapi';
import { AreaSchema } from '../http/schemas.ts';
import { KAVEL_STATUSSEN } from '../domain/kavel-status.ts';
import {
  COMPENSATIE_STATUSSEN, EIGENDOMMEN, KANSZONE_SOORTEN, NIEUWE_FUNCTIES, PLANSTATUSSEN, TRANSFORMATIE_STATUSSEN, TYPOLOGIEEN,
} from '../domain/layer-values.ts';
import { ZittendBedrijfSchema } from '../editor/writable.ts';
import type { LayerPath } from './definitions.ts';

/** A gemeente or terrein under a polygon, with the polygon's share in it (ha, RD New); largest first. */
export const VlakDeelSchema = z.object({ id: z.number().int(), naam: z.string().nullable(), ha: z.number() }).openapi('VlakDeel');

const id = z.number().int();
const categorie = z.string().nullable().openapi({ description: 'VNG-milieucategorie, zoals 3.1' });
const datum = z.string().nullable().openapi({ description: 'Datum JJJJ-MM-DD' });
/** The date the record's current state took effect (valid time, migration 012). */
const geldig_vanaf = z.string().nullable().openapi({ description: 'Datum waarop de huidige stand van het record ingaat (JJJJ-MM-DD)' });

/** Properties every layer has. */
const basis = {
  id,
  naam: z.string().nullable(),
  /** The gemeente's name. */
  gemeente: z.string(),
  oppervlakte_ha: z.number().openapi({ description: 'Hectare, berekend door PostGIS in RD New (EPSG:28992)' }),
  bron: z.string().openapi({ description: 'Herkomst: osm, cbs, voorbeeld, gebruiker of de naam van een import' }),
  version: z.number().int().openapi({ description: 'Versie voor optimistische vergrendeling: stuur hem mee bij een wijziging' }),
  updated_at: z.string(),
};

export const GemeenteEigenschappen = z.object({
  ...basis, code: z.string(), inwoners_2020: z.number().int().nullable(),
}).openapi('GemeenteEigenschappen');

export const TerreinEigenschappen = z.object({
  ...basis, gemeente_id: id, naam_bekend: z.boolean(), naam_osm: z.string().nullable(), typologie: z.enum(TYPOLOGIEEN),
  watergebonden: z.boolean(), niet_te_transformeren: z.boolean(), op_transformatielijst: z.boolean(),
  milieucategorie_min: categorie, milieucategorie_max: categorie,
  aantal_kavels: z.number().int(), kavels_ha: z.number(),
}).openapi('TerreinEigenschappen');

export const KavelEigenschappen = z.object({
  ...basis, gemeente_id: id, terrein_id: id, terrein_naam: z.string(), status: z.enum(KAVEL_STATUSSEN), planstatus: z.enum(PLANSTATUSSEN),
  milieucategorie_min: categorie, milieucategorie_max: z.string(),
  watergebonden: z.boolean(), beschikbaar_vanaf: datum, eigendom: z.enum(EIGENDOMMEN), geldig_vanaf,
}).openapi('KavelEigenschappen');

export const KanszoneEigenschappen = z.object({
  ...basis, gemeente_id: id, soort: z.enum(KANSZONE_SOORTEN), terrein_id: id.nullable(), omschrijving: z.string().nullable(),
}).openapi('KanszoneEigenschappen');

export const TransformatieEigenschappen = z.object({
  ...basis, gemeente_id: id, nieuwe_functie: z.enum(NIEUWE_FUNCTIES), status: z.enum(TRANSFORMATIE_STATUSSEN),
  datum_terinzagelegging: datum, datum_vaststelling: datum,
  geldig_vanaf,
  netto_verloren_ha: z.number().nullable().openapi({ description: 'Hectare bedrijfsgrond die verloren gaat; overlap met oudere transformaties telt daar' }),
  overlapt_transformaties: z.array(VlakDeelSchema).openapi({ description: 'Oudere transformaties die een deel van deze grond al hebben' }),
  terreinen: z.array(VlakDeelSchema).openapi({ description: 'De terreinen onder het vlak' }),
  gemeenten: z.array(VlakDeelSchema).openapi({ description: 'De gemeenten onder het vlak, grootste deel eerst: de keuzes voor gemeente_id' }),
  zittende_huurders: z.number().int(), zittende_eigenaren: z.number().int(),
  zittende_bedrijven: z.array(ZittendBedrijfSchema).optional()
    .openapi({ description: 'Alleen in het antwoord op één transformatie, en niet voor de stuurgroep' }),
}).openapi('TransformatieEigenschappen');

export const CompensatieEigenschappen = z.object({
  ...basis, gemeente_id: id, gemeenten: z.array(VlakDeelSchema), status: z.enum(COMPENSATIE_STATUSSEN), planstatus: z.enum(PLANSTATUSSEN),
  watergebonden: z.boolean(), milieucategorie_min: categorie, milieucategorie_max: categorie,
  besluitpunt_ref: z.string().nullable(), besluitpunt_datum: datum, geldig_vanaf,
}).openapi('CompensatieEigenschappen');

const feature = <P extends z.ZodType>(properties: P, name: string) =>
  z.object({ type: z.literal('Feature'), id, geometry: AreaSchema, properties }).openapi(name);

export const FEATURE_SCHEMAS = {
  gemeenten: feature(GemeenteEigenschappen, 'GemeenteFeature'),
  terreinen: feature(TerreinEigenschappen, 'TerreinFeature'),
  kavels: feature(KavelEigenschappen, 'KavelFeature'),
  kanszones: feature(KanszoneEigenschappen, 'KanszoneFeature'),
  transformaties: feature(TransformatieEigenschappen, 'TransformatieFeature'),
  compensaties: feature(CompensatieEigenschappen, 'CompensatieFeature'),
} as const satisfies Record<LayerPath, z.ZodType>;

const COLLECTION_NAMES: Record<LayerPath, string> = {
  gemeenten: 'GemeenteCollectie', terreinen: 'TerreinCollectie', kavels: 'KavelCollectie',
  kanszones: 'KanszoneCollectie', transformaties: 'TransformatieCollectie', compensaties: 'CompensatieCollectie',
};

export const featureCollectionSchema = (path: LayerPath) =>
  z.object({ type: z.literal('FeatureCollection'), features: z.array(FEATURE_SCHEMAS[path]) }).openapi(COLLECTION_NAMES[path]);

/** Where the given records lie: the WGS84 box around them, for fitting the map (GET /api/lagen/omvang). */
export const OmvangSchema = z.object({
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable()
    .openapi({ description: '[west, zuid, oost, noord] in WGS84; null als geen van de records bestaat' }),
  aantal: z.number().int().openapi({ description: 'Het aantal gevonden records' }),
}).openapi('Omvang');
