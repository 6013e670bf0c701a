// Requests and answers of the toewijzingen routes.
import { z } from '@hono/zod-openapi';
import { COMPENSATIE_STATUSSEN } from '../domain/layer-values.ts';
import { IsoDate } from '../domain/dates.ts';

export const ToewijzingSchema = z.object({
  id: z.number().int(), compensatie_id: z.number().int(), transformatie_id: z.number().int(), transformatie_naam: z.string(),
  hectares: z.number(), bestuursovereenkomst_id: z.number().int().nullable(), version: z.number().int(),
}).openapi('Toewijzing');

export const OverzichtSchema = z.object({
  compensatie_id: z.number().int(), status: z.enum(COMPENSATIE_STATUSSEN), oppervlakte_ha: z.number(),
  toegewezen_ha: z.number(), beschikbaar_ha: z.number(),
  toewijzingen: z.array(ToewijzingSchema),
}).openapi('ToewijzingenOverzicht');

export const ToegewezenSchema = OverzichtSchema.extend({ toewijzing: ToewijzingSchema }).openapi('Toegewezen');

export const ToewijzingInSchema = z.object({
  transformatie_id: z.number().int().positive(),
  hectares: z.number().positive('hectares moet groter dan 0 zijn').max(100_000),
  bestuursovereenkomst_id: z.number().int().positive().nullable().optional(),
  ingangsdatum: IsoDate.optional().openapi({ description: 'Datum waarop de toewijzing geldt (standaard vandaag)' }),
}).strict().openapi('ToewijzingNieuw');

export const KeuzeSchema = z.object({
  id: z.number().int(), naam: z.string().nullable(), gemeente: z.string(),
  netto_verloren_ha: z.number().openapi({ description: 'Netto verloren hectares bedrijventerrein van de transformatie' }),
  toegewezen_ha: z.number().openapi({ description: 'Hectares die alle compensaties samen er al aan hebben toegewezen' }),
}).openapi('ToewijzingKeuze');

export type ToewijzingenOverzicht = z.infer<typeof OverzichtSchema>;
