// Vector tiles of the map layers, outside /api so MapLibre can fetch them as a tile
// source:
//   GET /tiles/<layer>.json                  TileJSON of a layer, with its version and
//                                            feature count (the tile URL names the version)
//   GET /tiles/<layer>/<z>/<x>/<y>.pbf       one tile (Mapbox Vector Tile)
// Access is that of GET /api/<layer> (its declared access in the API's access table),
// enforced here because /tiles is outside the API's middleware; reads go to the read
// pool (a replica unless this client just wrote). Every tile carries the ETag of its
// layer version: the browser revalidates (no-cache) and gets 304 until the layer changes.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Database } from '../db/database.ts';
import { readPool } from '../db/read-routing.ts';
import { findSession, hashToken, sessionFromRow, SESSION_COOKIE, type Session } from '../auth/sessions.ts';
import type { Account } from '../accounts/queries.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import { mayCall, type AccessTable } from '../http/access.ts';
import { ApiError, handleError } from '../http/errors.ts';
import { chooseEncoding } from '../http/compression.ts';
import { etagMatches, etagVersions, parseTileCoord, tileEtag } from '../domain/tiles.ts';
import { isTileLayer, LABELLED, labelLayerName, MAX_ZOOM, MIN_ZOOM, tileAttributes, type TileLayer } from './attributes.ts';
import { TileService } from './service.ts';

type TileEnv = { Variables: { db: Database; account: Account & { rol: Role } } };

export const TILE_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/** Revalidate every time (cheap: a 304 costs one version lookup); kept per user only. */
const CACHE_CONTROL = 'private, no-cache';

export interface TileRoutesOptions {
  /** Bytes of tiles the server keeps in memory (default 64 MB; 0 to measure the database). */
  cacheBytes?: number;
}

