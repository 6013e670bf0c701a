// /api/toegangstokens: the signed-in user makes, lists and revokes their own
// read-only tokens for the OGC API. Every role may; each account sees only its own.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { answer, IdParamSchema, jsonBody, plainErrors } from '../http/schemas.ts';
import { apiRoute, IEDEREEN } from '../http/access.ts';
import { validationHook } from '../http/validation.ts';
import { createToken, listTokens, revokeToken } from './tokens.ts';


const TokenSchema = z.object({
  id: z.number().int(), naam: z.string(), voorvoegsel: z.string().openapi({ description: 'Begin van het token, om tokens uit elkaar te houden' }),
  aangemaakt_op: z.string(), verloopt_op: z.string(), laatst_gebruikt_op: z.string().nullable(), ingetrokken_op: z.string().nullable(),
}).openapi('Toegangstoken');

export function tokenRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/toegangstokens', tags: ['OGC API'], summary: 'Uw toegangstokens voor de OGC API (zonder het token zelf)',
    responses: { 200: answer('Tokens', z.array(TokenSchema)), ...plainErrors(401) },
  }), async (c) => c.json(await listTokens(c.var.db.pool, actorOf(c).id), 200));

  app.openapi(apiRoute(IEDEREEN, {
    method: 'post', path: '/toegangstokens', tags: ['OGC API'],
    summary: 'Maak een persoonlijk token voor alleen-lezen toegang tot /ogc (het token wordt één keer getoond)',
    request: { body: jsonBody(z.object({
      naam: z.string({ message: 'geef het token een naam' }).trim().min(1, 'geef het token een naam').max(100),
      geldig_dagen: z.number().int().min(1, 'minstens 1 dag').max(730, 'hoogstens 730 dagen').default(365),
    }).strict()) },
    responses: { 201: answer('Token', TokenSchema.extend({ token: z.string() })), ...plainErrors(400, 401, 422) },
  }), async (c) => {
    const { naam, geldig_dagen } = c.req.valid('json');
    return c.json(await createToken(c.var.db.pool, actorOf(c).id, naam, geldig_dagen), 201);
  });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'delete', path: '/toegangstokens/{id}', tags: ['OGC API'], summary: 'Trek een van uw tokens in',
    request: { params: IdParamSchema },
    responses: { 200: answer('Ingetrokken', TokenSchema), ...plainErrors(400, 401, 404) },
  }), async (c) => c.json(await revokeToken(c.var.db.pool, actorOf(c).id, c.req.valid('param').id), 200));

  return app;
}
