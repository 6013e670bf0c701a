// SQL of the tiles: the layer versions (table laag_versie, migration 024), a tile by
// ST_AsMVT on PostgreSQL, and a whole layer for the tile index on the embedded database.
import type pg from 'pg';
import { TILE_BUFFER, TILE_EXTENT, type TileCoord } from '../domain/tiles.ts';
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
 * One tile as Mapbox Vector Tile (ST_AsMVT), in one query over the GiST index of the
 * stored Web Mercator geometry, with the version of the layer it shows (same snapshot).
 * ST_AsMVT leaves out rows whose clipped geometry is NULL; a filter on it would have
 * PostgreSQL clip every geometry twice (a third of a dense tile's time).
 */
export async function mvtTile(db: Queryable, layer: TileLayer, set: AttributeSet, { z, x, y }: TileCoord): Promise<{ versie: number; tile: Buffer }> {
  const def = definitionOf(layer);
  const margin = TILE_BUFFER / TILE_EXTENT;
  const env = `ST_TileEnvelope($1, $2, $3)`;
  const buffered = `ST_TileEnvelope($1, $2, $3, margin => ${margin})`;
  const labels = LABELLED.has(layer)
    ? `|| coalesce((SELECT ST_AsMVT(l.*, '${labelLayerName(layer)}', ${TILE_EXTENT}, 'geom', 'id') FROM (
           SELECT x.id, ${select(set)}, ST_AsMVTGeom(x.label_3857, ${env}, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
           FROM ${def.table} x WHERE x.geom_3857 && ${buffered} AND x.label_3857 && ${buffered}) l), '')`
    : '';
  const { rows } = await db.query<{ versie: number; tile: Buffer }>(
    `SELECT (SELECT versie FROM laag_versie WHERE laag = $4) AS versie,
            coalesce((SELECT ST_AsMVT(f.*, '${layer}', ${TILE_EXTENT}, 'geom', 'id') FROM (
              SELECT x.id, ${select(set)}, ST_AsMVTGeom(x.geom_3857, ${env}, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
              FROM ${def.table} x WHERE x.geom_3857 && ${buffered}
              ORDER BY ${ownOrder(layer)}) f), '') ${labels} AS tile`,
    [z, x, y, layer],
  );
  return rows[0];
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
