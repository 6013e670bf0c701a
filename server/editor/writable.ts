// The editable layers: which attributes each accepts (zod), which are required
// on create, and how a record's gemeente is found (for werkgroep scope).
import { z } from '@hono/zod-openapi';
import { KAVEL_STATUSSEN } from '../domain/kavel-status.ts';
import { IsoDate } from '../domain/dates.ts';
import {
  COMPENSATIE_STATUSSEN, EIGENDOMMEN, GEBRUIKSPOSITIES, KANSZONE_SOORTEN, MILIEUCATEGORIE_CODE, NIEUWE_FUNCTIES,
  PLANSTATUSSEN, TRANSFORMATIE_STATUSSEN, TYPOLOGIEEN, VERVALLEN,
} from '../domain/layer-values.ts';
import type { LayerPath } from '../layers/definitions.ts';

const datum = IsoDate.nullable();
const categorie = z.string().regex(MILIEUCATEGORIE_CODE, 'milieucategorie zoals 3.1 of 4.2').max(4);
const naam = z.string().trim().min(1, 'naam is verplicht').max(200);
const tekst = z.string().trim().max(2000).nullable();
const gemeenteId = z.number().int().positive();
/** The date the change takes effect (valid time, server/balans/historie.ts); not a column. Default today. */
const ingangsdatum = IsoDate.nullable();

export const ZittendBedrijfSchema = z.object({
  naam: z.string().trim().min(1).max(200),
  gebruikspositie: z.enum(GEBRUIKSPOSITIES),
  status: z.string().trim().max(200).optional(),
}).strict().openapi('ZittendBedrijf');

const terreinVelden = z.object({
  naam, gemeente_id: gemeenteId,
  typologie: z.enum(TYPOLOGIEEN),
  op_transformatielijst: z.boolean(), niet_te_transformeren: z.boolean(), watergebonden: z.boolean(),
  milieucategorie_min: categorie.nullable(), milieucategorie_max: categorie.nullable(), ingangsdatum,
}).strict();

const kavelVelden = z.object({
  naam: naam.nullable(), terrein_id: z.number().int().positive(),
  // All statuses are named here; whether a write may set one is magStatusZetten's to say (in_optie: only a match).
  status: z.enum(KAVEL_STATUSSEN),
  planstatus: z.enum(PLANSTATUSSEN),
  milieucategorie_min: categorie.nullable(), milieucategorie_max: categorie,
  watergebonden: z.boolean(), beschikbaar_vanaf: datum, eigendom: z.enum(EIGENDOMMEN), ingangsdatum,
}).strict();

const kanszoneVelden = z.object({
  naam, gemeente_id: gemeenteId, terrein_id: z.number().int().positive().nullable(),
  soort: z.enum(KANSZONE_SOORTEN), omschrijving: tekst,
}).strict();

const transformatieVelden = z.object({
  naam, gemeente_id: gemeenteId,
  nieuwe_functie: z.enum(NIEUWE_FUNCTIES),
  status: z.enum(TRANSFORMATIE_STATUSSEN),
  datum_terinzagelegging: datum, datum_vaststelling: datum,
  zittende_bedrijven: z.array(ZittendBedrijfSchema).max(500),
  ingangsdatum,
}).strict();

const compensatieVelden = z.object({
  naam, gemeente_id: gemeenteId,
  milieucategorie_min: categorie.nullable(), milieucategorie_max: categorie.nullable(),
  watergebonden: z.boolean(), planstatus: z.enum(PLANSTATUSSEN),
  status: z.enum(COMPENSATIE_STATUSSEN),
  besluitpunt_ref: tekst, besluitpunt_datum: datum, ingangsdatum,
}).strict();

/** The attributes a write may send, per editable layer. */
export const WRITE_SCHEMAS = {
  terreinen: terreinVelden,
  kavels: kavelVelden,
  kanszones: kanszoneVelden,
  transformaties: transformatieVelden,
  compensaties: compensatieVelden,
} as const;

export type EditablePath = keyof typeof WRITE_SCHEMAS & LayerPath;
export const EDITABLE_PATHS = Object.keys(WRITE_SCHEMAS) as EditablePath[];

export interface WritableLayer {
  path: EditablePath;
  table: string;
  label: string;
  schema: z.ZodObject<z.ZodRawShape>;
  required: string[];
  /** Where the record's gemeente comes from. */
  gemeente: 'column' | 'via_terrein';
  /** Delete keeps the record with this status (R-T4: lost hectares return to business land). */
  softDeleteStatus?: typeof VERVALLEN;
}

export const writableLayers: WritableLayer[] = [
  { path: 'terreinen', table: 'terrein', label: 'Terrein', gemeente: 'column', required: ['naam'], schema: terreinVelden },
  {
    path: 'kavels', table: 'kavel', label: 'Kavel', gemeente: 'via_terrein', required: ['terrein_id', 'milieucategorie_max'],
    schema: kavelVelden,
  },
  { path: 'kanszones', table: 'kanszone', label: 'Kanszone', gemeente: 'column', required: ['naam'], schema: kanszoneVelden },
  {
    path: 'transformaties', table: 'transformatie', label: 'Transformatie', gemeente: 'column', required: ['naam'],
    softDeleteStatus: VERVALLEN, schema: transformatieVelden,
  },
  {
    path: 'compensaties', table: 'compensatie', label: 'Compensatie', gemeente: 'column', required: ['naam'],
    softDeleteStatus: VERVALLEN, schema: compensatieVelden,
  },
];

export const writableLayer = (path: string) => writableLayers.find((l) => l.path === path);
