// /api/vergaderingen: meetings of the stuurgroep and the werkgroep, their frozen
// snapshots, the map and content as frozen (or live), the comparison with the previous
// meeting and the voortgangsrapportage as a PDF. The regisseur and the beheerder
// prepare meetings; everyone reads them.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { apiRoute, IEDEREEN, REGIE } from '../http/access.ts';
import { ApiError } from '../http/errors.ts';
import { answer, IdParamSchema, json, jsonBody, plainErrors, versionedDelete, versionedChange } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion, metVersie } from '../http/version.ts';
import { readPool } from '../db/read-routing.ts';
import { IsoDate } from '../domain/dates.ts';
import { GREMIA } from '../domain/vergadering.ts';
import { printPdf, vereisChromium } from '../print/pdf.ts';
import { KaartSchema, LiveSchema, VergaderingDetailSchema, VergaderingSchema, VergelijkingSchema } from './schemas.ts';
import {
  bevries, lijstVergaderingen, live, maakVergadering, rapportBron, schrapVergadering, toonVergadering, vergaderKaart,
  vergelijkVergaderingen, wijzigVergadering,
} from './service.ts';


const Id = z.coerce.number({ message: 'een id is een geheel getal' }).int('een id is een geheel getal').positive().max(2_147_483_647);
const SnapshotQuery = z.object({
  snapshot: Id.optional().openapi({ param: { name: 'snapshot', in: 'query' }, description: 'Een eerdere momentopname van deze vergadering; standaard de laatste' }),
});

const velden = {
  datum: IsoDate,
  gremium: z.enum(GREMIA, { message: 'gremium is stuurgroep of werkgroep' }),
  titel: z.string({ message: 'titel is verplicht' }).trim().min(1, 'titel is verplicht').max(200, 'titel: ten hoogste 200 tekens'),
  peildatum: IsoDate.nullable().optional(),
  locatie: z.string().trim().max(200, 'locatie: ten hoogste 200 tekens').nullable().optional(),
};
const VergaderingIn = z.object(velden).strict();
const VergaderingPatch = z.object({
  version: z.number().int().positive().optional().openapi({ description: 'De versie die u wijzigt (of stuur If-Match)' }),
  datum: velden.datum.optional(), gremium: velden.gremium.optional(), titel: velden.titel.optional(),
  peildatum: velden.peildatum, locatie: velden.locatie,
}).strict();

