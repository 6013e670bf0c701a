// The Hono application: API under /api, the offline basemap under /basemap,
// and the built web app for everything else.
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database } from './db/database.ts';
import { ApiError, errorBody, handleError } from './http/errors.ts';
import { systemRoutes } from './system/routes.ts';
import { layerRoutes } from './routes/layers.ts';
import { authRoutes } from './auth/routes.ts';
import { accountRoutes } from './accounts/routes.ts';
import { layerWriteRoutes } from './routes/layer-writes.ts';
import { ruimtevraagRoutes } from './routes/ruimtevragen.ts';
import { matchingRoutes } from './routes/matching.ts';
import { editorRoutes } from './routes/editor.ts';
import { toewijzingRoutes } from './routes/toewijzingen.ts';
import { bestuursovereenkomstRoutes } from './routes/bestuursovereenkomsten.ts';
import { authorise } from './auth/middleware.ts';
import { balansRoutes } from './routes/balans.ts';
import type { Session } from './auth/sessions.ts';
import { authConfigFromEnv, type AuthConfig } from './auth/config.ts';
import { accessTableOf, type AccessTable } from './http/access.ts';
import { rules as legacyRules } from './auth/permissions.ts';

export type AppEnv = { Variables: { db: Database; session: Session | null; access: AccessTable; auth: AuthConfig } };

export interface AppOptions {
  db: Database;
  /** Directory with the built web app (vite build output). */
  webDir?: string;
  basemapStyleUrl?: string;
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
export function openApiDocument() {
  const app = createApp({ db: undefined as unknown as Database, webDir: path.join(repoRoot, 'web') });
  return app.getOpenAPI31Document(OPENAPI_INFO);
}

export function createApp(options: AppOptions) {
  const app = new OpenAPIHono<AppEnv>();
  const webDir = options.webDir ?? path.join(repoRoot, 'dist/web');
  const auth = options.auth ?? authConfigFromEnv();

  app.onError(handleError);
  app.use('/api/*', async (c, next) => {
    c.set('db', options.db);
    c.set('auth', auth);
    await next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('te_groot', 'Het verzoek is groter dan 2 MB.'), 413),
    }),
  );
  // Complete once every route below is registered (end of this function).
  let access: AccessTable | undefined;
  app.use('/api/*', authorise(() => access!));

  app.route('/api', systemRoutes({ basemapStyleUrl: options.basemapStyleUrl ?? '/basemap/style.json' }));
  app.route('/api', authRoutes());
  app.route('/api', accountRoutes());
  app.route('/api', layerRoutes());
  app.route('/api', layerWriteRoutes());
  app.route('/api', ruimtevraagRoutes());
  app.route('/api', matchingRoutes());
  app.route('/api', editorRoutes());
  app.route('/api', toewijzingRoutes());
  app.route('/api', bestuursovereenkomstRoutes());
  app.route('/api', balansRoutes());
  app.doc31('/api/openapi.json', OPENAPI_INFO);
  access = accessTableOf(app, legacyRules);
  app.all('/api/*', () => {
    throw new ApiError(404, 'onbekende_route', 'Deze API-route bestaat niet.');
  });

  // Offline basemap: style, PMTiles (served with HTTP Range support) and the sea polygon.
  app.get('/basemap/style.json', serveStatic({ path: path.relative(process.cwd(), path.join(geodataDir, 'basemap_style_minimal.json')) }));
  app.get('/basemap/sea.geojson', serveStatic({ path: path.relative(process.cwd(), path.join(geodataDir, 'sea_approx_bbox.geojson')) }));
  app.get('/basemap/basemap_leiden_osm_2021.pmtiles',
    serveStatic({ path: path.relative(process.cwd(), path.join(geodataDir, 'basemap_leiden_osm_2021.pmtiles')) }));

  const webRoot = path.relative(process.cwd(), webDir) || '.';
  app.use('/*', serveStatic({ root: webRoot }));
  app.get('*', serveStatic({ path: path.join(webRoot, 'index.html') }));
  return app;
}
