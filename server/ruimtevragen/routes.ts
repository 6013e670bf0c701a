// The register of company space requests. Who reads what: regie in full, the
// werkgroep anonymised, the stuurgroep only the aggregates; regie keeps the register.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { apiRoute, IEDEREEN, REGIE, WERKGROEP_EN_REGIE } from '../http/access.ts';
import { answer, IdParamSchema, jsonBody, plainErrors, versionedDelete, versionedChange } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion } from '../http/version.ts';
import { REDENEN, VRAAG_STATUS } from '../domain/matching-codes.ts';
import { RuimtevraagNieuw, RuimtevraagWijziging } from '../domain/matching-register.ts';
import { aantal } from '../domain/nl-tekst.ts';
import { kandidaatZicht } from '../domain/matching-zicht.ts';
import { AggregaatSchema, ImportAfgekeurdSchema, ImportRapportSchema, IngetrokkenSchema, RuimtevraagSchema } from './schemas.ts';
import * as service from './service.ts';


const LijstQuery = z.object({
  status: z.enum(VRAAG_STATUS, { message: `status: kies uit ${VRAAG_STATUS.join(', ')}` }).optional(),
  gemeente: z.string().optional().openapi({ description: 'Gewenste gemeente: id of naam' }),
  milieucategorie: z.string().optional(),
  reden: z.enum(REDENEN, { message: `reden: kies uit ${REDENEN.join(', ')}` }).optional(),
});

const zichtVan = (c: Context<AppEnv>) => kandidaatZicht(actorOf(c).rol);

async function eenVraag(c: Context<AppEnv>, id: number) {
  const zicht = zichtVan(c);
  const { versie, vraag } = await service.eenVraag(c.var.db.pool, zicht, id);
  // The version moves with every change, also of what the werkgroep may not see (the
  // company, the notes): only regie, who changes the request, gets it.
  if (zicht === 'volledig') c.header('ETag', `"${String(versie)}"`);
  return vraag;
}

export function ruimtevraagRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    apiRoute(WERKGROEP_EN_REGIE, { method: 'get', path: '/ruimtevragen', tags: ['Ruimtevragen'],
      summary: 'Ruimtevragen: volledig voor regisseur en beheerder, geanonimiseerd voor de werkgroep; filters status, gemeente, milieucategorie, reden',
      request: { query: LijstQuery },
      responses: { 200: answer('Lijst', z.array(RuimtevraagSchema)), ...plainErrors(400) } }),
    async (c) => c.json(await service.lijst(c.var.db.pool, zichtVan(c), c.req.valid('query')), 200),
  );

  app.openapi(
    apiRoute(IEDEREEN, { method: 'get', path: '/ruimtevragen/aggregaat', tags: ['Ruimtevragen'],
      summary: 'Ruimtevragen als aantallen en hectares per milieucategorie, gewenste gemeente, reden en stand (zonder match, gematcht, gerealiseerd); nooit een bedrijf',
      responses: { 200: answer('Aggregaten', AggregaatSchema) } }),
    async (c) => c.json(await service.aggregaten(c.var.db.pool), 200),
  );

  app.openapi(
    apiRoute(REGIE, { method: 'post', path: '/ruimtevragen/import', tags: ['Ruimtevragen'],
      summary: 'CSV-import van ruimtevragen (puntkomma of komma, Nederlandse kolomkoppen); alles of niets, ?dry_run=1 controleert alleen',
      request: {
        query: z.object({ dry_run: z.enum(['0', '1', 'true', 'false'], { message: 'dry_run moet 0 of 1 zijn' }).optional() }),
        body: { required: true, content: { 'text/csv': { schema: z.string() } } },
      },
      responses: {
        200: answer('Rapport (proefdraai of aangemaakt)', ImportRapportSchema),
        422: answer('Rapport met fouten per rij; niets opgeslagen', ImportAfgekeurdSchema),
        ...plainErrors(400, 413, 415),
      } }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^(text\/csv|text\/plain|application\/csv)/i.test(type)) {
        throw new ApiError(415, 'verkeerd_formaat', 'Stuur het CSV-bestand als text/csv.');
      }
      const dry = ['1', 'true'].includes(c.req.valid('query').dry_run ?? '');
      const rapport = await service.importeerCsv(c.var.db.pool, actorOf(c), await c.req.text(), dry);
      if (!rapport.geldig) {
        return c.json({
          error: { code: 'import_ongeldig' as const, message: `De import bevat ${aantal(rapport.fouten.length, 'fout', 'fouten')}; er is niets opgeslagen.`, details: rapport.fouten },
          ...rapport,
        }, 422);
      }
      return c.json(rapport, 200);
    },
  );

  app.openapi(
    apiRoute(REGIE, { method: 'post', path: '/ruimtevragen', tags: ['Ruimtevragen'],
      summary: 'Nieuwe ruimtevraag met het bedrijf (regisseur, beheerder)',
      request: { body: jsonBody(RuimtevraagNieuw) },
      responses: { 201: answer('Aangemaakt', RuimtevraagSchema), ...plainErrors(400, 403, 422) } }),
    async (c) => {
      const id = await service.maakRuimtevraag(c.var.db.pool, actorOf(c), c.req.valid('json'));
      return c.json(await eenVraag(c, id), 201);
    },
  );

  app.openapi(
    apiRoute(WERKGROEP_EN_REGIE, { method: 'get', path: '/ruimtevragen/{id}', tags: ['Ruimtevragen'],
      summary: 'Eén ruimtevraag (volledig voor regie, geanonimiseerd voor de werkgroep)',
      request: { params: IdParamSchema },
      responses: { 200: answer('Ruimtevraag', RuimtevraagSchema), ...plainErrors(400, 404) } }),
    async (c) => c.json(await eenVraag(c, c.req.valid('param').id), 200),
  );

  app.openapi(
    apiRoute(REGIE, versionedChange({ method: 'patch', path: '/ruimtevragen/{id}', tags: ['Ruimtevragen'],
      summary: 'Wijzig een ruimtevraag en/of het bedrijf; stuur de versie mee (If-Match of version)',
      params: IdParamSchema, body: RuimtevraagWijziging, versie: 'body_of_if_match', gedaan: 'Gewijzigd', answer: RuimtevraagSchema })),
    async (c) => {
      const { id } = c.req.valid('param');
      const { version, ...wijziging } = c.req.valid('json');
      await service.wijzigRuimtevraag(c.var.db.pool, actorOf(c), id, baseVersion(c, version), wijziging);
      return c.json(await eenVraag(c, id), 200);
    },
  );

  app.openapi(
    apiRoute(REGIE, versionedDelete({ path: '/ruimtevragen/{id}', tags: ['Ruimtevragen'],
      summary: "Trek een ruimtevraag in (status 'ingetrokken'; het record blijft bestaan)",
      params: IdParamSchema, gedaan: 'Ingetrokken', answer: IngetrokkenSchema })),
    async (c) => {
      const { id } = c.req.valid('param');
      await service.trekIn(c.var.db.pool, actorOf(c), id, baseVersion(c));
      return c.json({ id, verwijderd: false, status: 'ingetrokken' as const }, 200);
    },
  );

  return app;
}
