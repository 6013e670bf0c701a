// SQL of the tiles: the layer versions (table laag_versie, migration 024), a tile by
// ST_AsMVT on PostgreSQL, and a whole layer for the tile index on the embedded database.
import type pg from 'pg';
import { TILE_BUFFER, TILE_EXTENT, type TileCoord } from '../domain/tiles.ts';
import { SESSION_SQL, type SessionRow } from '../auth/sessions.ts';
import { preparedQuery } from '../db/prepared.ts';
import { definitionOf, LABELLED, labelLayerName, type AttributeSet, type TileLayer } from './attributes.ts';

type Queryable = Pick<pg.Pool, 'query'>;

/** The current version of a layer's contents. */
export async function laagVersie(db: Queryable, layer: TileLayer): Promise<number> {
  const { rows } = await db.query<{ versie: number }>(`SELECT versie FROM laag_versie WHERE laag = $1`, [layer]);
  if (!rows[0]) throw new Error(`laag_versie kent laag ${layer} niet`);
  return rows[0].versie;
}

/** Every layer's version. */
export async function laagVersies(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ laag: string; versie: number }>(`SELECT laag, versie FROM laag_versie`);
  return new Map(rows.map((r) => [r.laag, r.versie]));
}

/** How many features a layer has, with the version they belong to (one snapshot). */
export async function aantalFeatures(db: Queryable, layer: TileLayer): Promise<{ versie: number; aantal: number }> {
  const { rows } = await db.query<{ versie: number; aantal: number }>(
    `SELECT (SELECT versie FROM laag_versie WHERE laag = $1) AS versie, (SELECT count(*)::int FROM ${definitionOf(layer).table}) AS aantal`,
    [layer],
  );
  return rows[0];
}

const select = (set: AttributeSet) => Object.entries(set.columns).map(([name, expr]) => `${expr} AS "${name}"`).join(', ');

/** Only the layer's own columns are used, so its ORDER BY may use them too (see attributes.ts). */
const ownOrder = (layer: TileLayer) => {
  const order = definitionOf(layer).orderBy;
  return /^(x\.[a-z_]+( DESC)?)(, x\.[a-z_]+( DESC)?)*$/.test(order) ? order : 'x.id';
};

/**
 * The ST_AsMVT expression of one tile (bytea, empty when no feature meets it), over the
 * GiST index of the stored Web Mercator geometry; z, x and y are the statement's
 * parameters named. ST_AsMVT leaves out rows whose clipped geometry is NULL; a filter
 * on it would have PostgreSQL clip every geometry twice (a third of a dense tile's time).
 * The envelopes are scalar subqueries, so the planner never sees them as constants: a
 * plan for one tile's envelope then looks no cheaper than the generic plan, and a
 * prepared statement is planned once per connection instead of on every tile (at
 * 100,000 kavels planning it anew took longer than making a z14 tile).
 */
function mvtExpression(layer: TileLayer, set: AttributeSet, [z, x, y]: [string, string, string]) {
  const def = definitionOf(layer);
  const margin = TILE_BUFFER / TILE_EXTENT;
  const env = `(SELECT ST_TileEnvelope(${z}, ${x}, ${y}))`;
  const buffered = `(SELECT ST_TileEnvelope(${z}, ${x}, ${y}, margin => ${margin}))`;
  const labels = LABELLED.has(layer)
    ? `|| coalesce((SELECT ST_AsMVT(l.*, '${labelLayerName(layer)}', ${TILE_EXTENT}, 'geom', 'id') FROM (
           SELECT x.id, ${select(set)}, ST_AsMVTGeom(x.label_3857, ${env}, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
           FROM ${def.table} x WHERE x.geom_3857 && ${buffered} AND x.label_3857 && ${buffered}) l), '')`
    : '';
  return `coalesce((SELECT ST_AsMVT(f.*, '${layer}', ${TILE_EXTENT}, 'geom', 'id') FROM (
              SELECT x.id, ${select(set)}, ST_AsMVTGeom(x.geom_3857, ${env}, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
              FROM ${def.table} x WHERE x.geom_3857 && ${buffered}
              ORDER BY ${ownOrder(layer)}) f), '') ${labels}`;
}

/** One tile as Mapbox Vector Tile (ST_AsMVT), with the version of the layer it shows (same snapshot). */
export async function mvtTile(db: Queryable, layer: TileLayer, set: AttributeSet, { z, x, y }: TileCoord): Promise<{ versie: number; tile: Buffer }> {
  const { rows } = await db.query<{ versie: number; tile: Buffer }>(
    `SELECT (SELECT versie FROM laag_versie WHERE laag = $4) AS versie, ${mvtExpression(layer, set, ['$1', '$2', '$3'])} AS tile`,
    [z, x, y, layer],
  );
  return rows[0];
}

