// Toewijzing: a compensatie gives hectares to a transformatie (n:m). A compensatie
// never gives out more than it has: checked in the write transaction with the
// compensatie row locked, so concurrent requests cannot over-allocate together.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { ErrorSchema, IdParamSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { assertMayEdit, withAudit, type Client } from '../layers/writes.ts';
import { assertBoPast } from '../layers/editor-checks.ts';
import { baseVersion } from '../http/version.ts';
import { haNl } from '../domain/nl-tekst.ts';
import { IsoDate } from '../domain/dates.ts';
import { zetIngangsdatum } from '../balans/historie.ts';

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Fout', content: { 'application/json': { schema: ErrorSchema } } }]));
const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });

/** Hectare comparisons allow for floating point (1e-9 ha = 0,1 mm²). */
const EPS_HA = 1e-9;

const ToewijzingSchema = z.object({
  id: z.number(), compensatie_id: z.number(), transformatie_id: z.number(), transformatie_naam: z.string(),
  hectares: z.number(), bestuursovereenkomst_id: z.number().nullable(), version: z.number(),
}).openapi('Toewijzing');

const OverzichtSchema = z.object({
  compensatie_id: z.number(), status: z.string(), oppervlakte_ha: z.number(), toegewezen_ha: z.number(), beschikbaar_ha: z.number(),
  toewijzingen: z.array(ToewijzingSchema),
}).openapi('ToewijzingenOverzicht');

type Queryable = Pick<Client, 'query'>;

async function overzicht(db: Queryable, compensatieId: number) {
  const c = await db.query<{ id: number; status: string; oppervlakte_ha: number }>(
    `SELECT id, status, oppervlakte_ha FROM compensatie WHERE id = $1`, [compensatieId],
  );
  if (!c.rows[0]) throw new ApiError(404, 'niet_gevonden', `Compensatie met id ${compensatieId} bestaat niet.`);
  const { rows } = await db.query(
    `SELECT ct.id, ct.compensatie_id, ct.transformatie_id, t.naam AS transformatie_naam, ct.hectares,
            ct.bestuursovereenkomst_id, ct.version
     FROM compensatie_toewijzing ct JOIN transformatie t ON t.id = ct.transformatie_id
     WHERE ct.compensatie_id = $1 ORDER BY ct.id`,
    [compensatieId],
  );
  const toegewezen = rows.reduce((s, r) => s + (r.hectares as number), 0);
  return {
    compensatie_id: compensatieId, status: c.rows[0].status, oppervlakte_ha: c.rows[0].oppervlakte_ha,
    toegewezen_ha: toegewezen, beschikbaar_ha: Math.max(0, c.rows[0].oppervlakte_ha - toegewezen), toewijzingen: rows,
  };
}

/** Locks the compensatie row (serialises every allocation from it) and checks the actor's scope. */
async function lockCompensatie(client: Client, c: Context<AppEnv>, id: number) {
  const { rows } = await client.query<{ id: number; gemeente_id: number; status: string; oppervlakte_ha: number }>(
    `SELECT id, gemeente_id, status, oppervlakte_ha FROM compensatie WHERE id = $1 FOR UPDATE`, [id],
  );
  if (!rows[0]) throw new ApiError(404, 'niet_gevonden', `Compensatie met id ${id} bestaat niet.`);
  // The compensating gemeente decides over its hectares.
  assertMayEdit(actorOf(c), rows[0].gemeente_id);
  return rows[0];
}

