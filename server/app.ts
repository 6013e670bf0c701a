// The Hono application: API under /api, the offline basemap under /basemap,
// and the built web app for everything else.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database } from './db/database.ts';
import { ApiError, errorBody, handleError } from './http/errors.ts';
import { securityHeaders } from './http/security-headers.ts';
import { systemRoutes } from './system/routes.ts';
import { layerRoutes } from './layers/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { accountRoutes } from './accounts/routes.ts';
import { ruimtevraagRoutes } from './ruimtevragen/routes.ts';
import { matchingRoutes } from './matching/routes.ts';
import { editorRoutes } from './editor/routes.ts';
import { toewijzingRoutes } from './toewijzingen/routes.ts';
import { bestuursovereenkomstRoutes } from './bestuursovereenkomsten/routes.ts';
import { authorise } from './auth/middleware.ts';
import { balansRoutes } from './balans/routes.ts';
import type { SessieInStatement, Session } from './auth/sessions.ts';
import { authConfigFromEnv, type AuthConfig } from './auth/config.ts';
import { accessTableOf, IEDEREEN, type AccessTable } from './http/access.ts';
import { importRoutes, IMPORT_UPLOAD_PATH } from './exchange/import-routes.ts';
import { exportRoutes } from './exchange/export-routes.ts';
import { tokenRoutes } from './ogc/token-routes.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { vergaderingRoutes } from './vergaderingen/routes.ts';
import { adviesRoutes } from './adviezen/routes.ts';
import { rememberWrites } from './db/read-routing.ts';
import { compress } from './http/compression.ts';
import { CACHE_BASEMAP, CACHE_IMMUTABLE, CACHE_REVALIDATE, staticFiles } from './http/static-files.ts';
import { tileRoutes } from './tiles/routes.ts';
import { glyphRoute } from './tiles/glyphs.ts';

export type AppEnv = {
  Variables: { db: Database; session: Session | null; access: AccessTable; auth: AuthConfig; sessieInStatement?: SessieInStatement };
};

export interface AppOptions {
  db: Database;
  /** Directory with the built web app (vite build output). */
  webDir?: string;
  basemapStyleUrl?: string;
  /** Bytes of vector tiles kept in memory (default 64 MB; 0 measures the database, scripts/bench.ts). */
  tileCacheBytes?: number;
  /** How people sign in (password, identity providers, mail); from the environment by default. */
  auth?: AuthConfig;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const geodataDir = path.join(repoRoot, 'geodata');
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Schuifruimte071 API',
    version: '0.1.0',
    description: 'Bedrijventerreinen, kavels, transformaties en compensaties in de Economie071-regio. ' +
      'Geometrie in WGS84; oppervlakten in hectare, berekend door PostGIS in RD New (EPSG:28992).',
  },
};

/** The API's OpenAPI document, built from the route declarations (no database needed). */
/** Routes made outside the OpenAPI registry, with their access: the document itself, for every signed-in role. */
export const UNREGISTERED_ROUTES = { 'GET /api/openapi.json': IEDEREEN } as const;

export function openApiDocument() {
  const app = createApp({ db: undefined as unknown as Database, webDir: path.join(repoRoot, 'web') });
  return app.getOpenAPI31Document(OPENAPI_INFO);
}

export function createApp(options: AppOptions) {
  const app = new OpenAPIHono<AppEnv>();
  const webDir = options.webDir ?? path.join(repoRoot, 'dist/web');
  const auth = options.auth ?? authConfigFromEnv();

  app.onError(handleError);
  app.use('*', securityHeaders(options.basemapStyleUrl));
  // Every answer compressed (brotli or gzip), except range answers and what is precompressed.
  app.use('*', compress);
  app.use('/api/*', async (c, next) => {
    c.set('db', options.db);
    c.set('auth', auth);
    await next();
  });
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('te_groot', 'Het verzoek is groter dan 2 MB.'), 413),
  });
  // The import upload streams to disk with its own 100 MB limit (server/exchange/upload.ts).
  // A GET or HEAD has no body; asking for it would build the full web Request (a quarter millisecond).
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' || (c.req.method === 'POST' && c.req.path === IMPORT_UPLOAD_PATH)
    ? next() : limit(c, next)));
  // Complete once every route below is registered (end of this function).
  let access: AccessTable | undefined;
  app.use('/api/*', authorise(() => access!));
  // With a read replica: after a write, this client's reads wait for the replica to catch up.
  app.use('/api/*', rememberWrites);

  app.route('/api', systemRoutes({ basemapStyleUrl: options.basemapStyleUrl ?? '/basemap/style.json' }));
  app.route('/api', authRoutes());
  app.route('/api', accountRoutes());
  app.route('/api', layerRoutes());
  app.route('/api', ruimtevraagRoutes());
  app.route('/api', matchingRoutes());
  app.route('/api', editorRoutes());
  app.route('/api', toewijzingRoutes());
  app.route('/api', bestuursovereenkomstRoutes());
  app.route('/api', balansRoutes());
  app.route('/api', importRoutes());
  app.route('/api', exportRoutes());
  app.route('/api', tokenRoutes());
  app.route('/api', vergaderingRoutes());
  app.route('/api', adviesRoutes());
  app.doc31('/api/openapi.json', OPENAPI_INFO);
  access = accessTableOf(app, UNREGISTERED_ROUTES);
  app.all('/api/*', () => {
    throw new ApiError(404, 'onbekende_route', 'Deze API-route bestaat niet.');
  });

  // OGC API – Features for QGIS and other GIS clients, with personal access tokens.
  app.route('/ogc', ogcRoutes(options.db, () => access!));

  // Vector tiles of the map layers, with the session and access of GET /api/<layer>.
  app.route('/tiles', tileRoutes(options.db, () => access!, { cacheBytes: options.tileCacheBytes }));
  // The label fonts (signed-distance-field glyphs), offline like the basemap.
  app.get('/glyphs/:fontstack/:range', glyphRoute(path.join(geodataDir, 'glyphs')));

  // Offline basemap: style, PMTiles (served with HTTP Range support) and the sea polygon.
  const basemap = (file: string) =>
    staticFiles({ path: path.relative(process.cwd(), path.join(geodataDir, file)), cacheControl: () => CACHE_BASEMAP });
  app.get('/basemap/style.json', basemap('basemap_style_minimal.json'));
  app.get('/basemap/sea.geojson', basemap('sea_approx_bbox.geojson'));
  app.get('/basemap/basemap_leiden_osm_2021.pmtiles', basemap('basemap_leiden_osm_2021.pmtiles'));

  // The web app: hashed assets for good, index.html (also for the app's own paths) always fresh.
  const webRoot = path.relative(process.cwd(), webDir) || '.';
  app.use('/*', staticFiles({ root: webRoot, cacheControl: (p) => (p.startsWith('/assets/') ? CACHE_IMMUTABLE : CACHE_REVALIDATE) }));
  app.get('*', staticFiles({ path: path.join(webRoot, 'index.html'), cacheControl: () => CACHE_REVALIDATE }));
  return app;
}
