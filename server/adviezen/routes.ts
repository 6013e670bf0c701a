// /api/adviezen: the regisseur's signaleringen and adviezen, the records they concern,
// the meeting they go to and the stuurgroep's decision. Regisseur and beheerder write;
// everyone reads (werkgroep and stuurgroep included).
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { apiRoute, IEDEREEN, REGIE } from '../http/access.ts';
import { answer, IdParamSchema, jsonBody, plainErrors, versionedDelete, versionedChange } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion, metVersie } from '../http/version.ts';
import { IsoDate } from '../domain/dates.ts';
import { ADVIES_SOORTEN, ADVIES_TABELLEN, ADVIES_TYPES, BESLUITEN } from '../domain/advies.ts';
import { AdviesSchema } from './schemas.ts';
import { legBesluitVast, lijstAdviezen, maakAdvies, schrapAdvies, toonAdvies, wijzigAdvies } from './service.ts';


const Id = z.number().int().positive().max(2_147_483_647);
const ObjectIn = z.object({ tabel: z.enum(ADVIES_TABELLEN), id: Id }).strict();

const velden = {
  soort: z.enum(ADVIES_SOORTEN, { message: 'soort is signalering of advies' }),
  type: z.enum(ADVIES_TYPES, { message: `type is een van: ${ADVIES_TYPES.join(', ')}` }),
  gevraagd: z.boolean({ message: 'gevraagd is ja (true) of nee (false)' }),
  titel: z.string({ message: 'titel is verplicht' }).trim().min(1, 'titel is verplicht').max(200, 'titel: ten hoogste 200 tekens'),
  tekst: z.string({ message: 'tekst is verplicht' }).trim().min(1, 'tekst is verplicht').max(10_000, 'tekst: ten hoogste 10.000 tekens'),
  vergadering_id: Id.nullable().optional(),
  escalatie: z.string().trim().max(4000, 'escalatie: ten hoogste 4.000 tekens').nullable().optional(),
  objecten: z.array(ObjectIn).max(200, 'ten hoogste 200 vlakken').optional(),
};

const AdviesIn = z.object(velden).strict();
const AdviesPatch = z.object({
  version: z.number().int().positive().optional().openapi({ description: 'De versie die u wijzigt (of stuur If-Match)' }),
  soort: velden.soort.optional(), type: velden.type.optional(), gevraagd: velden.gevraagd.optional(),
  titel: velden.titel.optional(), tekst: velden.tekst.optional(),
  vergadering_id: velden.vergadering_id, escalatie: velden.escalatie, objecten: velden.objecten,
}).strict();
const BesluitIn = z.object({
  version: z.number().int().positive().optional().openapi({ description: 'De versie die u wijzigt (of stuur If-Match)' }),
  besluit: z.enum(BESLUITEN, { message: 'besluit is opgevolgd, niet_opgevolgd of deels' }),
  toelichting: z.string().trim().max(10_000).nullable().optional().openapi({ description: 'De beweegredenen (verplicht bij niet opgevolgd en deels)' }),
  datum: IsoDate.optional().openapi({ description: 'Datum van het besluit; standaard de datum van de vergadering' }),
  escalatie: z.string().trim().max(4000).nullable().optional(),
}).strict();

export function adviesRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const ctx = (c: { var: AppEnv['Variables'] }) => ({ pool: c.var.db.pool, actor: actorOf(c) });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/adviezen', tags: ['Adviezen'], summary: 'Signaleringen en adviezen van de regisseur, met het besluit van de stuurgroep',
    request: { query: z.object({ vergadering_id: z.coerce.number({ message: 'vergadering_id moet een geheel getal zijn' }).int().positive().max(2_147_483_647).optional() }) },
    responses: { 200: answer('Adviezen', z.array(AdviesSchema)), ...plainErrors(400, 401) },
  }), async (c) => c.json(await lijstAdviezen(c.var.db.pool, c.req.valid('query').vergadering_id), 200));

  app.openapi(apiRoute(REGIE, {
    method: 'post', path: '/adviezen', tags: ['Adviezen'], summary: 'Leg een signalering of advies vast (regisseur, beheerder)',
    request: { body: jsonBody(AdviesIn) },
    responses: { 201: answer('Vastgelegd', AdviesSchema), ...plainErrors(400, 401, 403, 422) },
  }), async (c) => c.json(await maakAdvies(ctx(c), c.req.valid('json')), 201));

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/adviezen/{id}', tags: ['Adviezen'], summary: 'Eén advies',
    request: { params: IdParamSchema },
    responses: { 200: answer('Advies', AdviesSchema), ...plainErrors(400, 401, 404) },
  }), async (c) => c.json(await toonAdvies(c.var.db.pool, c.req.valid('param').id), 200));

  app.openapi(apiRoute(REGIE, versionedChange({
    method: 'patch', path: '/adviezen/{id}', tags: ['Adviezen'],
    summary: 'Wijzig een advies (stuur de versie mee: If-Match of version); na een besluit alleen de escalatie',
    params: IdParamSchema, body: AdviesPatch, versie: 'body_of_if_match', gedaan: 'Gewijzigd', answer: AdviesSchema,
  })), async (c) => c.json(await wijzigAdvies(ctx(c), c.req.valid('param').id, metVersie(c, c.req.valid('json'))), 200));

  app.openapi(apiRoute(REGIE, versionedChange({
    method: 'put', path: '/adviezen/{id}/besluit', tags: ['Adviezen'],
    summary: 'Leg het besluit van de stuurgroep vast: opgevolgd, niet opgevolgd of deels, met de beweegredenen en een eventuele escalatie',
    params: IdParamSchema, body: BesluitIn, versie: 'body_of_if_match', gedaan: 'Besluit vastgelegd', answer: AdviesSchema,
  })), async (c) => c.json(await legBesluitVast(ctx(c), c.req.valid('param').id, metVersie(c, c.req.valid('json'))), 200));

  app.openapi(apiRoute(REGIE, versionedDelete({
    path: '/adviezen/{id}', tags: ['Adviezen'], summary: 'Verwijder een advies waarover nog niet is besloten (stuur de versie mee)',
    params: IdParamSchema, gedaan: 'Verwijderd', answer: z.object({ id: z.number().int(), verwijderd: z.literal(true) }),
  })), async (c) => c.json(await schrapAdvies(ctx(c), c.req.valid('param').id, baseVersion(c)), 200));

  return app;
}
