// Requests and answers of the editor's routes (routes.ts), per editable layer where
// the answer carries the layer's feature. Enumerations and codes come from server/domain.
import { z } from '@hono/zod-openapi';
import { AreaInputSchema, AreaSchema, LineInputSchema, VersionSchema } from '../http/schemas.ts';
import { FEATURE_SCHEMAS, VlakDeelSchema } from '../layers/schemas.ts';
import { WAARSCHUWING_CODES } from '../domain/editor-rules.ts';
import { IsoDate } from '../domain/dates.ts';
import { NIEUWE_FUNCTIES, VERVALLEN, WOONFUNCTIES } from '../domain/layer-values.ts';
import { VLAK_WEIGERINGEN } from '../domain/refusals.ts';
import { WRITE_SCHEMAS, type EditablePath } from './writable.ts';

/** The layer's name in schema names: KavelOpgeslagen, TransformatieWijziging, … */
const NAMEN: Record<EditablePath, string> = {
  terreinen: 'Terrein', kavels: 'Kavel', kanszones: 'Kanszone', transformaties: 'Transformatie', compensaties: 'Compensatie',
};

export const WaarschuwingSchema = z.object({
  code: z.enum(WAARSCHUWING_CODES), message: z.string(), overlap_ha: z.number(), ids: z.array(z.number().int()),
}).openapi('Waarschuwing');

export const MilieuruimteKavelSchema = z.object({
  type: z.literal('Feature'),
  id: z.number().int(),
  geometry: AreaSchema,
  properties: z.object({
    id: z.number().int(), naam: z.string().nullable(), terrein_id: z.number().int(), terrein_naam: z.string(), gemeente: z.string(),
    milieucategorie_max: z.string(), oppervlakte_ha: z.number(),
    richtafstand_m: z.number().openapi({ description: 'VNG-richtafstand van de milieucategorie tot wonen (of gemengd gebied)' }),
    afstand_m: z.number().openapi({ description: 'Afstand van de kavel tot het vlak (RD New)' }),
    tekort_m: z.number().openapi({ description: 'Hoeveel meter de kavel te dichtbij ligt' }),
    past_nog: z.string().nullable().openapi({ description: 'De hoogste milieucategorie die op deze afstand nog past' }),
  }),
}).openapi('MilieuruimteKavel');

export const MilieuruimteSchema = z.object({
  nieuwe_functie: z.enum(WOONFUNCTIES),
  richtafstand_kolom: z.enum(['richtafstand_m', 'richtafstand_gemengd_m']),
  kavels: z.object({ type: z.literal('FeatureCollection'), features: z.array(MilieuruimteKavelSchema) }),
  per_categorie: z.array(z.object({ milieucategorie: z.string(), richtafstand_m: z.number(), aantal: z.number().int(), ha: z.number() })),
  totaal_ha: z.number(),
  kavels_in_vlak: z.array(z.number().int()).openapi({ description: 'Kavels onder het vlak zelf (die gaan verloren, ze tellen hierboven niet mee)' }),
}).openapi('Milieuruimte');

export const MilieuruimteCheckSchema = MilieuruimteSchema.extend({ oppervlakte_ha: z.number() }).openapi('MilieuruimteCheck');

export const MilieuruimteVraagSchema = z.object({
  geometry: AreaInputSchema,
  nieuwe_functie: z.enum(WOONFUNCTIES),
}).strict().openapi('MilieuruimteVraag');

export const savedFeatureSchema = (path: EditablePath) =>
  FEATURE_SCHEMAS[path].extend({
    waarschuwingen: z.array(WaarschuwingSchema),
    milieuruimte: MilieuruimteSchema.optional(),
  }).openapi(`${NAMEN[path]}Opgeslagen`);

export const createSchema = (path: EditablePath) => z.object({
  type: z.literal('Feature', { message: "type moet 'Feature' zijn" }),
  geometry: AreaInputSchema,
  properties: WRITE_SCHEMAS[path].partial(),
}).openapi(`${NAMEN[path]}Nieuw`);

export const patchSchema = (path: EditablePath) => z.object({
  version: VersionSchema.optional(),
  geometry: AreaInputSchema.optional(),
  properties: WRITE_SCHEMAS[path].partial().optional(),
}).strict().openapi(`${NAMEN[path]}Wijziging`);

export const DeletedSchema = z.object({
  id: z.number().int(),
  verwijderd: z.boolean(),
  status: z.literal(VERVALLEN).optional().openapi({ description: 'Transformaties en compensaties vervallen in plaats van te verdwijnen' }),
}).openapi('Verwijderd');

