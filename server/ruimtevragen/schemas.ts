// The register's answers as zod schemas: the OpenAPI document (and from it the web
// app's types) describes every field. The requests' input rules are in
// server/domain/matching-register.ts.
import { z } from '@hono/zod-openapi';
import { GEBRUIKSPOSITIES, REDENEN, VRAAG_STATUS } from '../domain/matching-codes.ts';
import { MINIMUM_CEL, STANDEN } from '../domain/ruimtevraag-aggregaat.ts';

const Datum = z.string().openapi({ format: 'date', example: '2027-06-01' });
const Tijdstip = z.string().openapi({ format: 'date-time' });
const alleenRegie = <T extends z.ZodType>(s: T, description: string) => s.optional().openapi({ description: `${description} Alleen voor regisseur en beheerder.` });

/**
 * A request as the caller may see it: in full for regie; for the werkgroep anonymised,
 * with a `label` and without anything that names or locates the company.
 */
export const RuimtevraagSchema = z.object({
  id: z.number().int(),
  label: z.string().optional().openapi({ description: 'Geanonimiseerde naam ("Vraag 12 · 2,5 ha · cat. 4.1"); alleen in de weergave voor de werkgroep.' }),
  min_ha: z.number(),
  max_ha: z.number(),
  milieucategorie: z.string(),
  watergebonden: z.boolean(),
  reden: z.enum(REDENEN),
  voorrang: z.boolean(),
  status: z.enum(VRAAG_STATUS),
  gewenst_vanaf: Datum.nullable(),
  gewenst_tot: Datum.nullable(),
  gewenste_gemeenten: z.array(z.string()).openapi({ description: 'Namen van de gewenste gemeenten' }),
  bron: z.string(),
  gewenste_gemeente_ids: alleenRegie(z.array(z.number().int()), 'Id’s van de gewenste gemeenten.'),
  bedrijf_id: alleenRegie(z.number().int(), 'Het bedrijf.'),
  bedrijf_naam: alleenRegie(z.string(), 'Naam van het bedrijf.'),
  kvk_nummer: alleenRegie(z.string().nullable(), 'KvK-nummer.'),
  sector: alleenRegie(z.string().nullable(), 'Sector.'),
  arbeidsplaatsen: alleenRegie(z.number().int().nullable(), 'Arbeidsplaatsen.'),
  gebruikspositie: alleenRegie(z.enum(GEBRUIKSPOSITIES).nullable(), 'Huurder of eigenaar.'),
  huidige_kavel_id: alleenRegie(z.number().int().nullable(), 'De kavel waarop het bedrijf nu zit.'),
  milieucategorie_activiteit: alleenRegie(z.string().nullable(), 'Milieucategorie van de huidige activiteit.'),
  accountmanager: alleenRegie(z.string().nullable(), 'Accountmanager.'),
  notities: alleenRegie(z.string().nullable(), 'Notities.'),
  version: alleenRegie(z.number().int(), 'Versie (voor wijzigen: If-Match of version).'),
  updated_at: alleenRegie(Tijdstip, 'Laatst gewijzigd.'),
}).openapi('Ruimtevraag');

const Cel = {
  aantal: z.number().int(),
  min_ha: z.number().nullable().openapi({ description: 'Som van de ondergrenzen; null als afgeschermd' }),
  max_ha: z.number().nullable().openapi({ description: 'Som van de bovengrenzen; null als afgeschermd' }),
  afgeschermd: z.boolean().openapi({ description: `Hectares achtergehouden: minder dan ${MINIMUM_CEL} ruimtevragen, of af te leiden uit zo'n cel` }),
};

/** The aggregate for the stuurgroep (and frozen in a meeting's snapshot): never a company. */
export const AggregaatSchema = z.object({
  minimum_cel: z.number().int().openapi({ description: 'Cellen met minder ruimtevragen tonen alleen het aantal' }),
  totaal: z.object(Cel).openapi({ description: 'Open ruimtevragen (open of in behandeling)' }),
  per_milieucategorie: z.array(z.object({ milieucategorie: z.string(), ...Cel })),
  per_gemeente: z.array(z.object({ gemeente: z.string(), ...Cel })).openapi({ description: 'Naar gewenste gemeente; een vraag kan meer gemeenten noemen' }),
  per_reden: z.array(z.object({ reden: z.string(), ...Cel })),
  per_stand: z.array(z.object({ stand: z.enum(STANDEN), ...Cel })).openapi({
    description: 'Alle niet-ingetrokken ruimtevragen: zonder match, met een lopende match, of gerealiseerd',
  }),
}).openapi('RuimtevragenAggregaat');
export type Aggregaat = z.infer<typeof AggregaatSchema>;

const ImportFoutSchema = z.object({
  rij: z.number().int().openapi({ description: 'Regel in het bestand: de kopregel is 1' }),
  veld: z.string(),
  melding: z.string(),
});

export const ImportRapportSchema = z.object({
  geldig: z.boolean(),
  proefdraai: z.boolean(),
  aantal_rijen: z.number().int(),
  aangemaakt: z.array(z.object({ rij: z.number().int(), ruimtevraag_id: z.number().int(), bestaand_bedrijf: z.boolean() })),
  fouten: z.array(ImportFoutSchema),
}).openapi('RuimtevraagImportRapport');

/** The report with errors (422): nothing was stored. */
export const ImportAfgekeurdSchema = ImportRapportSchema.extend({
  error: z.object({ code: z.literal('import_ongeldig'), message: z.string(), details: z.array(ImportFoutSchema) }),
}).openapi('RuimtevraagImportAfgekeurd');

export const IngetrokkenSchema = z.object({ id: z.number().int(), verwijderd: z.boolean(), status: z.literal('ingetrokken') });
