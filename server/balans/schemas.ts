// What the hectare monitor's routes answer: the balance, the yearly series, the map on a
// peildatum and the what-if preview of a draft. Every figure is a Cijfer (hectares with
// the ids of the records behind it). The OpenAPI document, and through it the web
// app's types, come from these schemas; the routes' handlers are type-checked against them.
import { z } from '@hono/zod-openapi';
import { KAVEL_STATUSSEN } from '../domain/kavel-status.ts';
import { COMPENSATIE_STATUSSEN as TELLENDE_STATUSSEN, FASEN } from '../domain/kpi.ts';
import {
  COMPENSATIE_STATUSSEN, MILIEUCATEGORIE_CODE, NIEUWE_FUNCTIES, PARTIJ_ROLLEN, PLANSTATUSSEN, TRANSFORMATIE_STATUSSEN,
} from '../domain/layer-values.ts';
import { AreaSchema } from '../http/schemas.ts';

const ids = z.array(z.number().int());
const datum = z.string().nullable().openapi({ description: 'Datum JJJJ-MM-DD' });
const ha = z.number().openapi({ description: 'Hectare (PostGIS, RD New)' });

/** The records behind a figure, per table (only the tables that contribute). */
export const IdsSchema = z.object({
  transformatie: ids.optional(),
  compensatie: ids.optional(),
  compensatie_toewijzing: ids.optional(),
  kavel: ids.optional(),
  terrein: ids.optional(),
  vraagraming: ids.optional(),
  planaanbod_gepubliceerd: ids.optional(),
  bestuursovereenkomst: ids.optional(),
  kostenpost: ids.optional(),
}).openapi('BronIds', { description: 'De ids van de records waar een getal uit komt, per tabel.' });

export const CijferSchema = z.object({ ha, ids: IdsSchema }).openapi('Cijfer', {
  description: 'Hectares (PostGIS, RD New) met de ids van de records waar het getal uit komt, per tabel.',
});

/** A figure per milieucategorie: the keys are the VNG codes that occur (3.1, 4.2 …). */
const perMilieucategorie = z.record(z.string(), CijferSchema)
  .openapi({ description: 'Per VNG-milieucategorie (de codes die voorkomen, zoals 3.1)' });

const perFase = z.object(Object.fromEntries(FASEN.map((f) => [f, CijferSchema])) as Record<(typeof FASEN)[number], typeof CijferSchema>)
  .openapi('CijferPerFase');
const perStatus = z.object(
  Object.fromEntries(TELLENDE_STATUSSEN.map((s) => [s, CijferSchema])) as Record<(typeof TELLENDE_STATUSSEN)[number], typeof CijferSchema>,
).openapi('CijferPerCompensatiestatus');

const Definitie = z.object({ label: z.string(), definitie: z.string() });
const DefinitiesSchema = z.object({
  netto_verloren: Definitie, vereiste_compensatie: Definitie, toegewezen: Definitie, nog_toe_te_wijzen: Definitie,
  restant: Definitie, compensatie_zonder_toewijzing: Definitie, plancapaciteit: Definitie,
}).openapi('BalansDefinities', { description: 'Wat elke tegel telt, in één zin' });

const RegioSchema = z.object({
  netto_verloren: CijferSchema.extend({ per_fase: perFase }),
  vereiste_compensatie: CijferSchema, toegewezen: CijferSchema, nog_toe_te_wijzen: CijferSchema, restant: CijferSchema,
  compensatie_zonder_toewijzing: CijferSchema, compensatie_totaal: CijferSchema, compensatie_per_status: perStatus,
  toegewezen_telt_nog_niet: CijferSchema, overtoewijzing: CijferSchema,
  aandeel_gecompenseerd: z.number().nullable().openapi({ description: 'Toegewezen gedeeld door netto verloren (0–1); null zonder verlies' }),
}).openapi('BalansRegio');

const TransformatieRijSchema = z.object({
  id: z.number().int(), naam: z.string(), gemeente: z.string(), status: z.string(), fase: z.enum(FASEN),
  netto_ha: ha, niet_berekend: z.boolean().openapi({ description: 'PostGIS kon het verlies niet berekenen; het telt als 0 ha' }),
  toegewezen_ha: ha, nog_toe_te_wijzen_ha: ha, restant_ha: ha,
}).openapi('BalansTransformatie');

