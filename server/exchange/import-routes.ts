// /api/import: upload (streamed to disk, up to 100 MB), check, dry run, commit and
// cancel of an import into one of the editable layers; the report as JSON and CSV
// and the staged features for the map. Imports write map layers: editors only, each
// session its owner's, a werkgroep member only within its own gemeente (import service).
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { IsoDate } from '../domain/dates.ts';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { answer, jsonBody, plainErrors } from '../http/schemas.ts';
import { apiRoute, BEWERKERS } from '../http/access.ts';
import { validationHook } from '../http/validation.ts';
import { markWritten } from '../db/read-routing.ts';
import { beoordeelCrs, bereikVan } from '../domain/exchange-crs.ts';
import { DOELEN, doelvelden } from './doelvelden.ts';
import { annuleer, nieuweImport, onthoudenKoppeling, startControle, startSchrijven } from './import-service.ts';
import { sessie, verwijder, type ImportSessie } from './import-sessions.ts';
import { stagingKaart } from './import-queries.ts';
import { naarCsv } from './csv.ts';
import { ControleVerzoekSchema, DoelveldenSchema, KoppelingSchema, RapportSchema, SessieSchema, StagingKaartSchema, type TaakFoutDetails } from './schemas.ts';

/** The upload route: exempt from the 2 MB body limit of the other API routes (see app.ts). */
export const IMPORT_UPLOAD_PATH = '/api/import';

const IdSchema = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });
const SchrijfSchema = z.object({
  verwijder_ontbrekend: z.array(z.number().int().positive()).max(100_000).default([])
    .openapi({ description: 'Ids van ontbrekende records die u uitdrukkelijk laat verwijderen (of vervallen)' }),
  ingangsdatum: IsoDate.optional().openapi({
    description: 'Datum waarop alle wijzigingen van deze levering ingaan (kavels, transformaties, compensaties; standaard vandaag). '
      + 'Niet in de toekomst en niet vóór de laatste wijziging van een record dat de levering wijzigt of verwijdert.',
    example: '2024-03-01',
  }),
}).strict();

const voorbeelden = (rows: Record<string, unknown>[], veld: string) => {
  const set = new Set<string>();
  for (const r of rows) {
    const v = r[veld];
    if (v === null || v === undefined || String(v).trim() === '') continue;
    set.add(String(v).slice(0, 80));
    if (set.size >= 5) break;
  }
  return [...set];
};

export function sessieAntwoord(s: ImportSessie): z.infer<typeof SessieSchema> {
  return {
    id: s.id, bestandsnaam: s.bestandsnaam, grootte: s.grootte,
    bronnen: s.bronnen.map((b) => ({
      bestand: b.bestand, formaat: b.formaat, meldingen: b.meldingen,
      lagen: b.lagen.map((l) => {
        const oordeel = beoordeelCrs(l.crs?.epsg ?? null, null, l.bereik ? bereikVan(l.bereik) : null, l.crs !== null);
        return {
          naam: l.naam, geometrietype: l.geometrietype, aantal: l.aantal,
          crs: l.crs ? { epsg: l.crs.epsg, naam: l.crs.naam } : null,
          crs_oordeel: oordeel.ok ? { ok: true, epsg: oordeel.epsg }
            : { ok: false, code: oordeel.code, melding: oordeel.message, ...(oordeel.voorstel ? { voorstel_epsg: oordeel.voorstel } : {}) },
          velden: l.velden.map((v) => ({ naam: v.naam, type: v.type, voorbeelden: voorbeelden(l.voorbeeld, v.naam) })),
        };
      }),
    })),
    verzoek: s.verzoek,
    taak: s.taak ? {
      soort: s.taak.soort, status: s.taak.status, fase: s.taak.fase, gedaan: s.taak.gedaan, totaal: s.taak.totaal,
      // A step's failures carry the details of TaakFoutDetailsSchema (import-service.ts).
      fout: s.taak.fout ? {
        code: s.taak.fout.code, message: s.taak.fout.message,
        ...(s.taak.fout.details !== undefined ? { details: s.taak.fout.details as TaakFoutDetails } : {}),
      } : null,
    } : null,
    samenvatting: s.rapport ? { totaal: s.rapport.totaal, aantallen: s.rapport.aantallen, ontbrekend: s.rapport.ontbrekend.length } : null,
    proef: s.proef, resultaat: s.resultaat,
  };
}

