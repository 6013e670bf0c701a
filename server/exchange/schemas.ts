// Request and response schemas of the import and export routes (zod, also the
// source of the OpenAPI document).
import { z } from '@hono/zod-openapi';
import { DOELEN } from './doelvelden.ts';

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

export const ControleVerzoekSchema = z.object({
  bestand: z.string().min(1).max(300),
  laag: z.string().min(1).max(300),
  doel: z.enum(DOELEN, { message: `doel moet een van ${DOELEN.join(', ')} zijn` }),
  bron: z.string().trim().min(1, 'geef de bron een naam').max(100),
  bron_id_veld: z.string().min(1).max(300).nullable(),
  epsg: z.number().int().positive().nullable().optional(),
  velden: z.record(z.string().max(100), VeldkoppelingSchema),
}).strict().openapi('ImportControle');

const SchrijfResultaatSchema = z.object({
  proef: z.boolean(), aangemaakt: z.number().int(), bijgewerkt: z.number().int(), ongewijzigd: z.number().int(),
  verwijderd: z.number().int(), ids: z.array(z.number().int()),
}).openapi('ImportResultaat');

const AantallenSchema = z.object({
  nieuw: z.number().int(), gewijzigd: z.number().int(), ongewijzigd: z.number().int(), fout: z.number().int(), waarschuwingen: z.number().int(),
});

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
  verzoek: ControleVerzoekSchema.nullable(),
  taak: z.object({
    soort: z.enum(['controle', 'proefdraai', 'uitvoeren']),
    status: z.enum(['bezig', 'klaar', 'mislukt', 'geannuleerd']),
    fase: z.string(), gedaan: z.number().int(), totaal: z.number().int(),
    fout: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable(),
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
    geometry: z.object({ type: z.string(), coordinates: z.array(z.any()) }).nullable(),
    properties: z.object({
      volgnr: z.number().int(), bron_id: z.string().nullable(), naam: z.string().nullable(),
      oordeel: z.enum(['nieuw', 'gewijzigd', 'ongewijzigd', 'fout']).nullable(), problemen: z.number().int(),
    }),
  })),
}).openapi('ImportKaart');
