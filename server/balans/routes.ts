// The hectare monitor's API: the balance on a peildatum (and as recorded at a moment),
// the yearly series, the map as it was, and the what-if preview of a draft.
// Everyone reads the balance; the editors preview their drafts (a werkgroep member
// only in its own gemeente: the preview checks).
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { actorOf, sessieInStatement } from '../auth/middleware.ts';
import { readPool } from '../db/read-routing.ts';
import { IsoDate, isRealDate } from '../domain/dates.ts';
import { apiRoute, BEWERKERS, IEDEREEN, IEDEREEN_IN_STATEMENT } from '../http/access.ts';
import { ApiError } from '../http/errors.ts';
import { answer, errors, jsonBody } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { kaartOp } from './kaart.ts';
import { momentVoor } from './moment.ts';
import { previewBalans } from './preview.ts';
import { computeReeks } from './reeks.ts';
import { BalansSchema, KaartSchema, PreviewRequestSchema, PreviewSchema, ReeksSchema } from './schemas.ts';
import { computeBalans } from './service.ts';

const Peildatum = IsoDate.openapi({ param: { name: 'peildatum', in: 'query' }, example: '2024-06-30', description: 'De situatie op deze datum (JJJJ-MM-DD); standaard vandaag' });

const Tijdstip = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'gebruik een ISO-tijdstip met tijdzone, zoals 2025-06-30T12:00:00Z')
  .refine((s) => isRealDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), 'dit tijdstip bestaat niet')
  .openapi({ param: { name: 'vastgelegd_op', in: 'query' }, example: '2025-06-30T12:00:00Z', description: 'Wat het systeem op dit moment had vastgelegd (audittrail)' });

const Jaar = (name: string) => z.string().regex(/^\d{4}$/, 'een jaartal als 2024')
  .transform(Number).refine((j) => j >= 1990 && j <= 2100, 'een jaartal tussen 1990 en 2100')
  .openapi({ param: { name, in: 'query' }, example: name === 'van' ? '2020' : '2040' });

export function balansRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    apiRoute(IEDEREEN_IN_STATEMENT, {
      method: 'get', path: '/balans', tags: ['Monitor'],
      summary: 'De regionale hectarebalans: de situatie op de peildatum (gedateerde historie), of zoals vastgelegd op een moment (audittrail)',
      request: { query: z.object({ peildatum: Peildatum.optional(), vastgelegd_op: Tijdstip.optional() }) },
      responses: {
        200: answer('Balans', BalansSchema),
        ...errors(400, 401, 422),
      },
    }),
    async (c) => {
      const { peildatum, vastgelegd_op } = c.req.valid('query');
      const db = await readPool(c);
      // The session is read with the figures; asked at a recorded moment, first (momentVoor reads).
      if (vastgelegd_op) await c.var.sessieInStatement?.apart();
      const sessie = vastgelegd_op ? undefined : await sessieInStatement(c, db);
      const balans = await computeBalans(db, await momentVoor(db, peildatum, vastgelegd_op), { prepare: true, sessie });
      // Echo the moment as asked.
      return c.json({ ...balans, vastgelegd_op: vastgelegd_op ?? null }, 200);
    },
  );

  app.openapi(
    apiRoute(IEDEREEN_IN_STATEMENT, {
      method: 'get', path: '/balans/reeks', tags: ['Monitor'],
      summary: 'Voortgang per jaar, zoals het stond op 31 december: netto verloren per fase, compensatie per status, toegewezen, restant en plancapaciteit per milieucategorie',
      request: { query: z.object({ van: Jaar('van'), tot: Jaar('tot') }) },
      responses: {
        200: answer('Reeks', ReeksSchema),
        ...errors(400, 401),
      },
    }),
    async (c) => {
      const { van, tot } = c.req.valid('query');
      if (tot < van) throw new ApiError(400, 'ongeldige_invoer', `Het jaar tot (${tot}) ligt vóór het jaar van (${van}).`);
      if (tot - van > 60) throw new ApiError(400, 'ongeldige_invoer', 'Een reeks beslaat ten hoogste 60 jaar.');
      const db = await readPool(c);
      return c.json(await computeReeks(db, van, tot, { sessie: await sessieInStatement(c, db), prepare: true }), 200);
    },
  );

  app.openapi(
    apiRoute(IEDEREEN, {
      method: 'get', path: '/balans/kaart', tags: ['Monitor'],
      summary: 'Kavels, transformaties en compensaties zoals ze lagen op de peildatum (GeoJSON, WGS84)',
      request: { query: z.object({ peildatum: Peildatum }) },
      responses: {
        200: answer('Kaartlagen op de peildatum', KaartSchema),
        ...errors(400, 401),
      },
    }),
    async (c) => c.json(await kaartOp(await readPool(c), c.req.valid('query').peildatum), 200),
  );

  app.openapi(
    apiRoute(BEWERKERS, {
      method: 'post', path: '/balans/preview', tags: ['Monitor'],
      summary: 'Wat opslaan van een ontwerp-transformatie of -compensatie met de balans doet (alleen lezen: er wordt niets opgeslagen of vergrendeld)',
      request: { body: jsonBody(PreviewRequestSchema) },
      responses: {
        200: answer('Verschil voor en na, regio, per gemeente en per milieucategorie', PreviewSchema),
        ...errors(400, 401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await previewBalans(c.var.db.pool, actorOf(c), c.req.valid('json')), 200),
  );
  return app;
}