/** One version of a record in the audit trail: its stored columns (geometry apart). */
export const historySchema = (path: EditablePath) => z.object({
  versie: z.number().int().nullable(),
  actie: z.enum(['insert', 'update', 'delete']),
  tijdstip: z.string(),
  door: z.string(),
  reden: z.string().nullable(),
  eigenschappen: WRITE_SCHEMAS[path].partial().extend({
    id: z.number().int(), version: z.number().int(), bron: z.string(), created_at: z.string(), updated_at: z.string(),
    oppervlakte_ha: z.number(),
  }).partial().passthrough().nullable(),
  geometry: AreaSchema.nullable(),
}).openapi(`${NAMEN[path]}Versie`);

export const RestoreSchema = z.object({ version: VersionSchema, naar_versie: z.number().int().positive() }).strict().openapi('Herstel');

export const SplitSchema = z.object({ version: VersionSchema, line: LineInputSchema }).strict().openapi('Splitsing');

export const splitAnswerSchema = (path: EditablePath) => z.object({
  ids: z.array(z.number().int()).openapi({ description: 'Het record zelf (het grootste deel), dan de nieuwe records' }),
  features: z.array(FEATURE_SCHEMAS[path]),
}).openapi(`${NAMEN[path]}Gesplitst`);

export const MergeSchema = z.object({
  version: VersionSchema, met_id: z.number().int().positive(), met_version: VersionSchema,
}).strict().openapi('Samenvoeging');

export const mergeAnswerSchema = (path: EditablePath) => z.object({
  id: z.number().int(), met_id: z.number().int(), met_status: z.enum(['verwijderd', 'vervallen']),
  aaneengesloten: z.boolean().openapi({ description: 'Eén aaneengesloten vlak (anders een MultiPolygon van losse delen)' }),
  feature: FEATURE_SCHEMAS[path],
}).openapi(`${NAMEN[path]}Samengevoegd`);

export const HoleSchema = z.object({
  version: VersionSchema, geometry: AreaInputSchema.openapi({ description: 'GeoJSON Polygon in WGS84' }),
}).strict().openapi('Gat');

export const holeAnswerSchema = (path: EditablePath) =>
  FEATURE_SCHEMAS[path].extend({ gat_ha: z.number() }).openapi(`${NAMEN[path]}MetGat`);

export const DraftSchema = z.object({
  geometry: AreaInputSchema,
  /** The record being redrawn, so it does not overlap itself. */
  id: z.number().int().positive().optional(),
  properties: z.object({
    gemeente_id: z.number().int().positive().optional(),
    /** A kavel's terrein: the kavel must lie within it. */
    terrein_id: z.number().int().positive().optional(),
    nieuwe_functie: z.enum(NIEUWE_FUNCTIES).optional(),
    /** For R-T1: the transformatie's dates (vaststelling counts first). */
    datum_vaststelling: IsoDate.nullable().optional(),
    datum_terinzagelegging: IsoDate.nullable().optional(),
  }).optional(),
}).strict().openapi('Ontwerp');

/** Details of a refusal: where (locatie), why (reden) and what it measured. */
const FoutDetailsSchema = z.object({
  reden: z.string().optional(),
  locatie: z.array(z.number()).optional().openapi({ description: '[lengtegraad, breedtegraad] van de plek van de fout' }),
  postgis: z.string().optional(),
  gemeenten: z.array(VlakDeelSchema).optional(),
  ids: z.array(z.number().int()).optional(),
  terrein_id: z.number().int().optional(),
  buiten_ha: z.number().optional(),
  m2: z.number().optional(),
  min_ha: z.number().optional(),
}).openapi('FoutDetails');

export const DraftFoutSchema = z.object({
  code: z.enum(VLAK_WEIGERINGEN), message: z.string(), details: FoutDetailsSchema.optional(),
}).openapi('OntwerpFout');

export const DraftCheckSchema = z.object({
  geldig: z.boolean(),
  oppervlakte_ha: z.number().nullable(),
  gemeente_id: z.number().int().nullable()
    .openapi({ description: 'De gemeente waar het vlak bij hoort: de gekozen, anders de huidige, anders die met het grootste deel' }),
  gemeenten: z.array(VlakDeelSchema).optional().openapi({ description: 'Gemeenten onder het vlak, grootste deel eerst: de keuzes voor gemeente_id' }),
  terreinen: z.array(VlakDeelSchema).optional().openapi({ description: 'Transformatie: de terreinen onder het vlak' }),
  fouten: z.array(DraftFoutSchema),
  waarschuwingen: z.array(WaarschuwingSchema),
  milieuruimte: MilieuruimteSchema.optional(),
}).openapi('OntwerpOordeel');

export type DraftCheck = z.infer<typeof DraftCheckSchema>;
export type DraftFout = z.infer<typeof DraftFoutSchema>;
export type Milieuruimte = z.infer<typeof MilieuruimteSchema>;
