// Toewijzingen of a compensatie's hectares to transformaties: everyone reads, the
// editors of the compensating gemeente allocate and withdraw (the service checks).
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { apiRoute, BEWERKERS, IEDEREEN } from '../http/access.ts';
import { answer, errors, IdParamSchema, jsonBody, versionedDelete } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion } from '../http/version.ts';
import { KeuzeSchema, OverzichtSchema, ToegewezenSchema, ToewijzingInSchema } from './schemas.ts';
import { keuzes, overzicht, trekIn, wijsToe } from './service.ts';

const ToewijzingParams = IdParamSchema.extend({
  toewijzing_id: z.coerce.number({ message: 'toewijzing_id moet een geheel getal zijn' }).int().positive().max(2_147_483_647)
    .openapi({ param: { name: 'toewijzing_id', in: 'path' } }),
});

export function toewijzingRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/compensaties/{id}/toewijzingen', tags: ['Compensatie'],
    summary: 'Toewijzingen van een compensatie aan transformaties, met toegewezen en beschikbare hectares',
    request: { params: IdParamSchema },
    responses: { 200: answer('Overzicht', OverzichtSchema), ...errors(400, 401, 404) },
  }), async (c) => c.json(await overzicht(c.var.db.pool, c.req.valid('param').id), 200));

  app.openapi(apiRoute(BEWERKERS, {
    method: 'get', path: '/compensaties/{id}/toewijzingen/keuzes', tags: ['Compensatie'],
    summary: 'De transformaties waaraan deze compensatie nog hectares kan toewijzen (niet vervallen, nog niet toegewezen), zonder geometrie',
    request: { params: IdParamSchema },
    responses: { 200: answer('Keuzes', z.array(KeuzeSchema)), ...errors(400, 401, 403, 404) },
  }), async (c) => c.json(await keuzes(c.var.db.pool, c.req.valid('param').id), 200));

  app.openapi(apiRoute(BEWERKERS, {
    method: 'post', path: '/compensaties/{id}/toewijzingen', tags: ['Compensatie'],
    summary: 'Wijs hectares van deze compensatie toe aan een transformatie (nooit meer dan de compensatie heeft)',
    request: { params: IdParamSchema, body: jsonBody(ToewijzingInSchema) },
    responses: { 201: answer('Toegewezen', ToegewezenSchema), ...errors(400, 401, 403, 404, 409, 422) },
  }), async (c) => c.json(await wijsToe(c.var.db.pool, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201));

  app.openapi(apiRoute(BEWERKERS, versionedDelete({
    path: '/compensaties/{id}/toewijzingen/{toewijzing_id}', tags: ['Compensatie'],
    summary: 'Trek een toewijzing in (stuur de versie mee: If-Match of ?version=)',
    params: ToewijzingParams, gedaan: 'Ingetrokken', answer: OverzichtSchema,
  })), async (c) => {
    const { id, toewijzing_id } = c.req.valid('param');
    return c.json(await trekIn(c.var.db.pool, actorOf(c), id, toewijzing_id, baseVersion(c)), 200);
  });

  return app;
}
