// Request and response schemas of the import and export routes (zod, also the
// source of the OpenAPI document).
import { z } from '@hono/zod-openapi';
import { GEBRUIKSPOSITIES } from '../domain/layer-values.ts';
import { DOELEN } from './doelvelden.ts';

// GeoJSON geometry, typed to the coordinate: [x, y] (WGS84 lon/lat, or RD New metres).
const Positie = z.array(z.number()).min(2).max(3);
const Ring = z.array(Positie);
const Punt = z.object({ type: z.literal('Point'), coordinates: Positie });
const MultiPunt = z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Positie) });
const Lijn = z.object({ type: z.literal('LineString'), coordinates: Ring });
const MultiLijn = z.object({ type: z.literal('MultiLineString'), coordinates: z.array(Ring) });
const Vlak = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) });
const MultiVlak = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) });
const Enkelvoudig = z.discriminatedUnion('type', [Punt, MultiPunt, Lijn, MultiLijn, Vlak, MultiVlak]);

/** Any geometry a file may hold (an import's features before they are checked). */
export const GeometrieSchema = z.union([
  Enkelvoudig,
  z.object({ type: z.literal('GeometryCollection'), geometries: z.array(Enkelvoudig) }),
]).openapi('Geometrie');

/** The geometry of every map layer: a MultiPolygon (stored as such in PostGIS). */
export const MultiVlakSchema = MultiVlak.openapi('MultiVlak');

/** A polygon's nested values: the terreinen or gemeenten under it, or its zittende bedrijven. */
const GenesteWaarde = z.union([
  z.object({ id: z.number().int(), naam: z.string().nullable(), ha: z.number() }),
  z.object({ naam: z.string(), gebruikspositie: z.enum(GEBRUIKSPOSITIES), status: z.string().optional() }),
]);
/** The value of an exported attribute. */
export const KenmerkSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(GenesteWaarde)]).openapi('Kenmerk');

const ProbleemSchema = z.object({
  code: z.string(),
  melding: z.string(),
  ernst: z.enum(['fout', 'waarschuwing']),
  veld: z.string().optional(),
  locatie: z.tuple([z.number(), z.number()]).optional().openapi({ description: '[lengtegraad, breedtegraad] (WGS84) van de plek' }),
  kavel_id: z.number().optional(),
  postgis: z.string().optional(),
}).openapi('ImportProbleem');

const VeldkoppelingSchema = z.union([
  z.object({ veld: z.string().min(1).max(300) }).strict(),
  z.object({ vast: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]) }).strict(),
]);

const ControleVerzoekBasis = z.object({
  bestand: z.string().min(1).max(300),
  laag: z.string().min(1).max(300),
  doel: z.enum(DOELEN, { message: `doel moet een van ${DOELEN.join(', ')} zijn` }),
  bron: z.string().trim().min(1, 'geef de bron een naam').max(100),
  bron_id_veld: z.string().min(1).max(300).nullable(),
  epsg: z.number().int().positive().nullable().optional(),
  velden: z.record(z.string().max(100), VeldkoppelingSchema),
}).strict();
export const ControleVerzoekSchema = ControleVerzoekBasis.openapi('ImportControle');

const SchrijfResultaatSchema = z.object({
  proef: z.boolean(), aangemaakt: z.number().int(), bijgewerkt: z.number().int(), ongewijzigd: z.number().int(),
  verwijderd: z.number().int(), ids: z.array(z.number().int()),
  ingangsdatum: z.string().nullable().openapi({ description: 'Datum waarop de wijzigingen ingaan (kavels, transformaties, compensaties); null voor lagen zonder gedateerde historie' }),
});

const AantallenSchema = z.object({
  nieuw: z.number().int(), gewijzigd: z.number().int(), ongewijzigd: z.number().int(), fout: z.number().int(), waarschuwingen: z.number().int(),
});

/** What a failed step concerns, e.g. for ingangsdatum_te_vroeg the records and their last change. */
export const TaakFoutDetailsSchema = z.object({
  reden: z.string().optional(), ingangsdatum: z.string().optional(), vorige_wijziging: z.string().optional(),
  ids: z.array(z.number().int()).optional().openapi({ description: 'De records waar het om gaat' }),
});
export type TaakFoutDetails = z.infer<typeof TaakFoutDetailsSchema>;

