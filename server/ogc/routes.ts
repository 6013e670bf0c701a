// OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0; Part 2: CRS by reference) at
// /ogc, read only, for QGIS and other GIS clients. QGIS cannot use the app's cookie
// and CSRF token, so every request carries a personal access token (Bearer, or as
// the password of HTTP basic auth); the account's role decides which collections it
// reads, exactly as for GET /api/<layer>; confidential attributes never go out here.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.ts';
import type { SessionAccount as Account } from '../auth/sessions.ts';
import { mayCall, type AccessTable } from '../http/access.ts';
import { ApiError, handleError } from '../http/errors.ts';
import { validationHook } from '../http/validation.ts';
import { LAYER_PATHS as READ_LAYERS, layers } from '../layers/definitions.ts';
import { accountOfToken } from './tokens.ts';
import { readPool } from '../db/read-routing.ts';
import { MultiVlakSchema } from '../exchange/schemas.ts';
import { CRS84, CRS_LIST, extent, item, items, RD, type OgcCrs } from './features.ts';

type OgcEnv = { Variables: { db: Database; account: Account; access: () => AccessTable } };

export const LIMIT_DEFAULT = 1000;
export const LIMIT_MAX = 10_000;
const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';
const GEOJSON = 'application/geo+json';
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];
const TITEL: Record<string, string> = {
  gemeenten: 'Gemeenten', terreinen: 'Bedrijventerreinen', kavels: 'Kavels', kanszones: 'Kanszones',
  transformaties: 'Transformaties', compensaties: 'Compensaties',
};

const LinkSchema = z.object({ href: z.string(), rel: z.string(), type: z.string().optional(), title: z.string().optional() });
const CollectionSchema = z.object({
  id: z.string(), title: z.string(), description: z.string(), links: z.array(LinkSchema),
  extent: z.object({ spatial: z.object({ bbox: z.array(z.array(z.number())), crs: z.string() }) }),
  itemType: z.literal('feature'), crs: z.array(z.string()), storageCrs: z.string(),
}).openapi('Collection');
const FeatureSchema = z.object({
  type: z.literal('Feature'), id: z.number().int(),
  geometry: MultiVlakSchema,
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  links: z.array(LinkSchema).optional(),
}).openapi('OgcFeature');
const FeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'), features: z.array(FeatureSchema), links: z.array(LinkSchema),
  numberMatched: z.number().int(), numberReturned: z.number().int(), timeStamp: z.string(),
}).openapi('OgcFeatureCollection');
const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, { description: 'Fout', content: { 'application/json': { schema: ErrorSchema } } }]));

const CollectionParam = z.object({ collectionId: z.enum(READ_LAYERS).openapi({ param: { name: 'collectionId', in: 'path' } }) });
const CrsParam = z.enum(CRS_LIST, { message: `crs moet ${CRS84} of ${RD} zijn` }).optional();

const ItemsQuery = z.object({
  limit: z.coerce.number({ message: 'limit moet een geheel getal zijn' }).int('limit moet een geheel getal zijn').min(1, 'limit moet minstens 1 zijn').optional()
    .openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce.number({ message: 'offset moet een geheel getal zijn' }).int().min(0).optional(),
  bbox: z.string().optional().openapi({ description: 'minx,miny,maxx,maxy in bbox-crs (standaard CRS84)' }),
  'bbox-crs': CrsParam,
  crs: CrsParam,
  f: z.string().optional(),
});

const BBOX_MESSAGE = 'bbox moet vier (of zes) getallen zijn: minx,miny,maxx,maxy, met min < max';
function parseBbox(s: string): [number, number, number, number] {
  const n = s.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
  const v = n.length === 6 ? [n[0], n[1], n[3], n[4]] : n;
  if (v.length !== 4 || !v.every(Number.isFinite) || v[0] > v[2] || v[1] > v[3]) throw new ApiError(400, 'ongeldige_invoer', BBOX_MESSAGE);
  return v as [number, number, number, number];
}