/** The caller's own import session named by the path's {id} (validated by IdSchema before any handler runs). */
const eigen = (c: Context<AppEnv>) => sessie(c.req.param('id')!, actorOf(c).id);

export function importRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(apiRoute(BEWERKERS, {
    method: 'get', path: '/import/doelvelden', tags: ['Import'],
    summary: 'De velden die een import per laag kan vullen, met soort en toegestane waarden',
    responses: { 200: answer('Velden per laag', DoelveldenSchema), ...plainErrors(401, 403) },
  }), (c) => c.json(DOELEN.map((doel) => ({ doel, velden: doelvelden(doel) })), 200));

  app.openapi(apiRoute(BEWERKERS, {
    method: 'get', path: '/import/koppelingen', tags: ['Import'],
    summary: 'De onthouden veldkoppeling van een bron voor een laag',
    request: { query: z.object({ doel: z.enum(DOELEN), bron: z.string().trim().min(1).max(100) }) },
    responses: { 200: answer('Koppeling of null', KoppelingSchema), ...plainErrors(400, 401, 403) },
  }), async (c) => {
    const { doel, bron } = c.req.valid('query');
    return c.json({ koppeling: await onthoudenKoppeling(c.var.db.pool, doel, bron) }, 200);
  });

  app.openapi(apiRoute(BEWERKERS, {
    method: 'post', path: '/import', tags: ['Import'],
    summary: 'Upload een GeoPackage, gezipte Shapefile, GeoJSON, FlatGeobuf of CSV (ruwe bytes, maximaal 100 MB)',
    request: {
      query: z.object({ bestandsnaam: z.string({ message: 'bestandsnaam is verplicht' }).trim().min(1, 'bestandsnaam is verplicht').max(200) }),
      body: { required: true, content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } } },
    },
    responses: { 201: answer('De import met de gevonden lagen', SessieSchema), ...plainErrors(400, 401, 403, 413, 415, 422, 429) },
  }), async (c) => {
    const { bestandsnaam } = c.req.valid('query');
    if ((c.req.header('content-type') ?? '').includes('application/json')) {
      throw new ApiError(415, 'geen_bestand', 'Stuur het bestand zelf als application/octet-stream, met de bestandsnaam in ?bestandsnaam=.');
    }
    const s = await nieuweImport(c.var.db.pool, actorOf(c), bestandsnaam, c.req.raw.body, c.req.header('content-length'));
    return c.json(sessieAntwoord(s), 201);
  });

  app.openapi(apiRoute(BEWERKERS, {
    method: 'get', path: '/import/{id}', tags: ['Import'], summary: 'Stand van een import: lagen, lopende stap met voortgang, samenvatting',
    request: { params: IdSchema },
    responses: { 200: answer('Import', SessieSchema), ...plainErrors(401, 403, 404) },
  }), async (c) => {
    const s = eigen(c);
    // The import wrote in the background: from now on this client reads what it wrote.
    if (s.taak?.soort === 'uitvoeren' && s.taak.status === 'klaar') await markWritten(c);
    return c.json(sessieAntwoord(s), 200);
  });

  app.openapi(apiRoute(BEWERKERS, {
    method: 'delete', path: '/import/{id}', tags: ['Import'], summary: 'Gooi een import weg (bestanden en tussenresultaten)',
    request: { params: IdSchema },
    responses: { 200: answer('Weg', z.object({ verwijderd: z.literal(true) })), ...plainErrors(401, 403, 404) },
  }), async (c) => {
    await verwijder(c.var.db.pool, eigen(c));
    return c.json({ verwijderd: true as const }, 200);
  });

  app.openapi(apiRoute(BEWERKERS, {
    method: 'post', path: '/import/{id}/controle', tags: ['Import'],
    summary: 'Start de controle: laag lezen, velden koppelen, elk object beoordelen (voortgang via GET /import/{id})',
    request: { params: IdSchema, body: jsonBody(ControleVerzoekSchema) },
    responses: { 202: answer('Gestart', SessieSchema), ...plainErrors(400, 401, 403, 404, 409, 422) },
  }), (c) => {
    const s = eigen(c);
    startControle(c.var.db.pool, actorOf(c), s, c.req.valid('json'));
    return c.json(sessieAntwoord(s), 202);
  });

  for (const [pad, commit, summary] of [
    ['proefdraai', false, 'Proefdraai: alle wijzigingen in één transactie, daarna teruggedraaid'],
    ['uitvoeren', true, 'Voer de import uit: alles of niets in één transactie, in de audittrail'],
  ] as const) {
    app.openapi(apiRoute(BEWERKERS, {
      method: 'post', path: `/import/{id}/${pad}`, tags: ['Import'], summary,
      request: { params: IdSchema, body: jsonBody(SchrijfSchema) },
      responses: { 202: answer('Gestart', SessieSchema), ...plainErrors(400, 401, 403, 404, 409, 422) },
    }), (c) => {
      const s = eigen(c);
      const { verwijder_ontbrekend, ingangsdatum } = c.req.valid('json');
      startSchrijven(c.var.db.pool, actorOf(c), s, commit, verwijder_ontbrekend, ingangsdatum);
      return c.json(sessieAntwoord(s), 202);
    });
  }

  app.openapi(apiRoute(BEWERKERS, {
    method: 'post', path: '/import/{id}/annuleren', tags: ['Import'], summary: 'Annuleer de lopende stap (er wordt niets opgeslagen)',
    request: { params: IdSchema },
    responses: { 200: answer('Geannuleerd', SessieSchema), ...plainErrors(401, 403, 404, 409) },
  }), (c) => {
    const s = eigen(c);
    annuleer(s);
    return c.json(sessieAntwoord(s), 200);
  });

  const rapportVan = (c: Context<AppEnv>) => {
    const s = eigen(c);
    if (!s.rapport) throw new ApiError(409, 'geen_rapport', 'Er is nog geen controlerapport. Start eerst de controle.');
    return s;
  };

  app.openapi(apiRoute(BEWERKERS, {
    method: 'get', path: '/import/{id}/rapport', tags: ['Import'], summary: 'Het controlerapport: per object het oordeel en de problemen',
    request: { params: IdSchema },
    responses: { 200: answer('Rapport', RapportSchema), ...plainErrors(401, 403, 404, 409) },
  }), (c) => c.json(rapportVan(c).rapport!, 200));

  app.openapi(apiRoute(BEWERKERS, {
    method: 'get', path: '/import/{id}/rapport.csv', tags: ['Import'], summary: 'Het controlerapport als CSV (puntkomma, decimale komma)',
    request: { params: IdSchema },
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...plainErrors(401, 403, 404, 409) },
  }), (c) => {
    const s = rapportVan(c);
    const r = s.rapport!;
    const rijen: unknown[][] = [];
    for (const o of r.objecten) {
      const basis = [o.volgnr, o.bron_id ?? '', o.naam ?? '', o.oordeel, o.ha];
      if (!o.problemen.length) rijen.push([...basis, '', '', '', '', '', '']);
      for (const p of o.problemen) rijen.push([...basis, p.ernst, p.code, p.melding, p.veld ?? '', p.locatie?.[0] ?? '', p.locatie?.[1] ?? '']);
    }
    for (const o of r.ontbrekend) rijen.push(['', o.bron_id, o.naam ?? '', 'ontbreekt', '', o.mag_verwijderen ? 'waarschuwing' : 'fout', 'ontbreekt', `Record ${o.id} (${o.gemeente}) staat niet meer in het bestand.`, '', '', '']);
    const csv = naarCsv(['volgnummer', 'bron_id', 'naam', 'oordeel', 'oppervlakte_ha', 'ernst', 'code', 'melding', 'veld', 'lengtegraad', 'breedtegraad'], rijen);
    const naam = `controlerapport-${s.bestandsnaam.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_')}.csv`;
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${naam}"` });
  });

  app.openapi(apiRoute(BEWERKERS, {
    method: 'get', path: '/import/{id}/kaart', tags: ['Import'], summary: 'De objecten van de import als GeoJSON (WGS84) met hun oordeel, voor de kaart',
    request: { params: IdSchema },
    responses: { 200: answer('FeatureCollection', StagingKaartSchema), ...plainErrors(401, 403, 404) },
  }), async (c) => c.json(await stagingKaart(c.var.db.pool, eigen(c).id) as z.infer<typeof StagingKaartSchema>, 200));

  return app;
}
