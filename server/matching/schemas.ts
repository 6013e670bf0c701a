// Matching's requests and answers as zod schemas: the OpenAPI document (and from it
// the web app's types) describes every field.
import { z } from '@hono/zod-openapi';
import { IsoDate } from '../domain/dates.ts';
import { MATCH_STATUS, UITSLUITINGEN, VRAAG_STATUS } from '../domain/matching-codes.ts';
import { CRITERIA } from '../domain/matching-model.ts';
import { instellingVelden } from '../domain/matching-instellingen.ts';
import { RuimtevraagSchema } from '../ruimtevragen/schemas.ts';

const Datum = z.string().openapi({ format: 'date', example: '2027-06-01' });
const Tijdstip = z.string().openapi({ format: 'date-time' });
const Id = z.number().int();
const KavelIds = z.array(Id);

// ---------------------------------------------------------------- requests

const GEWICHT_SLEUTELS = CRITERIA.map((c) => `gewicht_${c}` as const);

export const KandidaatQuery = z.object({
  ...instellingVelden([...GEWICHT_SLEUTELS, 'tolerantie', 'max_kavels_samenvoegen'], 'query'),
  limiet: z.coerce.number({ message: 'limiet moet een getal zijn' }).int('limiet moet een geheel getal zijn').min(1, 'limiet moet minstens 1 zijn').max(500, 'limiet mag hoogstens 500 zijn').optional(),
});

export const RegioBody = z.object({
  ...instellingVelden([...GEWICHT_SLEUTELS, 'tolerantie', 'voorrang_factor', 'max_kavels_samenvoegen', 'max_opties_per_vraag', 'max_rekentijd_s'], 'body'),
  peildatum: IsoDate.optional().openapi({ description: 'Datum waarop beschikbaarheid en timing worden beoordeeld; standaard vandaag' }),
}).strict();

export const VoorstellenBody = z.object({
  resultaat_id: z.number({ message: 'resultaat_id (de berekende uitkomst) is verplicht' }).int().positive(),
}).strict();

const Stap = {
  datum: IsoDate.optional().openapi({ description: 'Datum van de stap; standaard vandaag' }),
  persoon: z.string().trim().min(1, 'persoon mag niet leeg zijn').max(200).optional().openapi({ description: 'Wie de stap zette; standaard de ingelogde gebruiker' }),
};
const MatchStatusInvoer = z.enum(MATCH_STATUS, { message: `status: kies uit ${MATCH_STATUS.join(', ')}` });

export const MatchesQuery = z.object({
  ruimtevraag_id: z.coerce.number().int().positive().optional(),
  status: MatchStatusInvoer.optional(),
});

export const NieuweMatchBody = z.object({
  ruimtevraag_id: z.number({ message: 'ruimtevraag_id is verplicht' }).int().positive(),
  kavel_ids: z.array(z.number().int().positive(), { message: 'kavel_ids is verplicht' }).min(1, 'kies minstens één kavel').max(5),
  reden: z.string().trim().min(1).max(2000).optional(),
  ...Stap,
}).strict();

export const MatchStapBody = z.object({
  version: z.number().int().positive().optional(),
  status: MatchStatusInvoer,
  reden: z.string({ message: 'reden is verplicht' }).trim().min(1, 'reden is verplicht').max(2000),
  ...Stap,
}).strict();

// ---------------------------------------------------------------- answers

/** Weight per criterion (the werkgroep's view leaves out the confidential ones). */
export const GewichtenSchema = z.object(Object.fromEntries(CRITERIA.map((c) => [c, z.number().optional()])) as
  Record<(typeof CRITERIA)[number], z.ZodOptional<z.ZodNumber>>).openapi('Gewichten');

export const CriteriumUitslagSchema = z.object({
  criterium: z.enum(CRITERIA),
  label: z.string(),
  score: z.number().openapi({ description: '0..1' }),
  gewicht: z.number(),
  bijdrage: z.number().openapi({ description: 'Aandeel in de totaalscore (0..100)' }),
  toelichting: z.string(),
}).openapi('CriteriumUitslag');

const KandidaatKavelSchema = z.object({
  id: Id, naam: z.string().nullable(), terrein_id: Id, terrein: z.string(), gemeente: z.string(), oppervlakte_ha: z.number(),
  status: z.string(), planstatus: z.enum(['hard', 'zacht']), milieucategorie_min: z.string().nullable(), milieucategorie_max: z.string(),
  watergebonden: z.boolean(), beschikbaar_vanaf: Datum.nullable(),
}).openapi('KandidaatKavel');