export interface TileRequest {
  /** Hash of the session token in the request's cookie; null when the caller has checked the session itself. */
  tokenHash: string | null;
  layer: TileLayer;
  set: AttributeSet;
  coord: TileCoord;
  /** Roles that may read the layer: for any other session no tile is made. */
  roles: readonly string[];
  /** Versions whose tile the caller already has (its cache, the browser's ETag): not made again. */
  have: readonly number[];
  /** Make the tile here by ST_AsMVT (PostgreSQL); false: only the session and the version. */
  mvt: boolean;
  /**
   * As a named prepared statement, planned once per connection (PostgreSQL, see
   * server/db/prepared.ts): planning the whole statement anew costs more than running it
   * for a small tile.
   */
  prepare: boolean;
}

export interface TileLookup {
  session: SessionRow | undefined;
  versie: number;
  /** The tile, or null when it was not made (no session or access, a version the caller has, or mvt false). */
  tile: Buffer | null;
}

/** The texts of tileForSession, made once each (every tile asks for one). */
const tileStatements = new Map<string, string>();

function tileStatement(layer: TileLayer, set: AttributeSet, mvt: boolean, checked: boolean): string {
  const key = `${layer}:${set.id}:${mvt}:${checked}`;
  let text = tileStatements.get(key);
  if (text === undefined) {
    const tile = mvt ? mvtExpression(layer, set, ['$5', '$6', '$7']) : 'NULL::bytea';
    text = `WITH s AS (${checked ? 'SELECT NULL::int AS sessie_id, $1::text AS token_hash' : SESSION_SQL}),
          v AS (SELECT versie FROM laag_versie WHERE laag = $2)
     SELECT s.*, v.versie AS laag_versie,
            CASE WHEN ${checked ? '$3::text[] IS NOT NULL' : 's.rol::text = ANY($3::text[])'} AND v.versie <> ALL($4::bigint[])
                 THEN ${tile} END AS tegel
     FROM v LEFT JOIN s ON true`;
    tileStatements.set(key, text);
  }
  return text;
}

/**
 * The session, the layer's version and the tile, in one statement: one round trip and
 * one snapshot. A tile is made only for a session whose role may read the layer, and
 * only for a version the caller does not have. (InitPlans run when first needed, so the
 * CASE spares the ST_AsMVT work when its condition fails.)
 */
export async function tileForSession(db: Queryable, r: TileRequest): Promise<TileLookup> {
  const checked = r.tokenHash === null;
  const text = tileStatement(r.layer, r.set, r.mvt, checked);
  const values = [r.tokenHash, r.layer, r.roles, r.have, ...(r.mvt ? [r.coord.z, r.coord.x, r.coord.y] : [])];
  type Row = SessionRow & { laag_versie: number; tegel: Buffer | null };
  const { rows } = r.prepare ? await preparedQuery<Row>(db, text, values) : await db.query<Row>(text, values);
  const row = rows[0];
  if (!row) throw new Error(`laag_versie kent laag ${r.layer} niet`);
  return { session: row.sessie_id === null ? undefined : row, versie: row.laag_versie, tile: row.tegel };
}

/** What the tile index of the embedded database is built from (GeoJSON texts, WGS84). */
export interface LayerSnapshot {
  versie: number;
  /** FeatureCollection of the layer's polygons with the tile attributes. */
  features: string;
  /** FeatureCollection of the label points, for labelled layers. */
  labels: string | null;
}

/** A whole layer with its version, in one statement (one snapshot). */
export async function layerSnapshot(db: Queryable, layer: TileLayer, set: AttributeSet): Promise<LayerSnapshot> {
  const def = definitionOf(layer);
  const props = `json_build_object(${Object.entries(set.columns).map(([name, expr]) => `'${name}', ${expr}`).join(', ')})`;
  const collection = (geom: string, where = 'true') =>
    `(SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
        'type', 'Feature', 'id', x.id, 'properties', ${props},
        'geometry', ST_AsGeoJSON(ST_Transform(${geom}, 4326), 7)::json) ORDER BY ${ownOrder(layer)}), '[]'::json))::text
      FROM ${def.table} x WHERE ${where})`;
  const { rows } = await db.query<LayerSnapshot>(
    `SELECT (SELECT versie FROM laag_versie WHERE laag = $1) AS versie,
            ${collection('x.geom')} AS features,
            ${LABELLED.has(layer) ? collection('x.label_3857', 'x.label_3857 IS NOT NULL') : 'NULL::text'} AS labels`,
    [layer],
  );
  return rows[0];
}