/** The /ogc URL as the client sees it (behind a proxy with TRUST_PROXY=1, the forwarded one). */
function base(c: Context) {
  const url = new URL(c.req.url);
  if (process.env.TRUST_PROXY === '1') {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto) url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return `${url.protocol}//${url.host}/ogc`;
}

const tokenAuth: MiddlewareHandler<OgcEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  let token: string | null = null;
  if (/^bearer\s/i.test(header)) token = header.slice(7).trim();
  else if (/^basic\s/i.test(header)) {
    // QGIS's authentication manager: any user name, the token as password.
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    token = i < 0 ? decoded : decoded.slice(i + 1) || decoded.slice(0, i);
  }
  const account = token ? await accountOfToken(c.var.db.pool, token) : null;
  if (!account) {
    c.header('WWW-Authenticate', 'Basic realm="Schuifruimte071 OGC API", charset="UTF-8"');
    throw token
      ? new ApiError(401, 'token_ongeldig', 'Dit toegangstoken is onbekend, verlopen of ingetrokken. Maak in Schuifruimte071 een nieuw token aan.')
      : new ApiError(401, 'token_ontbreekt', 'De OGC API vraagt een persoonlijk toegangstoken (Bearer of als wachtwoord bij HTTP basic). Maak er een aan in Schuifruimte071 onder Uitwisseling → QGIS-toegang.');
  }
  c.set('account', account);
  await next();
};

/**
 * A collection is readable by exactly the roles that may GET /api/<layer> (its declared access).
 */
function mayReadCollection(c: Context<OgcEnv>, collection: string): boolean {
  const route = (READ_LAYERS as readonly string[]).includes(collection) ? c.var.access().find('GET', `/api/${collection}`) : undefined;
  return !!route && mayCall(route.toegang, c.var.account.rol);
}

function layerFor(c: Context<OgcEnv>, id: string) {
  if (!mayReadCollection(c, id)) throw new ApiError(403, 'geen_toegang', 'Uw rol geeft geen toegang tot deze collectie.');
  return layers.find((l) => l.path === id)!;
}

async function collection(c: Context<OgcEnv>, id: string): Promise<z.infer<typeof CollectionSchema>> {
  const layer = layerFor(c, id);
  const b = base(c);
  return {
    id, title: TITEL[id] ?? id,
    description: `${TITEL[id] ?? id} in de Economie071-regio; oppervlakten in hectare uit PostGIS (RD New).`,
    links: [
      { href: `${b}/collections/${id}`, rel: 'self', type: 'application/json', title: TITEL[id] },
      { href: `${b}/collections/${id}/items`, rel: 'items', type: GEOJSON, title: `${TITEL[id]} (GeoJSON)` },
    ],
    extent: { spatial: { bbox: [await extent(await readPool(c), layer)], crs: CRS84 } },
    itemType: 'feature', crs: [...CRS_LIST], storageCrs: RD,
  };
}

const contentCrs = (crs: OgcCrs) => `<${crs}>`;

