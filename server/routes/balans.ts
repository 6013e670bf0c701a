// GET /api/balans (the regional hectare balance at a peildatum) and
// POST /api/balans/preview (what saving a draft would change).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { computeBalans } from '../balans/service.ts';
import { previewBalans } from '../balans/preview.ts';
import { ErrorSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { readPool } from '../db/read-routing.ts';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** A date means the end of that day in the Netherlands; a timestamp means that moment. */
export function snapshotMoment(peildatum?: string): { tijdstip: string; peildatum: string } {
  if (!peildatum) return { tijdstip: 'infinity', peildatum: today() };
  if (/^\d{4}-\d{2}-\d{2}$/.test(peildatum)) return { tijdstip: `${peildatum} 23:59:59.999999 Europe/Amsterdam`, peildatum };
  const moment = new Date(peildatum);
  return { tijdstip: moment.toISOString(), peildatum: moment.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }) };
}

const PeildatumSchema = z.string()
  .refine((s) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));
  }, 'peildatum moet een datum (JJJJ-MM-DD) of een ISO-tijdstip met tijdzone zijn')
  .openapi({ param: { name: 'peildatum', in: 'query' }, example: '2025-06-30' });

const CijferSchema = z.object({ ha: z.number(), ids: z.record(z.string(), z.array(z.number())) }).openapi('Cijfer', {
  description: 'Hectares (PostGIS, RD New) met de ids van de records waar het getal uit komt, per tabel.',
});

const BalansSchema = z.object({
  peildatum: z.string(),
  tijdstip: z.string(),
  regio: z.object({
    netto_verloren: CijferSchema, compensatie_per_status: z.record(z.string(), CijferSchema), compensatie_totaal: CijferSchema,
    toegewezen: CijferSchema, saldo_ha: z.number(), aandeel_gecompenseerd: z.number().nullable(),
  }),
  per_gemeente: z.array(z.object({
    gemeente_id: z.number(), gemeente: z.string(), verloren: CijferSchema, vereist: CijferSchema,
    toegewezen_binnen: CijferSchema, toegewezen_elders: CijferSchema, restant_ha: z.number(),
  })),
  per_milieucategorie: z.array(z.object({ milieucategorie: z.string(), verloren: CijferSchema, gecompenseerd: CijferSchema })),
  plancapaciteit: z.object({ rijen: z.array(z.record(z.string(), z.unknown())), hard: CijferSchema, zacht: CijferSchema }),
  vraag_aanbod: z.record(z.string(), z.unknown()),
  signaleringen: z.array(z.object({ regel: z.string(), ernst: z.enum(['fout', 'waarschuwing']), tekst: z.string(), ids: z.record(z.string(), z.array(z.number())) })),
  bestuursovereenkomsten: z.array(z.record(z.string(), z.unknown())),
}).openapi('Balans');

export function balansRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get', path: '/balans', tags: ['Monitor'],
      summary: 'De regionale hectarebalans (PostGIS, RD New), zoals die gold op de peildatum (uit de audittrail)',
      request: { query: z.object({ peildatum: PeildatumSchema.optional() }) },
      responses: {
        200: { description: 'Balans', content: { 'application/json': { schema: BalansSchema } } },
        400: { description: 'Ongeldige peildatum', content: { 'application/json': { schema: ErrorSchema } } },
      },
    }),
    async (c) => {
      const { peildatum } = c.req.valid('query');
      const moment = snapshotMoment(peildatum);
      // Milieuruimte is judged against today's kavels, so only for the current balance.
      return c.json(await computeBalans(await readPool(c), { ...moment, milieuruimte: !peildatum || peildatum === today() }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/balans/preview', tags: ['Monitor'],
      summary: 'Wat opslaan van een ontwerp-transformatie of -compensatie met de balans doet (er wordt niets opgeslagen)',
      request: { body: { required: true, content: { 'application/json': { schema: z.object({
        laag: z.enum(['transformatie', 'compensatie']),
        id: z.number().int().positive().optional(),
        geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).passthrough(),
        properties: z.object({
          nieuwe_functie: z.enum(['wonen', 'gemengd', 'overig']).optional(),
          status: z.string().max(40).optional(),
          milieucategorie_max: z.string().max(4).nullable().optional(),
          gemeente_id: z.number().int().positive().optional(),
        }).strict().optional(),
      }).strict() } } } },
      responses: {
        200: { description: 'Verschil per gemeente en milieucategorie', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
        422: { description: 'Ongeldige geometrie', content: { 'application/json': { schema: ErrorSchema } } },
      },
    }),
    async (c) => c.json(await previewBalans(c.var.db.pool, c.req.valid('json'), today()), 200),
  );
  return app;
}