const GemeenteRijSchema = z.object({
  gemeente_id: z.number().int(), gemeente: z.string(),
  verloren: CijferSchema, vereist: CijferSchema, toegewezen_binnen: CijferSchema, toegewezen_elders: CijferSchema,
  nog_toe_te_wijzen: CijferSchema, restant: CijferSchema,
}).openapi('BalansGemeente');

const MilieucategorieRijSchema = z.object({ milieucategorie: z.string(), verloren: CijferSchema, compensatie: CijferSchema })
  .openapi('BalansMilieucategorie');

const PlancapaciteitTotaal = CijferSchema.extend({ per_milieucategorie: perMilieucategorie });
const PlancapaciteitSchema = z.object({
  rijen: z.array(z.object({
    planstatus: z.string(), milieucategorie: z.string(), gemeente: z.string(), status: z.string(), ha,
    ids: z.object({ kavel: ids }),
  })).openapi({ description: 'Per gemeente, planstatus, milieucategorie en kavelstatus' }),
  hard: PlancapaciteitTotaal, zacht: PlancapaciteitTotaal,
}).openapi('Plancapaciteit');

const Bereik = z.object({ min: z.number(), max: z.number() });
const Tekort = Bereik.extend({ tekst: z.string().openapi({ description: 'In woorden: tekort van … tot … ha, of overschot' }) });
const RamingSchema = z.object({
  id: z.number().int(), soort: z.enum(['uitbreidingsvraag', 'vervangingsvraag']),
  netto_ha_min: z.number(), netto_ha_max: z.number(), periode_van: z.number().int(), periode_tot: z.number().int(),
  bron: z.string(), peildatum: z.string(), gepubliceerd_op: z.string(),
}).openapi('Vraagraming');

const VraagAanbodSchema = z.object({
  vraag: Bereik.extend({ ids: z.object({ vraagraming: ids }), ramingen: z.array(RamingSchema) }).nullable()
    .openapi({ description: 'De regionale vraag (uitbreiding plus vervanging); null zonder raming' }),
  aanbod_kaart: z.object({ hard_ha: z.number(), zacht_ha: z.number(), totaal_ha: z.number() }),
  aanbod_gepubliceerd: z.object({
    hard_ha: z.number(), zacht_ha: z.number(), peildatum: datum, gepubliceerd_op: datum, bron: z.string().nullable(),
    ids: z.object({ planaanbod_gepubliceerd: ids }),
  }),
  tekort: z.object({ kaart_hard: Tekort, kaart_hard_en_zacht: Tekort, gepubliceerd_hard: Tekort, gepubliceerd_hard_en_zacht: Tekort }).nullable(),
}).openapi('VraagAanbod');

const SignaleringSchema = z.object({
  regel: z.string(), ernst: z.enum(['fout', 'waarschuwing']), tekst: z.string(), ids: IdsSchema,
}).openapi('Signalering');

const BalansBoSchema = z.object({
  id: z.number().int(), naam: z.string(), datum_ondertekening: datum,
  partijen: z.array(z.object({ gemeente: z.string(), rol: z.enum(PARTIJ_ROLLEN) })),
  basis_pct: z.number(), subsidiabel: z.number().openapi({ description: 'Euro' }), bijdrage: z.number().openapi({ description: 'Euro' }),
  maatwerk_bedrag: z.number().nullable(),
  ids: z.object({ bestuursovereenkomst: ids, kostenpost: ids }),
}).openapi('BalansBestuursovereenkomst');

export const BalansSchema = z.object({
  peildatum: z.string(),
  vastgelegd_op: z.string().nullable(),
  bron: z.enum(['actueel', 'historie', 'vastgelegd']),
  historie: z.object({ eerste_geldig: datum, eerste_vastlegging: z.string().nullable() }),
  definities: DefinitiesSchema,
  regio: RegioSchema,
  transformaties: z.array(TransformatieRijSchema),
  per_gemeente: z.array(GemeenteRijSchema),
  per_milieucategorie: z.array(MilieucategorieRijSchema),
  plancapaciteit: PlancapaciteitSchema,
  vraag_aanbod: VraagAanbodSchema,
  signaleringen: z.array(SignaleringSchema),
  bestuursovereenkomsten: z.array(BalansBoSchema),
}).openapi('Balans');

