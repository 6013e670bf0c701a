// The monitor's answers as zod schemas, complete: the balance on a peildatum and the
// yearly series. Used by the monitor's routes and by the meetings, which freeze both.
import { z } from '@hono/zod-openapi';
import { COMPENSATIE_STATUSSEN, FASEN } from '../domain/kpi.ts';

const perSleutel = <T extends z.ZodTypeAny>(sleutels: readonly string[], schema: T) =>
  z.object(Object.fromEntries(sleutels.map((k) => [k, schema])) as Record<string, T>);

export const IdsSchema = z.record(z.string(), z.array(z.number().int())).openapi('Ids', {
  description: 'De ids van de records achter een getal, per tabel (transformatie, compensatie, kavel, …)',
});

export const CijferSchema = z.object({ ha: z.number(), ids: IdsSchema }).openapi('Cijfer', {
  description: 'Hectares (PostGIS, RD New) met de ids van de records waar het getal uit komt, per tabel.',
});

const Definitie = z.object({ label: z.string(), definitie: z.string() });
export const KPI_CODES = ['netto_verloren', 'vereiste_compensatie', 'toegewezen', 'nog_toe_te_wijzen', 'restant',
  'compensatie_zonder_toewijzing', 'plancapaciteit'] as const;

const Fase = z.enum(FASEN);
const PerFase = perSleutel(FASEN, CijferSchema);
const PerStatus = perSleutel(COMPENSATIE_STATUSSEN, CijferSchema);
const Plantotaal = CijferSchema.extend({ per_milieucategorie: z.record(z.string(), CijferSchema) });
const Bereik = z.object({ min: z.number(), max: z.number() });
const Tekort = Bereik.extend({ tekst: z.string().openapi({ description: 'In woorden, bijvoorbeeld "tekort van 36 tot 91 ha"' }) });

export const RamingSchema = z.object({
  id: z.number().int(), soort: z.enum(['uitbreidingsvraag', 'vervangingsvraag']), netto_ha_min: z.number(), netto_ha_max: z.number(),
  periode_van: z.number().int(), periode_tot: z.number().int(), bron: z.string(), peildatum: z.string(), gepubliceerd_op: z.string(),
});

export const SignaleringSchema = z.object({
  regel: z.string(), ernst: z.enum(['fout', 'waarschuwing']), tekst: z.string(), ids: IdsSchema,
}).openapi('Signalering');

export const BalansSchema = z.object({
  peildatum: z.string(),
  vastgelegd_op: z.string().nullable(),
  bron: z.enum(['actueel', 'historie', 'vastgelegd']),
  historie: z.object({ eerste_geldig: z.string().nullable(), eerste_vastlegging: z.string().nullable() }),
  definities: perSleutel(KPI_CODES, Definitie),
  regio: z.object({
    netto_verloren: CijferSchema.extend({ per_fase: PerFase }),
    vereiste_compensatie: CijferSchema, toegewezen: CijferSchema, nog_toe_te_wijzen: CijferSchema, restant: CijferSchema,
    compensatie_zonder_toewijzing: CijferSchema, compensatie_totaal: CijferSchema, compensatie_per_status: PerStatus,
    toegewezen_telt_nog_niet: CijferSchema, overtoewijzing: CijferSchema, aandeel_gecompenseerd: z.number().nullable(),
  }),
  transformaties: z.array(z.object({
    id: z.number().int(), naam: z.string(), gemeente: z.string(), status: z.string(), fase: Fase, netto_ha: z.number(),
    niet_berekend: z.boolean(), toegewezen_ha: z.number(), nog_toe_te_wijzen_ha: z.number(), restant_ha: z.number(),
  })),
  per_gemeente: z.array(z.object({
    gemeente_id: z.number().int(), gemeente: z.string(), verloren: CijferSchema, vereist: CijferSchema,
    toegewezen_binnen: CijferSchema, toegewezen_elders: CijferSchema, nog_toe_te_wijzen: CijferSchema, restant: CijferSchema,
  })),
  per_milieucategorie: z.array(z.object({ milieucategorie: z.string(), verloren: CijferSchema, compensatie: CijferSchema })),
  plancapaciteit: z.object({
    rijen: z.array(z.object({ planstatus: z.string(), milieucategorie: z.string(), gemeente: z.string(), status: z.string(), ha: z.number(), ids: IdsSchema })),
    hard: Plantotaal,
    zacht: Plantotaal,
  }),
  vraag_aanbod: z.object({
    vraag: Bereik.extend({ ids: IdsSchema, ramingen: z.array(RamingSchema) }).nullable(),
    aanbod_kaart: z.object({ hard_ha: z.number(), zacht_ha: z.number(), totaal_ha: z.number() }),
    aanbod_gepubliceerd: z.object({
      hard_ha: z.number(), zacht_ha: z.number(), peildatum: z.string().nullable(), gepubliceerd_op: z.string().nullable(),
      bron: z.string().nullable(), ids: IdsSchema,
    }),
    tekort: z.object({ kaart_hard: Tekort, kaart_hard_en_zacht: Tekort, gepubliceerd_hard: Tekort, gepubliceerd_hard_en_zacht: Tekort }).nullable(),
  }),
  signaleringen: z.array(SignaleringSchema),
  bestuursovereenkomsten: z.array(z.object({
    id: z.number().int(), naam: z.string(), datum_ondertekening: z.string().nullable(),
    partijen: z.array(z.object({ gemeente: z.string(), rol: z.string() })),
    basis_pct: z.number(), subsidiabel: z.number(), bijdrage: z.number(), maatwerk_bedrag: z.number().nullable(), ids: IdsSchema,
  })),
}).openapi('Balans');

const Jaartotaal = z.object({ ha: z.number(), per_milieucategorie: z.record(z.string(), CijferSchema) });

export const ReeksSchema = z.object({
  van: z.number().int(),
  tot: z.number().int(),
  jaren: z.array(z.object({
    jaar: z.number().int(),
    peildatum: z.string(),
    verwachting: z.boolean().openapi({ description: 'Na vandaag: wat de ingevoerde data ervan maken, nog geen feit' }),
    netto_verloren: z.object({ ha: z.number(), per_fase: PerFase }),
    toegewezen: CijferSchema,
    nog_toe_te_wijzen: CijferSchema,
    restant: CijferSchema,
    compensatie_per_status: PerStatus,
    plancapaciteit: z.object({ hard: Jaartotaal, zacht: Jaartotaal }),
  })),
}).openapi('Reeks');
