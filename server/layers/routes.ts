// GET /api/<layer> and /api/<layer>/<id> for every map layer, and GET /api/lagen/omvang
// (where given records lie): everyone signed in reads them.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { LAYER_PATHS, layers } from './definitions.ts';
import { extentOf, getFeature, listFeatures } from './queries.ts';
import { FEATURE_SCHEMAS, featureCollectionSchema, OmvangSchema } from './schemas.ts';
import { notFound } from '../http/errors.ts';
import { apiRoute, IEDEREEN } from '../http/access.ts';
import { answer, BBoxSchema, errors, IdListSchema, IdParamSchema, MAX_IDS } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { readPool } from '../db/read-routing.ts';

export function layerRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  // The map fits to the records behind a figure without downloading their shapes.
  const omvang = apiRoute(IEDEREEN, {
    method: 'get',
    path: '/lagen/omvang',
    tags: ['Kaartlagen'],
    summary: 'Het gebied (WGS84) rond records van de kaartlagen, per laag gegeven als lijst van ids',
    description: `Per laag hoogstens ${MAX_IDS} ids (een langere lijst in delen vragen en de gebieden samenvoegen); ` +
      'ids die niet bestaan tellen niet mee.',
    request: { query: z.object(Object.fromEntries(LAYER_PATHS.map((l) => [l, IdListSchema.optional().openapi({ param: { name: l, in: 'query' } })]))) },
    responses: {
      200: answer('Omvang', OmvangSchema),
      ...errors(400, 401),
    },
  });
  app.openapi(omvang, async (c) => {
    const ids = c.req.valid('query') as Partial<Record<(typeof LAYER_PATHS)[number], number[]>>;
    return c.json(await extentOf(await readPool(c), ids, layers), 200);
  });

  for (const layer of layers) {
    const list = apiRoute(IEDEREEN, {
      method: 'get',
      path: `/${layer.path}`,
      tags: ['Kaartlagen'],
      summary: `Alle ${layer.path} als GeoJSON (WGS84), met oppervlakte in ha uit PostGIS (RD New)`,
      description: 'Met `bbox` alleen wat dat gebied raakt (de editor snapt daaraan), met `ids` alleen die records ' +
        '(de monitor en matching tonen zo de vlakken achter een cijfer); de kaart zelf leest vectortegels (/tiles).',
      request: { query: z.object({ bbox: BBoxSchema.optional(), ids: IdListSchema.optional() }) },
      responses: {
        200: answer('FeatureCollection', featureCollectionSchema(layer.path)),
        ...errors(400, 401),
      },
    });
    app.openapi(list, async (c) => {
      const { bbox, ids } = c.req.valid('query');
      return c.json(await listFeatures(await readPool(c), layer, bbox, ids), 200);
    });

    const one = apiRoute(IEDEREEN, {
      method: 'get',
      path: `/${layer.path}/{id}`,
      tags: ['Kaartlagen'],
      summary: `Eén ${layer.label.toLowerCase()} als GeoJSON Feature`,
      request: { params: IdParamSchema },
      responses: {
        200: answer('Feature', FEATURE_SCHEMAS[layer.path]),
        ...errors(400, 401, 404),
      },
    });
    app.openapi(one, async (c) => {
      const { id } = c.req.valid('param');
      const feature = await getFeature(await readPool(c), layer, id, c.var.session?.account.rol);
      if (!feature) throw notFound(layer.label, id);
      return c.json(feature, 200);
    });
  }
  return app;
}