const PlancapaciteitJaar = z.object({ ha, per_milieucategorie: perMilieucategorie });
export const ReeksSchema = z.object({
  van: z.number().int(),
  tot: z.number().int(),
  jaren: z.array(z.object({
    jaar: z.number().int(),
    peildatum: z.string(),
    verwachting: z.boolean().openapi({ description: 'Na vandaag: wat de ingevoerde datums ervan maken, nog geen feit' }),
    netto_verloren: z.object({ ha, per_fase: perFase }),
    toegewezen: CijferSchema, nog_toe_te_wijzen: CijferSchema, restant: CijferSchema,
    compensatie_per_status: perStatus,
    plancapaciteit: z.object({ hard: PlancapaciteitJaar, zacht: PlancapaciteitJaar }),
  }).openapi('ReeksJaar')),
}).openapi('Reeks');

// The map on a peildatum: the same ids and property names as the live layers.
const kaartBasis = {
  id: z.number().int(), naam: z.string().nullable(), gemeente: z.string().nullable(), oppervlakte_ha: ha,
  geldig_vanaf: datum,
};
const collectie = <P extends z.ZodType>(properties: P, name: string) => z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), id: z.number().int(), geometry: AreaSchema, properties })),
}).openapi(name);

export const KaartSchema = z.object({
  peildatum: z.string(),
  kavels: collectie(z.object({
    ...kaartBasis, terrein_id: z.number().int(), status: z.enum(KAVEL_STATUSSEN), planstatus: z.enum(PLANSTATUSSEN),
    milieucategorie_max: z.string().nullable(),
  }), 'KaartKavels'),
  transformaties: collectie(z.object({
    ...kaartBasis, gemeente_id: z.number().int(), status: z.enum(TRANSFORMATIE_STATUSSEN), nieuwe_functie: z.enum(NIEUWE_FUNCTIES),
    datum_terinzagelegging: datum, datum_vaststelling: datum, netto_verloren_ha: z.number().nullable(),
  }), 'KaartTransformaties'),
  compensaties: collectie(z.object({
    ...kaartBasis, gemeente_id: z.number().int(), status: z.enum(COMPENSATIE_STATUSSEN), planstatus: z.enum(PLANSTATUSSEN),
    milieucategorie_max: z.string().nullable(),
  }), 'KaartCompensaties'),
}).openapi('BalansKaart');
export type Kaart = z.infer<typeof KaartSchema>;

const Verschil = z.object({ voor: z.number(), na: z.number(), verschil: z.number() }).openapi('Verschil', { description: 'Hectare voor en na opslaan' });
export const PreviewSchema = z.object({
  regio: z.object({
    netto_verloren_ha: Verschil, vereiste_compensatie_ha: Verschil, toegewezen_ha: Verschil, nog_toe_te_wijzen_ha: Verschil,
    restant_ha: Verschil, compensatie_ha: Verschil, compensatie_zonder_toewijzing_ha: Verschil,
  }),
  per_gemeente: z.array(z.object({ gemeente: z.string(), verloren_ha: Verschil, nog_toe_te_wijzen_ha: Verschil, restant_ha: Verschil }))
    .openapi({ description: 'Alleen de gemeenten waar iets verandert' }),
  per_milieucategorie: z.array(z.object({ milieucategorie: z.string(), verloren_ha: Verschil, compensatie_ha: Verschil }))
    .openapi({ description: 'Alleen de categorieën waar iets verandert' }),
}).openapi('BalansPreview');

export const PreviewRequestSchema = z.object({
  laag: z.enum(['transformatie', 'compensatie']),
  id: z.number().int().positive().max(2_147_483_646).optional(),
  geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).passthrough(),
  properties: z.object({
    nieuwe_functie: z.enum(NIEUWE_FUNCTIES).optional(),
    // A transformatie's or a compensatie's status (not vervallen for a compensatie).
    status: z.enum([...TRANSFORMATIE_STATUSSEN, 'gepland', 'geregeld', 'planologisch_mogelijk']).optional(),
    milieucategorie_max: z.string().regex(MILIEUCATEGORIE_CODE).nullable().optional(),
    gemeente_id: z.number().int().positive().max(2_147_483_646).optional(),
  }).strict().optional(),
}).strict().openapi('BalansPreviewVerzoek');
