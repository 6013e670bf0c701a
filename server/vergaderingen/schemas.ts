// The answers of /api/vergaderingen: meetings, the content of a snapshot (frozen or
// live), its map, and the comparison of two meetings.
import { z } from '@hono/zod-openapi';
import { BalansSchema, ReeksSchema } from '../balans/schemas.ts';
import { AdviesSchema } from '../adviezen/schemas.ts';
import { AggregaatSchema as RuimtevragenAggregaatSchema } from '../ruimtevragen/schemas.ts';
import { GREMIA } from '../domain/vergadering.ts';

export const SnapshotMetaSchema = z.object({
  id: z.number().int(),
  volgnummer: z.number().int(),
  peildatum: z.string(),
  bevroren_op: z.string(),
  bevroren_door: z.string().nullable(),
  kenmerk: z.string().openapi({ description: 'SHA-256 van de inhoud en de recordlijst, zoals op het rapport' }),
}).openapi('SnapshotMeta');

export const VergaderingSchema = z.object({
  id: z.number().int(),
  datum: z.string(),
  gremium: z.enum(GREMIA),
  titel: z.string(),
  peildatum: z.string().nullable().openapi({ description: 'De datum waarover de cijfers gaan; leeg: de vergaderdatum (of vandaag, als die eerder is)' }),
  locatie: z.string().nullable(),
  version: z.number().int(),
  adviezen: z.number().int().openapi({ description: 'Aantal adviezen voor deze vergadering' }),
  snapshots: z.array(SnapshotMetaSchema).openapi({ description: 'Bevroren momentopnamen, de laatste eerst' }),
}).openapi('Vergadering');

export const InhoudSchema = z.object({
  vergadering: z.object({ id: z.number().int(), titel: z.string(), datum: z.string(), gremium: z.enum(GREMIA), locatie: z.string().nullable() }),
  peildatum: z.string(),
  balans: BalansSchema,
  reeks: ReeksSchema,
  adviezen: z.array(AdviesSchema),
  ruimtevragen: RuimtevragenAggregaatSchema,
  bronnen: z.array(z.object({ tabel: z.string(), bron: z.string(), aantal: z.number().int() })),
  kaartbereik: z.tuple([z.number(), z.number(), z.number(), z.number()]).openapi({ description: 'West, zuid, oost, noord (WGS84) van de regio' }),
}).openapi('VergaderInhoud');

export const RecordRefSchema = z.object({
  tabel: z.string(),
  id: z.number().int(),
  versie_id: z.number().int().nullable().openapi({ description: 'Versies uit <tabel>_versie (transformatie, compensatie, kavel, toewijzing)' }),
  version: z.number().int().nullable().openapi({ description: 'Versie van een record zonder gedateerde historie' }),
});

export const VergaderingDetailSchema = VergaderingSchema.extend({
  snapshot: SnapshotMetaSchema.extend({
    inhoud: InhoudSchema,
    records: z.array(RecordRefSchema),
  }).nullable().openapi({ description: 'De gevraagde (standaard de laatste) momentopname, precies zoals bevroren' }),
  vorige: z.object({ id: z.number().int(), titel: z.string(), datum: z.string() }).nullable()
    .openapi({ description: 'De vorige vergadering van hetzelfde gremium met een momentopname' }),
}).openapi('VergaderingDetail');

export const LiveSchema = z.object({ peildatum: z.string(), inhoud: InhoudSchema }).openapi('VergaderingLive');

// ---- the map ----

const Coordinaten = z.array(z.array(z.array(z.array(z.number()))));
const Geometrie = z.object({ type: z.literal('MultiPolygon'), coordinates: Coordinaten });
const collectie = <P extends z.ZodRawShape>(naam: string, props: P) => z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), id: z.number().int(), geometry: Geometrie, properties: z.object({ id: z.number().int(), ...props }) })),
}).openapi(naam);

const tekst = z.string().nullable();
const vlak = { oppervlakte_ha: z.number(), version: z.number().int() };

export const KaartSchema = z.object({
  gemeenten: collectie('KaartGemeenten', { naam: z.string(), code: z.string(), in_regio: z.boolean(), bron: z.string(), ...vlak }),
  terreinen: collectie('KaartTerreinen', {
    naam: z.string(), naam_bekend: z.boolean(), gemeente_id: z.number().int(), gemeente: z.string(), typologie: z.string(),
    niet_te_transformeren: z.boolean(), milieucategorie_min: tekst, milieucategorie_max: tekst, bron: z.string(), ...vlak,
  }),
  kanszones: collectie('KaartKanszones', {
    naam: z.string(), gemeente_id: z.number().int(), gemeente: z.string(), terrein_id: z.number().int().nullable(), soort: z.string(), bron: z.string(), ...vlak,
  }),
  kavels: collectie('KaartKavels', {
    naam: tekst, terrein_id: z.number().int(), gemeente: tekst, status: z.string(), planstatus: z.string(), milieucategorie_max: z.string(),
    oppervlakte_ha: z.number(), versie_id: z.number().int(),
  }),
  transformaties: collectie('KaartTransformaties', {
    naam: z.string(), gemeente_id: z.number().int(), gemeente: tekst, status: z.string(), nieuwe_functie: z.string(),
    netto_verloren_ha: z.number().nullable(), oppervlakte_ha: z.number(), versie_id: z.number().int(),
  }),
  compensaties: collectie('KaartCompensaties', {
    naam: z.string(), gemeente_id: z.number().int(), gemeente: tekst, status: z.string(), planstatus: z.string(), milieucategorie_max: tekst,
    oppervlakte_ha: z.number(), versie_id: z.number().int(),
  }),
}).openapi('VergaderKaart');
export type Kaart = z.infer<typeof KaartSchema>;

// ---- the comparison ----

const Kant = z.object({
  vergadering: z.object({ id: z.number().int(), titel: z.string(), datum: z.string() }),
  snapshot: SnapshotMetaSchema,
});
const Paar = z.object({ voor: z.number(), na: z.number(), verschil: z.number() });
const RecordVerschil = z.object({
  tabel: z.string(), id: z.number().int(), naam: z.string().nullable(), gemeente: z.string().nullable(),
  ha_voor: z.number().nullable(), ha_na: z.number().nullable(), verschil_ha: z.number().nullable(),
  velden: z.array(z.string()).openapi({ description: 'De gewijzigde velden (geometrie: de vorm)' }),
});

export const VergelijkingSchema = z.object({
  van: Kant.openapi({ description: 'De eerdere vergadering' }),
  naar: Kant,
  kpis: z.array(z.object({
    code: z.string(), label: z.string(), eenheid: z.enum(['ha', 'procent']),
    voor: z.number().nullable(), na: z.number().nullable(), verschil: z.number().nullable(),
  })),
  per_gemeente: z.array(z.object({ gemeente: z.string(), verloren: Paar, toegewezen: Paar, restant: Paar })),
  records: z.object({ toegevoegd: z.array(RecordVerschil), gewijzigd: z.array(RecordVerschil), verwijderd: z.array(RecordVerschil) }),
  kaart: z.object({ voor: KaartSchema, na: KaartSchema }).openapi({
    description: 'voor: de gewijzigde en verwijderde vlakken zoals ze waren; na: de gewijzigde en toegevoegde vlakken zoals ze nu zijn',
  }),
}).openapi('Vergelijking');
