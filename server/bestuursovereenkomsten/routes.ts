// The bestuursovereenkomsten API: everyone reads, the editors write (a werkgroep
// member only agreements of its own gemeente: the service checks).
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { apiRoute, BEWERKERS, IEDEREEN } from '../http/access.ts';
import { answer, errors, IdParamSchema, jsonBody, versionedDelete, versionedChange } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion } from '../http/version.ts';
import { BoDeletedSchema, BoSchema, CreateSchema, PatchSchema } from './schemas.ts';
import { createBo, deleteBestuursovereenkomst, getBo, listBos, updateBestuursovereenkomst } from './service.ts';

export function bestuursovereenkomstRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/bestuursovereenkomsten', tags: ['Bestuursovereenkomst'],
    summary: 'Alle bestuursovereenkomsten met partijen, kostenposten en de bijdrage van de transformerende gemeente',
    responses: { 200: answer('Lijst', BoSchema.array()), ...errors(401) },
  }), async (c) => c.json(await listBos(c.var.db.pool), 200));

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/bestuursovereenkomsten/{id}', tags: ['Bestuursovereenkomst'],
    summary: 'Eén bestuursovereenkomst', request: { params: IdParamSchema },
    responses: { 200: answer('Bestuursovereenkomst', BoSchema), ...errors(400, 401, 404) },
  }), async (c) => c.json(await getBo(c.var.db.pool, c.req.valid('param').id), 200));

  app.openapi(apiRoute(BEWERKERS, {
    method: 'post', path: '/bestuursovereenkomsten', tags: ['Bestuursovereenkomst'],
    summary: 'Nieuwe bestuursovereenkomst (minstens twee gemeenten: een transformerende en een compenserende)',
    request: { body: jsonBody(CreateSchema) },
    responses: { 201: answer('Aangemaakt', BoSchema), ...errors(400, 401, 403, 422) },
  }), async (c) => c.json(await createBo(c.var.db.pool, actorOf(c), c.req.valid('json')), 201));

  app.openapi(apiRoute(BEWERKERS, versionedChange({
    method: 'patch', path: '/bestuursovereenkomsten/{id}', tags: ['Bestuursovereenkomst'],
    summary: 'Wijzig een bestuursovereenkomst; partijen en kostenposten vervangen de hele lijst als ze zijn meegestuurd',
    params: IdParamSchema, body: PatchSchema, versie: 'body_of_if_match', gedaan: 'Gewijzigd', answer: BoSchema,
  })), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await updateBestuursovereenkomst(c.var.db.pool, actorOf(c), id, baseVersion(c, body.version), body), 200);
  });

  app.openapi(apiRoute(BEWERKERS, versionedDelete({
    path: '/bestuursovereenkomsten/{id}', tags: ['Bestuursovereenkomst'],
    summary: 'Verwijder een bestuursovereenkomst (niet als er toewijzingen naar verwijzen); stuur de versie mee',
    params: IdParamSchema, gedaan: 'Verwijderd', answer: BoDeletedSchema,
  })), async (c) => {
    const { id } = c.req.valid('param');
    await deleteBestuursovereenkomst(c.var.db.pool, actorOf(c), id, baseVersion(c));
    return c.json({ id, verwijderd: true }, 200);
  });

  return app;
}