export function ogcRoutes(db: Database, access: () => AccessTable) {
  const app = new OpenAPIHono<OgcEnv>({ defaultHook: validationHook });
  app.onError(handleError);
  app.use('*', async (c, next) => {
    c.set('db', db);
    c.set('access', access);
    await next();
  });
  app.use('*', tokenAuth);

  app.openapi(createRoute({
    method: 'get', path: '/', tags: ['Capabilities'], summary: 'Landingspagina',
    responses: { 200: { description: 'Links naar de API-definitie, conformance en collecties', content: { 'application/json': { schema: z.object({
      title: z.string(), description: z.string(), links: z.array(LinkSchema),
    }) } } }, ...errors(401) },
  }), (c) => {
    const b = base(c);
    return c.json({
      title: 'Schuifruimte071 – OGC API Features',
      description: 'Bedrijventerreinen, kavels, kanszones, transformaties en compensaties van de Economie071-regio, alleen lezen. Opslag in RD New (EPSG:28992).',
      links: [
        { href: b, rel: 'self', type: 'application/json', title: 'Deze pagina' },
        { href: `${b}/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'OpenAPI-definitie' },
        { href: `${b}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance' },
        { href: `${b}/collections`, rel: 'data', type: 'application/json', title: 'Collecties' },
      ],
    }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/conformance', tags: ['Capabilities'], summary: 'Conformance-klassen',
    responses: { 200: { description: 'Conformance', content: { 'application/json': { schema: z.object({ conformsTo: z.array(z.string()) }) } } }, ...errors(401) },
  }), (c) => c.json({ conformsTo: CONFORMANCE }, 200));

  app.openapi(createRoute({
    method: 'get', path: '/collections', tags: ['Capabilities'], summary: 'De collecties die uw rol mag lezen',
    responses: { 200: { description: 'Collecties', content: { 'application/json': { schema: z.object({
      links: z.array(LinkSchema), collections: z.array(CollectionSchema), crs: z.array(z.string()),
    }) } } }, ...errors(401) },
  }), async (c) => {
    const ids = READ_LAYERS.filter((id) => mayReadCollection(c, id));
    const collections = [];
    for (const id of ids) collections.push(await collection(c, id));
    return c.json({ links: [{ href: `${base(c)}/collections`, rel: 'self', type: 'application/json' }], collections, crs: [...CRS_LIST] }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/collections/{collectionId}', tags: ['Capabilities'], summary: 'Eén collectie',
    request: { params: CollectionParam },
    responses: { 200: { description: 'Collectie', content: { 'application/json': { schema: CollectionSchema } } }, ...errors(400, 401, 403) },
  }), async (c) => c.json(await collection(c, c.req.valid('param').collectionId), 200));

  app.openapi(createRoute({
    method: 'get', path: '/collections/{collectionId}/items', tags: ['Data'], summary: 'Objecten van een collectie, per pagina',
    request: { params: CollectionParam, query: ItemsQuery },
    responses: { 200: { description: 'FeatureCollection', content: { [GEOJSON]: { schema: FeatureCollectionSchema } } }, ...errors(400, 401, 403) },
  }), async (c) => {
    const { collectionId } = c.req.valid('param');
    const q = c.req.valid('query');
    const layer = layerFor(c, collectionId);
    // A limit above the maximum is not an error (Part 1, 7.15.3): the maximum applies.
    const limit = Math.min(q.limit ?? LIMIT_DEFAULT, LIMIT_MAX);
    const offset = q.offset ?? 0;
    const crs = q.crs ?? CRS84;
    const bbox = q.bbox ? { coords: parseBbox(q.bbox), crs: q['bbox-crs'] ?? CRS84 } : undefined;
    const page = await items(await readPool(c), layer, { limit, offset, crs, bbox });
    const b = `${base(c)}/collections/${collectionId}/items`;
    const link = (o: number) => {
      const u = new URLSearchParams({ limit: String(limit), offset: String(o) });
      if (q.bbox) u.set('bbox', q.bbox);
      if (q['bbox-crs']) u.set('bbox-crs', q['bbox-crs']);
      if (q.crs) u.set('crs', q.crs);
      return `${b}?${u}`;
    };
    const links = [
      { href: link(offset), rel: 'self', type: GEOJSON, title: 'Deze pagina' },
      { href: `${base(c)}/collections/${collectionId}`, rel: 'collection', type: 'application/json', title: TITEL[collectionId] },
    ];
    if (offset + page.features.length < page.numberMatched) links.push({ href: link(offset + limit), rel: 'next', type: GEOJSON, title: 'Volgende pagina' });
    if (offset > 0) links.push({ href: link(Math.max(0, offset - limit)), rel: 'prev', type: GEOJSON, title: 'Vorige pagina' });
    c.header('Content-Crs', contentCrs(crs));
    c.header('Content-Type', GEOJSON);
    return c.json({
      type: 'FeatureCollection' as const, features: page.features as z.infer<typeof FeatureSchema>[], links,
      numberMatched: page.numberMatched, numberReturned: page.features.length, timeStamp: new Date().toISOString(),
    }, 200, { 'Content-Type': GEOJSON });
  });

  app.openapi(createRoute({
    method: 'get', path: '/collections/{collectionId}/items/{featureId}', tags: ['Data'], summary: 'Eén object',
    request: {
      params: CollectionParam.extend({ featureId: z.coerce.number({ message: 'featureId moet een geheel getal zijn' }).int().positive().max(2_147_483_647).openapi({ param: { name: 'featureId', in: 'path' } }) }),
      query: z.object({ crs: CrsParam, f: z.string().optional() }),
    },
    responses: { 200: { description: 'Feature', content: { [GEOJSON]: { schema: FeatureSchema } } }, ...errors(400, 401, 403, 404) },
  }), async (c) => {
    const { collectionId, featureId } = c.req.valid('param');
    const crs = c.req.valid('query').crs ?? CRS84;
    const layer = layerFor(c, collectionId);
    const f = await item(await readPool(c), layer, featureId, crs);
    if (!f) throw new ApiError(404, 'niet_gevonden', `Object ${featureId} bestaat niet in ${collectionId}.`);
    const b = `${base(c)}/collections/${collectionId}`;
    c.header('Content-Crs', contentCrs(crs));
    return c.json({
      ...(f as z.infer<typeof FeatureSchema>),
      links: [
        { href: `${b}/items/${featureId}`, rel: 'self', type: GEOJSON },
        { href: b, rel: 'collection', type: 'application/json' },
      ],
    }, 200, { 'Content-Type': GEOJSON });
  });

  app.get('/api', (c) => {
    const doc = app.getOpenAPIDocument({
      openapi: '3.0.3',
      info: { title: 'Schuifruimte071 – OGC API Features', version: '1.0.0', description: 'Alleen lezen; toegang met een persoonlijk token (Bearer of HTTP basic).' },
      servers: [{ url: base(c) }],
    }) as unknown as OpenApiDoc;
    return c.body(JSON.stringify(withLimitParameter(doc)), 200, { 'Content-Type': OPENAPI_TYPE });
  });

  app.all('*', () => {
    throw new ApiError(404, 'onbekende_route', 'Deze OGC API-route bestaat niet.');
  });
  return app;
}

type OpenApiDoc = {
  paths: Record<string, Record<string, { parameters?: ({ name?: string; in?: string } | { $ref: string })[] }>>;
  components?: { parameters?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  security?: Record<string, string[]>[];
};

/**
 * QGIS reads the page size from components.parameters.limit.schema (maximum, default),
 * so the limit parameter is a named component that the items path refers to.
 */
export function withLimitParameter(doc: OpenApiDoc): OpenApiDoc {
  const items = doc.paths['/collections/{collectionId}/items']?.get;
  if (items?.parameters) {
    items.parameters = items.parameters.map((p) => ('name' in p && p.name === 'limit' ? { $ref: '#/components/parameters/limit' } : p));
  }
  doc.components = {
    ...doc.components,
    parameters: {
      ...doc.components?.parameters,
      limit: {
        name: 'limit', in: 'query', required: false, style: 'form', explode: false,
        description: `Aantal objecten per pagina (standaard ${LIMIT_DEFAULT}, hoogstens ${LIMIT_MAX}).`,
        schema: { type: 'integer', minimum: 1, maximum: LIMIT_MAX, default: LIMIT_DEFAULT },
      },
    },
    securitySchemes: { token: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic' } },
  };
  doc.security = [{ token: [] }, { basic: [] }];
  return doc;
}
