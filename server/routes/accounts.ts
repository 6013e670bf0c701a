// Account management for the beheerder.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { createAccount, findAccountById, listAccounts } from '../auth/accounts.ts';
import { revokeAccountSessions } from '../auth/sessions.ts';
import { inTransaction } from '../db/database.ts';
import { actorOf } from '../auth/middleware.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { IdParamSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { ROLES } from '../domain/roles.ts';

const AccountSchema = z.object({
  id: z.number(), email: z.string(), naam: z.string(), rol: z.enum(ROLES),
  gemeente_id: z.number().nullable(), gemeente: z.string().nullable(), actief: z.boolean(),
}).openapi('Account');

export function accountRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({ method: 'get', path: '/accounts', tags: ['Beheer'], summary: 'Alle accounts',
      responses: { 200: { description: 'Accounts', content: { 'application/json': { schema: z.array(AccountSchema) } } } } }),
    async (c) => c.json(await listAccounts(c.var.db.pool), 200),
  );

  app.openapi(
    createRoute({ method: 'post', path: '/accounts', tags: ['Beheer'], summary: 'Nieuw account',
      request: { body: { required: true, content: { 'application/json': { schema: z.object({
        email: z.string().trim().toLowerCase().email('ongeldig e-mailadres'), naam: z.string().trim().min(1).max(200),
        rol: z.enum(ROLES), gemeente: z.string().nullable().optional(), wachtwoord: z.string().min(1).max(500),
      }).strict() } } } },
      responses: { 201: { description: 'Aangemaakt', content: { 'application/json': { schema: AccountSchema } } } } }),
    async (c) => {
      const actor = actorOf(c);
      const body = c.req.valid('json');
      const account = await inTransaction(c.var.db.pool, async (client) => {
        await client.query(`SELECT set_config('app.account_id', $1, true)`, [String(actor.id)]);
        return createAccount(client, body);
      });
      return c.json(account, 201);
    },
  );

  app.openapi(
    createRoute({ method: 'patch', path: '/accounts/{id}', tags: ['Beheer'], summary: 'Account (de)activeren of van rol wisselen',
      request: { params: IdParamSchema, body: { required: true, content: { 'application/json': { schema: z.object({
        actief: z.boolean().optional(), naam: z.string().trim().min(1).max(200).optional(),
      }).strict() } } } },
      responses: { 200: { description: 'Gewijzigd', content: { 'application/json': { schema: AccountSchema } } } } }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (id === actor.id && body.actief === false) throw new ApiError(422, 'eigen_account', 'U kunt uw eigen account niet deactiveren.');
      await inTransaction(c.var.db.pool, async (client) => {
        await client.query(`SELECT set_config('app.account_id', $1, true)`, [String(actor.id)]);
        const { rowCount } = await client.query(
          `UPDATE account SET actief = coalesce($2, actief), naam = coalesce($3, naam) WHERE id = $1`,
          [id, body.actief ?? null, body.naam ?? null],
        );
        if (!rowCount) throw notFound('Account', id);
        if (body.actief === false) await revokeAccountSessions(client, id);
      });
      return c.json((await findAccountById(c.var.db.pool, id))!, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/accounts/{id}/sessies', tags: ['Beheer'], summary: 'Trek alle sessies van een account in',
      request: { params: IdParamSchema },
      responses: { 200: { description: 'Ingetrokken', content: { 'application/json': { schema: z.object({ ingetrokken: z.number() }) } } } } }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await findAccountById(c.var.db.pool, id))) throw notFound('Account', id);
      return c.json({ ingetrokken: await revokeAccountSessions(c.var.db.pool, id) }, 200);
    },
  );
  return app;
}