/** This server's own address as the request reached it (the print page is rendered through it, not through a proxy). */
function eigenAdres(c: Context<AppEnv>): string {
  const socket = (c.env as { incoming?: { socket?: { localAddress?: string; localPort?: number } } } | undefined)?.incoming?.socket;
  if (!socket?.localAddress || !socket.localPort) {
    throw new ApiError(503, 'pdf_niet_via_http', 'De PDF kan alleen worden gemaakt als de app via HTTP draait.');
  }
  const host = socket.localAddress.replace(/^::ffff:/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${socket.localPort}`;
}

export function vergaderingRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const ctx = (c: { var: AppEnv['Variables'] }) => ({ pool: c.var.db.pool, actor: actorOf(c) });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/vergaderingen', tags: ['Vergaderingen'], summary: 'Vergaderingen van stuurgroep en werkgroep, de laatste eerst, met hun momentopnamen',
    responses: { 200: answer('Vergaderingen', z.array(VergaderingSchema)), ...plainErrors(401) },
  }), async (c) => c.json(await lijstVergaderingen(await readPool(c)), 200));

  app.openapi(apiRoute(REGIE, {
    method: 'post', path: '/vergaderingen', tags: ['Vergaderingen'], summary: 'Nieuwe vergadering (regisseur, beheerder)',
    request: { body: jsonBody(VergaderingIn) },
    responses: { 201: answer('Aangemaakt', VergaderingSchema), ...plainErrors(400, 401, 403, 422) },
  }), async (c) => c.json(await maakVergadering(ctx(c), c.req.valid('json')), 201));

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/vergaderingen/{id}', tags: ['Vergaderingen'],
    summary: 'Een vergadering met haar laatste (of de gevraagde) momentopname, precies zoals bevroren',
    request: { params: IdParamSchema, query: SnapshotQuery },
    responses: { 200: answer('Vergadering', VergaderingDetailSchema), ...plainErrors(400, 401, 404) },
  }), async (c) => c.json(await toonVergadering(await readPool(c), c.req.valid('param').id, c.req.valid('query').snapshot), 200));

  app.openapi(apiRoute(REGIE, versionedChange({
    method: 'patch', path: '/vergaderingen/{id}', tags: ['Vergaderingen'], summary: 'Wijzig datum, titel, gremium, peildatum of locatie (stuur de versie mee: If-Match of version)',
    params: IdParamSchema, body: VergaderingPatch, versie: 'body_of_if_match', gedaan: 'Gewijzigd', answer: VergaderingSchema,
  })), async (c) => c.json(await wijzigVergadering(ctx(c), c.req.valid('param').id, metVersie(c, c.req.valid('json'))), 200));

  app.openapi(apiRoute(REGIE, versionedDelete({
    path: '/vergaderingen/{id}', tags: ['Vergaderingen'],
    summary: 'Verwijder een vergadering zonder momentopname en zonder adviezen (stuur de versie mee)',
    params: IdParamSchema, gedaan: 'Verwijderd', answer: z.object({ id: z.number().int(), verwijderd: z.literal(true) }),
  })), async (c) => c.json(await schrapVergadering(ctx(c), c.req.valid('param').id, baseVersion(c)), 200));

  app.openapi(apiRoute(REGIE, {
    method: 'post', path: '/vergaderingen/{id}/snapshot', tags: ['Vergaderingen'],
    summary: 'Bevries de stand op de peildatum van de vergadering: balans, reeks, signaleringen, adviezen, ruimtevragen en de records erachter. Een momentopname verandert nooit; opnieuw bevriezen maakt een nieuwe.',
    request: { params: IdParamSchema, body: { required: false, ...json(z.object({ peildatum: IsoDate.optional() }).strict()) } },
    responses: { 201: answer('Bevroren', VergaderingDetailSchema), ...plainErrors(400, 401, 403, 404, 409, 422) },
  }), async (c) => {
    const body = c.req.header('content-length') === '0' ? {} : (c.req.valid('json') ?? {});
    return c.json(await bevries(ctx(c), c.req.valid('param').id, body.peildatum), 201);
  });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/vergaderingen/{id}/live', tags: ['Vergaderingen'],
    summary: 'De inhoud van de vergadering zoals die nu zou worden bevroren (niet opgeslagen): om live te presenteren of vooraf te controleren',
    request: { params: IdParamSchema, query: z.object({ peildatum: IsoDate.optional().openapi({ param: { name: 'peildatum', in: 'query' } }) }) },
    responses: { 200: answer('Live inhoud', LiveSchema), ...plainErrors(400, 401, 404, 422) },
  }), async (c) => c.json(await live(await readPool(c), c.req.valid('param').id, c.req.valid('query').peildatum), 200));

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/vergaderingen/{id}/kaart', tags: ['Vergaderingen'],
    summary: 'De kaartlagen van de momentopname (GeoJSON, WGS84): elk vlak zoals het was; met live=true de stand van nu',
    request: {
      params: IdParamSchema,
      query: SnapshotQuery.extend({ live: z.enum(['true', 'false'], { message: 'live is true of false' }).optional().openapi({ param: { name: 'live', in: 'query' } }) }),
    },
    responses: { 200: answer('Kaartlagen', KaartSchema), ...plainErrors(400, 401, 404) },
  }), async (c) => {
    const q = c.req.valid('query');
    return c.json(await vergaderKaart(await readPool(c), c.req.valid('param').id, { snapshotId: q.snapshot, live: q.live === 'true' }), 200);
  });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/vergaderingen/{id}/vergelijking', tags: ['Vergaderingen'],
    summary: 'Wat er veranderde sinds een eerdere vergadering (met; standaard de vorige van hetzelfde gremium): elke KPI, en de records toegevoegd, gewijzigd (met hectares voor en na) en verwijderd',
    request: { params: IdParamSchema, query: z.object({ met: Id.optional().openapi({ param: { name: 'met', in: 'query' }, description: 'Id van de eerdere vergadering' }) }) },
    responses: { 200: answer('Vergelijking', VergelijkingSchema), ...plainErrors(400, 401, 404, 422) },
  }), async (c) => c.json(await vergelijkVergaderingen(await readPool(c), c.req.valid('param').id, c.req.valid('query').met), 200));

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/vergaderingen/{id}/rapport.pdf', tags: ['Vergaderingen'],
    summary: 'De voortgangsrapportage als PDF (A4, kaartpagina’s A3 liggend), uit de laatste (of de gevraagde) momentopname',
    request: { params: IdParamSchema, query: SnapshotQuery },
    responses: {
      200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
      ...plainErrors(400, 401, 404, 422, 502, 503, 504),
    },
  }), async (c) => {
    const { id } = c.req.valid('param');
    vereisChromium();
    const s = await rapportBron(await readPool(c), id, c.req.valid('query').snapshot);
    const pdf = await printPdf({ basis: eigenAdres(c), pad: `/print/vergadering/${id}?snapshot=${s.id}`, cookies: getCookie(c) });
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="voortgangsrapportage-${s.peildatum}-v${id}-${s.volgnummer}.pdf"`,
      'cache-control': 'private, no-store',
    });
  });

  return app;
}