export const SessieSchema = z.object({
  id: z.string(),
  bestandsnaam: z.string(),
  grootte: z.number().int(),
  bronnen: z.array(z.object({
    bestand: z.string(),
    formaat: z.enum(['gpkg', 'shp', 'geojson', 'fgb', 'csv']),
    meldingen: z.array(z.string()),
    lagen: z.array(z.object({
      naam: z.string(),
      geometrietype: z.string().nullable(),
      aantal: z.number().int().nullable(),
      crs: z.object({ epsg: z.number().int().nullable(), naam: z.string().nullable() }).nullable(),
      crs_oordeel: z.object({ ok: z.boolean(), epsg: z.number().int().optional(), code: z.string().optional(), melding: z.string().optional(), voorstel_epsg: z.number().int().optional() }),
      velden: z.array(z.object({ naam: z.string(), type: z.string(), voorbeelden: z.array(z.string()) })),
    })),
  })),
  // Unnamed here: a nullable named schema would make the named one (the request body) nullable too.
  verzoek: ControleVerzoekBasis.nullable(),
  taak: z.object({
    soort: z.enum(['controle', 'proefdraai', 'uitvoeren']),
    status: z.enum(['bezig', 'klaar', 'mislukt', 'geannuleerd']),
    fase: z.string(), gedaan: z.number().int(), totaal: z.number().int(),
    fout: z.object({
      code: z.string(), message: z.string(),
      details: TaakFoutDetailsSchema.optional(),
    }).nullable(),
  }).nullable(),
  samenvatting: z.object({ totaal: z.number().int(), aantallen: AantallenSchema, ontbrekend: z.number().int() }).nullable(),
  proef: SchrijfResultaatSchema.nullable(),
  resultaat: SchrijfResultaatSchema.nullable(),
}).openapi('ImportSessie');

export const RapportSchema = z.object({
  doel: z.enum(DOELEN), bron: z.string(), epsg: z.number().int(), totaal: z.number().int(),
  aantallen: AantallenSchema,
  objecten: z.array(z.object({
    volgnr: z.number().int(), fid: z.string().nullable(), bron_id: z.string().nullable(), naam: z.string().nullable(),
    oordeel: z.enum(['nieuw', 'gewijzigd', 'ongewijzigd', 'fout']), ha: z.number().nullable(), bestaand_id: z.number().int().nullable(),
    problemen: z.array(ProbleemSchema),
  })),
  ontbrekend: z.array(z.object({ id: z.number().int(), naam: z.string().nullable(), bron_id: z.string(), gemeente: z.string(), mag_verwijderen: z.boolean() })),
}).openapi('ImportRapport');

export const DoelveldenSchema = z.array(z.object({
  doel: z.enum(DOELEN),
  velden: z.array(z.object({
    naam: z.string(), label: z.string(), soort: z.enum(['tekst', 'getal', 'ja_nee', 'datum', 'milieucategorie', 'keuze']),
    verplicht: z.boolean(), leeg_toegestaan: z.boolean(), waarden: z.array(z.string()).optional(),
  })),
})).openapi('ImportDoelvelden');

export const KoppelingSchema = z.object({
  koppeling: z.object({
    bron_id_veld: z.string().nullable(), velden: z.record(z.string(), VeldkoppelingSchema), epsg: z.number().int().nullable(), updated_at: z.string(),
  }).nullable(),
}).openapi('ImportKoppeling');

export const StagingKaartSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'), id: z.number().int(),
    geometry: GeometrieSchema,
    properties: z.object({
      volgnr: z.number().int(), bron_id: z.string().nullable(), naam: z.string().nullable(),
      oordeel: z.enum(['nieuw', 'gewijzigd', 'ongewijzigd', 'fout']).nullable(), problemen: z.number().int(),
    }),
  })),
}).openapi('ImportKaart');

/** A layer exported as GeoJSON (WGS84): the reader's fields, with nested values as they are. */
export const ExportGeoJsonSchema = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string(),
  features: z.array(z.object({
    type: z.literal('Feature'), id: z.number().int(), geometry: MultiVlakSchema, properties: z.record(z.string(), KenmerkSchema),
  })),
}).openapi('ExportGeoJson');