export const KandidaatSchema = z.object({
  rang: z.number().int(),
  kavel_ids: KavelIds,
  samengevoegd: z.boolean(),
  oppervlakte_ha: z.number(),
  passend: z.enum(['goed', 'redelijk', 'matig']),
  passend_label: z.string(),
  kavels: z.array(KandidaatKavelSchema),
  score: z.number().optional().openapi({ description: '0..100; alleen voor regie' }),
  criteria: z.array(CriteriumUitslagSchema).optional().openapi({ description: 'Score per criterium; alleen voor regie' }),
  aandachtspunten: z.array(z.string()).optional().openapi({ description: 'Waar de kandidaat tekortschiet op de openbare criteria; alleen voor de werkgroep' }),
}).openapi('Kandidaat');

const UitgeslotenSchema = z.object(Object.fromEntries(UITSLUITINGEN.map((u) => [u, z.number().int().optional()])) as
  Record<(typeof UITSLUITINGEN)[number], z.ZodOptional<z.ZodNumber>>)
  .openapi({ description: 'Kavels uitgesloten per harde eis (een kavel telt bij elke eis waar hij niet aan voldoet)' });

export const KandidatenAntwoordSchema = z.object({
  ruimtevraag: RuimtevraagSchema,
  zicht: z.enum(['volledig', 'anoniem']),
  tie_break: z.string(),
  rangschikking: z.string(),
  instellingen: z.object({
    gewichten: GewichtenSchema,
    tolerantie: z.number(),
    max_kavels_samenvoegen: z.number(),
    afstand_max_km: z.number().optional(),
    arbeidsplaatsen_norm_per_ha: z.number().optional(),
    milieuruimte_stappen: z.number().optional(),
  }),
  criteria: z.array(z.enum(CRITERIA)),
  aantal: z.number().int(),
  kandidaten: z.array(KandidaatSchema),
  uitgesloten: UitgeslotenSchema,
  reden_geen_kandidaten: z.string().nullable(),
}).openapi('KandidatenAntwoord');

const VasteMatchSchema = z.object({
  match_id: Id, vraag_id: Id, kavel_ids: KavelIds, status: z.enum(MATCH_STATUS), score: z.number().nullable(),
}).openapi('VasteMatch');

const KetenSchema = z.object({
  stappen: z.array(z.object({
    vraag_id: Id,
    naar_kavel_ids: KavelIds,
    vrijgekomen_kavel_id: Id.nullable().openapi({ description: 'De kavel die deze verhuizing vrijmaakt' }),
    match_id: Id.optional().openapi({ description: 'Gezet als deze stap een lopende match is' }),
  })),
  cyclus: z.boolean(),
}).openapi('Keten');

const NietToegewezenSchema = z.object({ vraag_id: Id, reden: z.string() });

export const RegioUitkomstSchema = z.object({
  methode: z.enum(['highs', 'gretig']),
  status: z.string(),
  doelwaarde: z.number(),
  toewijzingen: z.array(z.object({ vraag_id: Id, kavel_ids: KavelIds, score: z.number(), gewogen_score: z.number() }).openapi('RegioToewijzing')),
  vast: z.array(VasteMatchSchema),
  ketens: z.array(KetenSchema),
  niet_toegewezen: z.array(NietToegewezenSchema),
  rekentijd_ms: z.number(),
  gap: z.number().optional().openapi({ description: 'Relatief optimaliteitsgat van HiGHS: 0 als het optimum bewezen is, groter als de tijdslimiet de zoektocht stopte' }),
}).openapi('RegioUitkomst');

export const RegioAntwoordSchema = z.object({
  resultaat_id: Id.openapi({ description: 'De bewaarde uitkomst: "voorstellen" maakt precies deze uitkomst tot matches' }),
  berekend_op: Tijdstip,
  samenvatting: z.object({
    vragen: z.number().int(), kavels: z.number().int(), opties: z.number().int(), vast: z.number().int(), peildatum: Datum,
    opbouw_ms: z.number().openapi({ description: 'Kandidaten zoeken (database) en scoren' }),
    kandidaten_sql_ms: z.number().openapi({ description: 'Waarvan de harde eisen in de database' }),
    voorrang_factor: z.number(), gewichten: GewichtenSchema, tolerantie: z.number(), tie_break: z.string(), doel: z.string(),
    doelwaarde_optimaal: z.number(), doelwaarde_gretig: z.number(), verbetering: z.number(), verbetering_pct: z.number().nullable(),
  }),
  optimaal: RegioUitkomstSchema,
  gretig: RegioUitkomstSchema,
}).openapi('RegioAntwoord');

