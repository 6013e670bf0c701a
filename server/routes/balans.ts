// The hectare monitor's API: the balance on a peildatum (and as recorded at a moment),
// the yearly series, the map as it was, and the what-if preview of a draft.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { computeBalans, type Moment } from '../balans/service.ts';
import { momentOp } from '../balans/moment.ts';
import { eersteVastlegging } from '../balans/queries.ts';
import { computeReeks } from '../balans/reeks.ts';
import { kaartOp } from '../balans/kaart.ts';
import { previewBalans } from '../balans/preview.ts';
import { IsoDate, isRealDate, today } from '../domain/dates.ts';
import { datumLang as datumNl } from '../domain/dates.ts';
import { ApiError } from '../http/errors.ts';
import { ErrorSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { readPool } from '../db/read-routing.ts';

const fout = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Fout', content: { 'application/json': { schema: ErrorSchema } } }]));

const Peildatum = IsoDate.openapi({ param: { name: 'peildatum', in: 'query' }, example: '2024-06-30', description: 'De situatie op deze datum (JJJJ-MM-DD); standaard vandaag' });

const Tijdstip = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'gebruik een ISO-tijdstip met tijdzone, zoals 2025-06-30T12:00:00Z')
  .refine((s) => isRealDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), 'dit tijdstip bestaat niet')
  .openapi({ param: { name: 'vastgelegd_op', in: 'query' }, example: '2025-06-30T12:00:00Z', description: 'Wat het systeem op dit moment had vastgelegd (audittrail)' });

const Jaar = (name: string) => z.string().regex(/^\d{4}$/, 'een jaartal als 2024')
  .transform(Number).refine((j) => j >= 1990 && j <= 2100, 'een jaartal tussen 1990 en 2100')
  .openapi({ param: { name, in: 'query' }, example: name === 'van' ? '2020' : '2040' });

const CijferSchema = z.object({ ha: z.number(), ids: z.record(z.string(), z.array(z.number())) }).openapi('Cijfer', {
  description: 'Hectares (PostGIS, RD New) met de ids van de records waar het getal uit komt, per tabel.',
});

const BalansSchema = z.object({
  peildatum: z.string(),
  vastgelegd_op: z.string().nullable(),
  bron: z.enum(['actueel', 'historie', 'vastgelegd']),
  historie: z.object({ eerste_geldig: z.string().nullable(), eerste_vastlegging: z.string().nullable() }),
  definities: z.record(z.string(), z.object({ label: z.string(), definitie: z.string() })),
  regio: z.object({
    netto_verloren: CijferSchema.extend({ per_fase: z.record(z.string(), CijferSchema) }),
    vereiste_compensatie: CijferSchema, toegewezen: CijferSchema, nog_toe_te_wijzen: CijferSchema, restant: CijferSchema,
    compensatie_zonder_toewijzing: CijferSchema, compensatie_totaal: CijferSchema, compensatie_per_status: z.record(z.string(), CijferSchema),
    toegewezen_telt_nog_niet: CijferSchema, overtoewijzing: CijferSchema, aandeel_gecompenseerd: z.number().nullable(),
  }),
  transformaties: z.array(z.record(z.string(), z.unknown())),
  per_gemeente: z.array(z.record(z.string(), z.unknown())),
  per_milieucategorie: z.array(z.object({ milieucategorie: z.string(), verloren: CijferSchema, compensatie: CijferSchema })),
  plancapaciteit: z.object({ rijen: z.array(z.record(z.string(), z.unknown())), hard: CijferSchema, zacht: CijferSchema }).passthrough(),
  vraag_aanbod: z.record(z.string(), z.unknown()),
  signaleringen: z.array(z.object({ regel: z.string(), ernst: z.enum(['fout', 'waarschuwing']), tekst: z.string(), ids: z.record(z.string(), z.array(z.number())) })),
  bestuursovereenkomsten: z.array(z.record(z.string(), z.unknown())),
}).openapi('Balans');

const FeatureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

