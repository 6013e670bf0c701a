// GET /api/export/lagen/{laag} and /api/export/monitor: files to download. Everyone
// may export; each role receives exactly the fields it may read in the map API.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { LAYER_PATHS, layers } from '../layers/definitions.ts';
import { apiRoute, IEDEREEN } from '../http/access.ts';
import { ApiError } from '../http/errors.ts';
import { BBoxSchema, plainErrors } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { readPool } from '../db/read-routing.ts';
import { momentOp } from '../balans/moment.ts';
import { IsoDate, today } from '../domain/dates.ts';
import { ExportGeoJsonSchema } from './schemas.ts';
import { exporteerLaag, exporteerMonitor, FORMATEN, MONITOR_TABELLEN, type Bestand } from './export-service.ts';


const Binair = z.string().openapi({ type: 'string', format: 'binary' });
const bestandContent = {
  'application/geopackage+sqlite3': { schema: Binair },
  'application/zip': { schema: Binair },
  'application/geo+json': { schema: ExportGeoJsonSchema },
  'text/csv': { schema: z.string() },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Binair },
};

const monitorContent = {
  'text/csv': bestandContent['text/csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': bestandContent['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
};

const Peildatum = IsoDate.optional().openapi({ param: { name: 'peildatum', in: 'query' }, description: 'De laag zoals die op die dag (einde dag) was, uit de audittrail', example: '2025-06-30' });

function download(bestand: Bestand) {
  const body = typeof bestand.inhoud === 'string' ? bestand.inhoud : new Uint8Array(bestand.inhoud);
  const ascii = bestand.naam.replace(/[^\w.-]+/g, '_');
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': bestand.type,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(bestand.naam)}`,
      'Cache-Control': 'no-store',
    },
  });
}

export function exportRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/export/lagen/{laag}', tags: ['Export'],
    summary: 'Exporteer een kaartlaag: GeoPackage of gezipte Shapefile (RD New), GeoJSON (WGS84), CSV of XLSX',
    request: {
      params: z.object({ laag: z.string().openapi({ param: { name: 'laag', in: 'path' }, example: 'kavels' }) }),
      query: z.object({
        formaat: z.enum(FORMATEN, { message: `formaat moet een van ${FORMATEN.join(', ')} zijn` }),
        gemeente_id: z.coerce.number().int().positive().optional(),
        status: z.string().max(40).optional(),
        bbox: BBoxSchema.optional(),
        peildatum: Peildatum,
      }),
    },
    responses: { 200: { description: 'Het bestand', content: bestandContent }, ...plainErrors(400, 401, 404) },
  }), async (c) => {
    const { laag } = c.req.valid('param');
    const { formaat, peildatum, ...filter } = c.req.valid('query');
    const layer = (LAYER_PATHS as readonly string[]).includes(laag) ? layers.find((l) => l.path === laag) : undefined;
    if (!layer) throw new ApiError(404, 'laag_onbekend', `Laag '${laag}' bestaat niet. Kies uit ${LAYER_PATHS.join(', ')}.`);
    const historisch = peildatum && peildatum !== today() ? peildatum : undefined;
    const stam = `schuifruimte071-${laag}-${peildatum ?? today()}`;
    return download(await exporteerLaag(await readPool(c), layer, actorOf(c).rol, { ...filter, peildatum: historisch }, formaat, stam)) as never;
  });

  app.openapi(apiRoute(IEDEREEN, {
    method: 'get', path: '/export/monitor', tags: ['Export'],
    summary: 'Exporteer de tabellen van de hectaremonitor: XLSX (alle tabellen) of CSV (één tabel)',
    request: {
      query: z.object({
        formaat: z.enum(['csv', 'xlsx'], { message: 'formaat moet csv of xlsx zijn' }),
        tabel: z.enum(MONITOR_TABELLEN).default('per_gemeente').openapi({ description: 'Welke tabel (alleen bij CSV)' }),
        peildatum: Peildatum,
      }),
    },
    responses: { 200: { description: 'Het bestand', content: monitorContent }, ...plainErrors(400, 401) },
  }), async (c) => {
    const { formaat, tabel, peildatum } = c.req.valid('query');
    return download(await exporteerMonitor(await readPool(c), momentOp(peildatum), formaat, tabel)) as never;
  });

  return app;
}