export function toewijzingRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const ctx = (c: Context<AppEnv>) => ({ pool: c.var.db.pool, actor: actorOf(c) });

  app.openapi(
    createRoute({
      method: 'get', path: '/compensaties/{id}/toewijzingen', tags: ['Compensatie'],
      summary: 'Toewijzingen van een compensatie aan transformaties, met toegewezen en beschikbare hectares',
      request: { params: IdParamSchema },
      responses: { 200: { description: 'Overzicht', ...json(OverzichtSchema) }, ...errors(401, 404) },
    }),
    async (c) => c.json(await overzicht(c.var.db.pool, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/compensaties/{id}/toewijzingen', tags: ['Compensatie'],
      summary: 'Wijs hectares van deze compensatie toe aan een transformatie (nooit meer dan de compensatie heeft)',
      request: {
        params: IdParamSchema,
        body: { required: true, ...json(z.object({
          transformatie_id: z.number().int().positive(),
          hectares: z.number().positive('hectares moet groter dan 0 zijn').max(100_000),
          bestuursovereenkomst_id: z.number().int().positive().nullable().optional(),
          ingangsdatum: IsoDate.optional().openapi({ description: 'Datum waarop de toewijzing geldt (standaard vandaag)' }),
        }).strict()) },
      },
      responses: {
        201: { description: 'Toegewezen', ...json(OverzichtSchema.extend({ toewijzing: ToewijzingSchema })) },
        ...errors(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const result = await withAudit(ctx(c), null, async (client) => {
        await zetIngangsdatum(client, { ingangsdatum: body.ingangsdatum });
        const comp = await lockCompensatie(client, c, id);
        if (comp.status === 'vervallen') {
          throw new ApiError(422, 'compensatie_vervallen', `Compensatie ${id} is vervallen en kan geen hectares meer toewijzen.`, { reden: 'compensatie_vervallen' });
        }
        const t = await client.query<{ status: string; gemeente_id: number }>(`SELECT status, gemeente_id FROM transformatie WHERE id = $1`, [body.transformatie_id]);
        if (!t.rows[0]) throw new ApiError(422, 'transformatie_onbekend', `Transformatie ${body.transformatie_id} bestaat niet.`, { reden: 'transformatie_onbekend' });
        if (t.rows[0].status === 'vervallen') {
          throw new ApiError(422, 'transformatie_vervallen', `Transformatie ${body.transformatie_id} is vervallen; daar hoeft niets voor gecompenseerd te worden.`, { reden: 'transformatie_vervallen' });
        }
        if (body.bestuursovereenkomst_id != null) {
          await assertBoPast(client, body.bestuursovereenkomst_id, t.rows[0].gemeente_id, comp.gemeente_id);
        }
        const sum = await client.query<{ ha: number }>(
          `SELECT coalesce(sum(hectares), 0) AS ha FROM compensatie_toewijzing WHERE compensatie_id = $1`, [id],
        );
        const beschikbaar = comp.oppervlakte_ha - sum.rows[0].ha;
        if (body.hectares > beschikbaar + EPS_HA) {
          throw new ApiError(422, 'onvoldoende_hectares',
            `Compensatie ${id} heeft nog ${haNl(Math.max(0, beschikbaar))} beschikbaar; ${haNl(body.hectares)} toewijzen kan niet.`,
            { reden: 'onvoldoende_hectares', beschikbaar_ha: Math.max(0, beschikbaar), gevraagd_ha: body.hectares, oppervlakte_ha: comp.oppervlakte_ha });
        }
        const { rows } = await client.query<{ id: number }>(
          `INSERT INTO compensatie_toewijzing (compensatie_id, transformatie_id, hectares, bestuursovereenkomst_id)
           VALUES ($1, $2, $3::double precision, $4::integer) RETURNING id`,
          [id, body.transformatie_id, body.hectares, body.bestuursovereenkomst_id ?? null],
        );
        const o = await overzicht(client, id);
        return { ...o, toewijzing: o.toewijzingen.find((r) => r.id === rows[0].id)! };
      });
      return c.json(result, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/compensaties/{id}/toewijzingen/{toewijzing_id}', tags: ['Compensatie'],
      summary: 'Trek een toewijzing in (stuur de versie mee: If-Match of ?version=)',
      request: {
        params: IdParamSchema.extend({ toewijzing_id: z.coerce.number({ message: 'toewijzing_id moet een geheel getal zijn' }).int().positive().max(2_147_483_647) }),
        query: z.object({ version: z.string().optional() }),
      },
      responses: { 200: { description: 'Ingetrokken', ...json(OverzichtSchema) }, ...errors(400, 401, 403, 404, 409, 428) },
    }),
    async (c) => {
      const { id, toewijzing_id } = c.req.valid('param');
      const version = baseVersion(c);
      const result = await withAudit(ctx(c), null, async (client) => {
        await lockCompensatie(client, c, id);
        const { rows } = await client.query<{ version: number }>(
          `SELECT version FROM compensatie_toewijzing WHERE id = $1 AND compensatie_id = $2 FOR UPDATE`, [toewijzing_id, id],
        );
        if (!rows[0]) throw new ApiError(404, 'niet_gevonden', `Toewijzing met id ${toewijzing_id} bestaat niet bij compensatie ${id}.`);
        if (rows[0].version !== version) {
          throw new ApiError(409, 'versieconflict', 'Deze toewijzing is intussen gewijzigd. Laad de nieuwste versie en probeer het opnieuw.', { huidige_versie: rows[0].version });
        }
        await client.query(`DELETE FROM compensatie_toewijzing WHERE id = $1`, [toewijzing_id]);
        return overzicht(client, id);
      });
      return c.json(result, 200);
    },
  );

  return app;
}