export function balansRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get', path: '/balans', tags: ['Monitor'],
      summary: 'De regionale hectarebalans: de situatie op de peildatum (gedateerde historie), of zoals vastgelegd op een moment (audittrail)',
      request: { query: z.object({ peildatum: Peildatum.optional(), vastgelegd_op: Tijdstip.optional() }) },
      responses: {
        200: { description: 'Balans', content: { 'application/json': { schema: BalansSchema } } },
        ...fout(400, 422),
      },
    }),
    async (c) => {
      const { peildatum, vastgelegd_op } = c.req.valid('query');
      const db = await readPool(c);
      let moment: Moment;
      if (vastgelegd_op) {
        const eerste = await eersteVastlegging(db);
        const t = new Date(vastgelegd_op);
        if (!eerste || t < new Date(eerste)) {
          const datum = eerste ? datumNl(today(new Date(eerste))) : null;
          throw new ApiError(422, 'voor_eerste_vastlegging',
            datum ? `Op dat moment was nog niets vastgelegd: het eerste gegeven is van ${datum}.` : 'Er is nog niets vastgelegd.',
            { eerste_vastlegging: eerste });
        }
        if (t.getTime() > Date.now()) {
          throw new ApiError(422, 'vastgelegd_op_in_toekomst', 'Dit moment ligt in de toekomst; laat vastgelegd_op weg voor wat nu vastligt.');
        }
        moment = { soort: 'vastgelegd', peildatum: peildatum ?? today(t), tijdstip: t.toISOString() };
      } else {
        moment = momentOp(peildatum);
      }
      const balans = await computeBalans(db, moment);
      // Echo the moment as asked.
      return c.json({ ...balans, vastgelegd_op: vastgelegd_op ?? null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/balans/reeks', tags: ['Monitor'],
      summary: 'Voortgang per jaar, zoals het stond op 31 december: netto verloren per fase, compensatie per status, toegewezen, restant en plancapaciteit per milieucategorie',
      request: { query: z.object({ van: Jaar('van'), tot: Jaar('tot') }) },
      responses: {
        200: { description: 'Reeks', content: { 'application/json': { schema: z.object({ van: z.number(), tot: z.number(), jaren: z.array(z.record(z.string(), z.unknown())) }) } } },
        ...fout(400),
      },
    }),
    async (c) => {
      const { van, tot } = c.req.valid('query');
      if (tot < van) throw new ApiError(400, 'ongeldige_invoer', `Het jaar tot (${tot}) ligt vóór het jaar van (${van}).`);
      if (tot - van > 60) throw new ApiError(400, 'ongeldige_invoer', 'Een reeks beslaat ten hoogste 60 jaar.');
      return c.json(await computeReeks(await readPool(c), van, tot), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/balans/kaart', tags: ['Monitor'],
      summary: 'Kavels, transformaties en compensaties zoals ze lagen op de peildatum (GeoJSON, WGS84)',
      request: { query: z.object({ peildatum: Peildatum }) },
      responses: {
        200: { description: 'Kaartlagen op de peildatum', content: { 'application/json': { schema: z.object({
          peildatum: z.string(), kavels: FeatureCollection, transformaties: FeatureCollection, compensaties: FeatureCollection,
        }) } } },
        ...fout(400),
      },
    }),
    async (c) => c.json(await kaartOp(await readPool(c), c.req.valid('query').peildatum), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/balans/preview', tags: ['Monitor'],
      summary: 'Wat opslaan van een ontwerp-transformatie of -compensatie met de balans doet (alleen lezen: er wordt niets opgeslagen of vergrendeld)',
      request: { body: { required: true, content: { 'application/json': { schema: z.object({
        laag: z.enum(['transformatie', 'compensatie']),
        id: z.number().int().positive().max(2_147_483_646).optional(),
        geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).passthrough(),
        properties: z.object({
          nieuwe_functie: z.enum(['wonen', 'gemengd', 'overig']).optional(),
          status: z.enum(['idee', 'studie', 'ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd', 'vervallen',
            'gepland', 'geregeld', 'planologisch_mogelijk']).optional(),
          milieucategorie_max: z.string().regex(/^\d(\.\d)?$/).nullable().optional(),
          gemeente_id: z.number().int().positive().max(2_147_483_646).optional(),
        }).strict().optional(),
      }).strict() } } } },
      responses: {
        200: { description: 'Verschil voor en na, regio, per gemeente en per milieucategorie', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
        ...fout(400, 403, 404, 422),
      },
    }),
    async (c) => c.json(await previewBalans(c.var.db.pool, actorOf(c), c.req.valid('json')), 200),
  );
  return app;
}
