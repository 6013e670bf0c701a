// The editable layers: which attributes each accepts (zod), which are required
// on create, and how a record's gemeente is found (for werkgroep scope).
import { z } from '@hono/zod-openapi';
import { KAVEL_STATUSSEN } from '../domain/kavel-status.ts';
import { IsoDate } from '../domain/dates.ts';

const datum = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum als JJJJ-MM-DD').nullable();
const categorie = z.string().regex(/^\d(\.\d)?$/, 'milieucategorie zoals 3.1 of 4.2').max(4);
const naam = z.string().trim().min(1, 'naam is verplicht').max(200);
const tekst = z.string().trim().max(2000).nullable();
const gemeenteId = z.number().int().positive();
/** The date the change takes effect (valid time, server/balans/historie.ts); not a column. Default today. */
const ingangsdatum = IsoDate.nullable();

export interface WritableLayer {
  path: string;
  table: string;
  label: string;
  schema: z.ZodObject<z.ZodRawShape>;
  required: string[];
  /** Where the record's gemeente comes from. */
  gemeente: 'column' | 'via_terrein';
  /** Delete keeps the record with this status (R-T4: lost hectares return to business land). */
  softDeleteStatus?: string;
}

export const writableLayers: WritableLayer[] = [
  {
    path: 'terreinen', table: 'terrein', label: 'Terrein', gemeente: 'column', required: ['naam'],
    schema: z.object({
      naam, gemeente_id: gemeenteId,
      typologie: z.enum(['breed_gedifferentieerd', 'matig_gedifferentieerd', 'onbekend']),
      op_transformatielijst: z.boolean(), niet_te_transformeren: z.boolean(), watergebonden: z.boolean(),
      milieucategorie_min: categorie.nullable(), milieucategorie_max: categorie.nullable(), ingangsdatum,
    }).strict(),
  },
  {
    path: 'kavels', table: 'kavel', label: 'Kavel', gemeente: 'via_terrein', required: ['terrein_id', 'milieucategorie_max'],
    schema: z.object({
      naam: naam.nullable(), terrein_id: z.number().int().positive(),
      // All statuses are named here; whether a write may set one is magStatusZetten's to say (in_optie: only a match).
      status: z.enum(KAVEL_STATUSSEN),
      planstatus: z.enum(['hard', 'zacht']),
      milieucategorie_min: categorie.nullable(), milieucategorie_max: categorie,
      watergebonden: z.boolean(), beschikbaar_vanaf: datum, eigendom: z.enum(['gemeente', 'privaat', 'onbekend']), ingangsdatum,
    }).strict(),
  },
  {
    path: 'kanszones', table: 'kanszone', label: 'Kanszone', gemeente: 'column', required: ['naam'],
    schema: z.object({
      naam, gemeente_id: gemeenteId, terrein_id: z.number().int().positive().nullable(),
      soort: z.enum(['challenge_071', 'rijkspilot', 'overig']), omschrijving: tekst,
    }).strict(),
  },
  {
    path: 'transformaties', table: 'transformatie', label: 'Transformatie', gemeente: 'column', required: ['naam'],
    softDeleteStatus: 'vervallen',
    schema: z.object({
      naam, gemeente_id: gemeenteId,
      nieuwe_functie: z.enum(['wonen', 'gemengd', 'overig']),
      status: z.enum(['idee', 'studie', 'ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd', 'vervallen']),
      datum_terinzagelegging: datum, datum_vaststelling: datum,
      zittende_bedrijven: z.array(z.object({
        naam: z.string().trim().min(1).max(200),
        gebruikspositie: z.enum(['huurder', 'eigenaar']),
        status: z.string().trim().max(200).optional(),
      }).strict()).max(500),
      ingangsdatum,
    }).strict(),
  },
  {
    path: 'compensaties', table: 'compensatie', label: 'Compensatie', gemeente: 'column', required: ['naam'],
    softDeleteStatus: 'vervallen',
    schema: z.object({
      naam, gemeente_id: gemeenteId,
      milieucategorie_min: categorie.nullable(), milieucategorie_max: categorie.nullable(),
      watergebonden: z.boolean(), planstatus: z.enum(['hard', 'zacht']),
      status: z.enum(['gepland', 'geregeld', 'planologisch_mogelijk', 'gerealiseerd', 'vervallen']),
      besluitpunt_ref: tekst, besluitpunt_datum: datum, ingangsdatum,
    }).strict(),
  },
];

export const writableLayer = (path: string) => writableLayers.find((l) => l.path === path);