export function tileRoutes(db: Database, access: () => AccessTable, options: TileRoutesOptions = {}) {
  const app = new Hono<TileEnv>();
  // A database-less app (the OpenAPI document is built without one) never serves tiles.
  const service = db ? new TileService({ mode: db.mode, cacheBytes: options.cacheBytes }) : null;
  app.onError(handleError);

  // Signed in, as for the API (the same session cookie); never the OGC tokens.
  const accept = (c: Context<TileEnv>, found: Session | null) => {
    if (!found || found.account.rol === null) throw new ApiError(401, 'niet_ingelogd', 'Log in om de kaart te zien.');
    // As in the API (server/auth/middleware.ts): nothing before the second factor.
    if (found.stap !== 'volledig') {
      throw new ApiError(401, 'tweede_factor_nodig', 'Geef eerst de code uit uw authenticator-app; daarna ziet u de kaart.', { stap: found.stap });
    }
    c.set('account', { ...found.account, rol: found.account.rol });
  };
  const signedIn = async (c: Context<TileEnv>) => {
    const token = getCookie(c, SESSION_COOKIE);
    accept(c, token ? await findSession(db, token) : null);
  };
  // A tile checks its session in the same statement as it reads the tile (below).
  const TILE_PATH = /^\/tiles\/[^/]+\/[^/]+\/[^/]+\/[^/]+$/;
  const session: MiddlewareHandler<TileEnv> = async (c, next) => {
    c.set('db', db);
    if (!TILE_PATH.test(c.req.path)) await signedIn(c);
    await next();
  };
  app.use('*', session);

  // Per layer, once per access table (fixed once the app is assembled): every tile asks.
  const readersOf = new WeakMap<AccessTable, Map<string, Role[]>>();
  const readers = (layer: string): Role[] => {
    const table = access();
    const known = readersOf.get(table) ?? readersOf.set(table, new Map()).get(table)!;
    let roles = known.get(layer);
    if (!roles) {
      const route = table.find('GET', `/api/${layer}`);
      roles = route ? ROLES.filter((rol) => mayCall(route.toegang, rol)) : [];
      known.set(layer, roles);
    }
    return roles;
  };
  const mayRead = (c: Context<TileEnv>, layer: string) => readers(layer).includes(c.var.account.rol);

  // TileJSON 3.0 of a layer, with its version and feature count: the map's tile source.
  app.get('/:bestand', async (c) => {
    const m = /^([a-z]+)\.json$/.exec(c.req.param('bestand'));
    const layer = m?.[1] ?? '';
    if (!isTileLayer(layer)) throw new ApiError(404, 'onbekende_laag', `Er is geen kaartlaag ${layer || c.req.param('bestand')}.`);
    if (!mayRead(c, layer)) throw new ApiError(403, 'geen_toegang', 'Uw rol geeft geen toegang tot deze kaartlaag.');
    const pool = await readPool(c);
    const versie = await service!.versie(pool, layer);
    const set = tileAttributes(layer, c.var.account.rol);
    const fields = Object.fromEntries(Object.keys(set.columns).map((k) => [k, '']));
    c.header('Cache-Control', 'no-store');
    return c.json({
      tilejson: '3.0.0',
      name: layer,
      tiles: [`/tiles/${layer}/{z}/{x}/{y}.pbf?v=${versie}`],
      minzoom: MIN_ZOOM[layer],
      maxzoom: MAX_ZOOM,
      vector_layers: (LABELLED.has(layer) ? [layer, labelLayerName(layer)] : [layer]).map((id) => ({ id, fields })),
      versie,
      aantal: await service!.aantal(pool, layer, versie),
    });
  });

  // One tile. Where sessions and tiles are read from the same database (no replica, or
  // this client's own writes are not on it yet), the session, the layer's version and the
  // tile are one statement: one round trip, the least a tile can cost. The tile is made
  // in it only for a role that may read the layer and a version nobody here has yet.
  app.get('/:laag/:z/:x/:y', async (c) => {
    const { laag, z, x, y } = c.req.param();
    const coord = parseTileCoord(z, x, y);
    if (!isTileLayer(laag) || typeof coord === 'string') {
      await signedIn(c);
      if (!isTileLayer(laag)) throw new ApiError(404, 'onbekende_laag', `Er is geen kaartlaag ${laag}.`);
      throw new ApiError(400, 'ongeldige_tegel', coord as string);
    }
    const layer: TileLayer = laag;
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) accept(c, null);
    const refuse = () => new ApiError(403, 'geen_toegang', 'Uw rol geeft geen toegang tot deze kaartlaag.');
    const pool = await readPool(c);
    const roles = readers(layer);
    // The attributes may depend on the role (attributes.ts): known before the session only when all readers share them.
    const sets = new Set(roles.map((rol) => tileAttributes(layer, rol)));
    const shared = sets.size === 1 ? [...sets][0] : null;
    // Checked before the tile's statement when sessions live elsewhere (the primary, not this replica).
    const checkFirst = pool !== db.pool || !shared;
    if (checkFirst) {
      await signedIn(c);
      if (!mayRead(c, layer)) throw refuse();
    }
    const set = shared ?? tileAttributes(layer, c.var.account.rol);
    const found = await service!.lookup(pool, {
      tokenHash: checkFirst ? null : hashToken(token!), layer, set, coord, roles,
      browserHas: etagVersions(c.req.header('If-None-Match'), layer, set.id),
    });
    if (!checkFirst) {
      accept(c, sessionFromRow(found.session));
      if (!mayRead(c, layer)) throw refuse();
    }
    c.header('Cache-Control', CACHE_CONTROL);
    c.header('Vary', 'Accept-Encoding, Cookie');
    const etag = tileEtag(layer, found.versie, set.id);
    if (etagMatches(c.req.header('If-None-Match'), etag)) {
      c.header('ETag', etag);
      return c.body(null, 304);
    }
    const tile = await service!.tile(pool, layer, set, coord, found, chooseEncoding(c.req.header('Accept-Encoding')));
    c.header('ETag', tileEtag(layer, tile.versie, set.id));
    c.header('Content-Type', TILE_CONTENT_TYPE);
    if (tile.encoding) c.header('Content-Encoding', tile.encoding);
    return c.body(tile.body as Uint8Array<ArrayBuffer>, 200);
  });

  return app;
}
