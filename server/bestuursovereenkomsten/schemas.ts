// Requests and answers of the bestuursovereenkomsten routes.
import { z } from '@hono/zod-openapi';
import { KOSTEN_CATEGORIEEN } from '../domain/bijdrage.ts';
import { IsoDate } from '../domain/dates.ts';
import { PARTIJ_ROLLEN } from '../domain/layer-values.ts';

const datum = IsoDate.nullable();
const bedrag = z.number().min(0, 'een bedrag kan niet negatief zijn').max(1e11);

export const PartijIn = z.object({
  gemeente_id: z.number().int().positive(),
  rol: z.enum(PARTIJ_ROLLEN),
}).strict().openapi('PartijInvoer');

export const KostenpostIn = z.object({
  categorie: z.enum(KOSTEN_CATEGORIEEN),
  omschrijving: z.string().trim().max(2000).nullable().optional(),
  bedrag,
  datum: datum.optional(),
}).strict().openapi('KostenpostInvoer');

const velden = {
  naam: z.string().trim().min(1, 'naam is verplicht').max(200),
  datum_ondertekening: datum.optional(),
  basis_pct: z.number().min(0).max(100).optional(),
  provincie_betrokken: z.boolean().optional(),
  maatwerk_omschrijving: z.string().trim().max(4000).nullable().optional(),
  maatwerk_bedrag: bedrag.nullable().optional(),
  // http(s) only: the UI links to it, and a javascript: or data: URL would run in the user's session.
  document_url: z.string().trim().max(2000)
    .refine((u) => /^https?:\/\/[^\s/?#]+/i.test(u) && URL.canParse(u), 'document_url moet een http- of https-adres zijn (https://…)')
    .nullable().optional(),
};
/** The agreement's own columns (partijen and kostenposten are rows of their own). */
export const SCALARS = Object.keys(velden) as (keyof typeof velden)[];

const partijen = z.array(PartijIn).min(2, 'een bestuursovereenkomst heeft minstens twee gemeenten').max(20);

export const CreateSchema = z.object({
  ...velden,
  partijen,
  kostenposten: z.array(KostenpostIn).max(500).optional(),
}).strict().openapi('BestuursovereenkomstNieuw');

export const PatchSchema = z.object({
  version: z.number().int().positive().optional(),
  ...Object.fromEntries(Object.entries(velden).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof velden]: z.ZodOptional<(typeof velden)[K]> },
  partijen: partijen.optional(),
  kostenposten: z.array(KostenpostIn).max(500).optional(),
}).strict().openapi('BestuursovereenkomstWijziging');

export const BoSchema = z.object({
  id: z.number().int(), naam: z.string(), datum_ondertekening: z.string().nullable(), basis_pct: z.number(),
  provincie_betrokken: z.boolean(), maatwerk_omschrijving: z.string().nullable(), maatwerk_bedrag: z.number().nullable(),
  document_url: z.string().nullable(), bron: z.string(), version: z.number().int(), updated_at: z.string(),
  partijen: z.array(z.object({ gemeente_id: z.number().int(), gemeente: z.string(), rol: z.enum(PARTIJ_ROLLEN) })),
  kostenposten: z.array(z.object({
    id: z.number().int(), categorie: z.enum(KOSTEN_CATEGORIEEN), omschrijving: z.string().nullable(), bedrag: z.number(),
    datum: z.string().nullable(), subsidiabel: z.boolean(),
  })),
  bijdrage: z.object({
    basis_pct: z.number(), subsidiabel: z.number(), bijdrage: z.number(), maatwerk_bedrag: z.number(), totaal: z.number(),
  }).openapi({ description: 'Bijdrage van de transformerende gemeente: basis_pct × subsidiabele kosten (C9), plus maatwerk apart' }),
}).openapi('Bestuursovereenkomst');

export const BoDeletedSchema = z.object({ id: z.number().int(), verwijderd: z.boolean() }).openapi('BestuursovereenkomstVerwijderd');

export type Bestuursovereenkomst = z.infer<typeof BoSchema>;
export type Partij = z.infer<typeof PartijIn>;
export type Kostenpost = z.infer<typeof KostenpostIn>;
export type BoNieuw = z.infer<typeof CreateSchema>;
export type BoWijziging = z.infer<typeof PatchSchema>;