const KetenPlaatsSchema = z.object({ nummer: z.number().int(), stap: z.number().int(), lengte: z.number().int(), cyclus: z.boolean() }).openapi('KetenPlaats');

/** What a match stores about how it was scored (and, from the regional optimum, where it came from). */
const MatchCriteriaSchema = z.object({
  criteria: z.array(CriteriumUitslagSchema),
  gewichten: GewichtenSchema,
  tolerantie: z.number().optional(),
  tie_break: z.string(),
  berekend_op: Datum,
  bron: z.literal('regio').optional(),
  resultaat_id: Id.optional(),
  keten: KetenPlaatsSchema.nullable().optional(),
  doelwaarde: z.number().optional(),
});

export const MatchSchema = z.object({
  id: Id,
  ruimtevraag_id: Id,
  status: z.enum(MATCH_STATUS),
  score: z.number().nullable(),
  criteria: MatchCriteriaSchema,
  version: z.number().int(),
  created_at: Tijdstip,
  updated_at: Tijdstip,
  oude_kavel_id: Id.nullable().openapi({ description: 'Na realisatie: de kavel die het bedrijf achterliet (nu vrijkomend)' }),
  bedrijf_naam: z.string(),
  kvk_nummer: z.string().nullable(),
  ruimtevraag_status: z.enum(VRAAG_STATUS),
  kavels: z.array(z.object({
    kavel_id: Id, naam: z.string().nullable(), status: z.string(), actief: z.boolean(), oppervlakte_ha: z.number(), terrein: z.string(),
  })),
  stappen: z.array(z.object({
    van_status: z.enum(MATCH_STATUS).nullable(), naar_status: z.enum(MATCH_STATUS), datum: Datum, persoon: z.string(),
    reden: z.string().nullable(), door: z.string().nullable(), tijdstip: Tijdstip,
  })),
  volgende_statussen: z.array(z.enum(MATCH_STATUS)),
}).openapi('Match');

export const MatchRijSchema = z.object({
  id: Id, ruimtevraag_id: Id, status: z.enum(MATCH_STATUS), score: z.number().nullable(), version: z.number().int(),
  oude_kavel_id: Id.nullable(), bedrijf_naam: z.string(), kavel_ids: KavelIds, actief: z.boolean(), updated_at: Tijdstip,
}).openapi('MatchRij');

export const VoorstellenAntwoordSchema = z.object({
  resultaat_id: Id,
  matches: z.array(MatchSchema),
  overgeslagen: z.array(NietToegewezenSchema),
  niet_toegewezen: z.array(NietToegewezenSchema),
  ketens: z.array(KetenSchema),
  doelwaarde: z.number(),
}).openapi('VoorstellenAntwoord');

export const InstellingSchema = z.object({
  sleutel: z.string(),
  waarde: z.number(),
  omschrijving: z.string(),
  version: z.number().int(),
  min: z.number().optional(),
  max: z.number().optional(),
  geheel: z.boolean().optional().openapi({ description: 'Alleen gehele getallen' }),
}).openapi('Instelling');

export const ScheefwerkenSchema = z.object({
  drempels: z.object({ drempel_stappen: z.number(), lichte_categorie: z.number() }),
  aantal: z.number().int(),
  hectare: z.number(),
  signalen: z.array(z.object({
    bedrijf_id: Id, bedrijf_naam: z.string(), kvk_nummer: z.string().nullable(), sector: z.string().nullable(),
    arbeidsplaatsen: z.number().int().nullable(), kavel_id: Id, kavel_naam: z.string().nullable(), oppervlakte_ha: z.number(),
    terrein_id: Id, terrein: z.string(), gemeente: z.string(), milieucategorie_activiteit: z.string(), milieucategorie_kavel_max: z.string(),
    open_ruimtevraag_id: Id.nullable(), stappen_onder_max: z.number().int(), redenen: z.array(z.string()),
  })),
}).openapi('Scheefwerken');
