// Reads a layer as GeoJSON in WGS84; areas come from the stored RD New geometry.
import type pg from 'pg';
import type { z } from '@hono/zod-openapi';
import type { LayerDefinition, LayerPath } from './definitions.ts';
import type { FEATURE_SCHEMAS } from './schemas.ts';
import type { Role } from '../domain/roles.ts';

export type BBox = [number, number, number, number];

/** A record of a layer as the API answers it (schemas.ts). */
export type LayerFeature<P extends LayerPath = LayerPath> = z.infer<(typeof FEATURE_SCHEMAS)[P]>;
export interface LayerCollection<P extends LayerPath = LayerPath> {
  type: 'FeatureCollection';
  features: LayerFeature<P>[];
}

type Queryable = Pick<pg.Pool, 'query'>;

function selectSql(layer: LayerDefinition, where: string, extra: Record<string, string> = {}) {
  const props = Object.entries({ ...layer.properties, ...extra }).map(([k, expr]) => `${expr} AS "${k}"`);
  return `SELECT x.id, ${layer.naam} AS naam, ${layer.gemeente} AS gemeente, x.oppervlakte_ha, x.bron, x.version, x.updated_at,
                 ${props.length ? props.join(', ') + ',' : ''}
                 ST_AsGeoJSON(ST_Transform(x.geom, 4326), 7)::json AS geometry
          FROM ${layer.from} WHERE ${where} ORDER BY ${layer.orderBy}`;
}

// The SELECT above gives exactly the properties schemas.ts names (checked by the layer-schemas test).
function toFeature<P extends LayerPath>(row: Record<string, unknown>): LayerFeature<P> {
  const { geometry, ...properties } = row;
  return { type: 'Feature', id: row.id as number, geometry, properties } as LayerFeature<P>;
}

/** The layer's features: all, those meeting a WGS84 bbox, and/or those with the given ids. */
export async function listFeatures<P extends LayerPath>(db: Queryable, layer: LayerDefinition & { path: P }, bbox?: BBox, ids?: number[]): Promise<LayerCollection<P>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (bbox) {
    params.push(...bbox);
    where.push('x.geom && ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 28992)');
  }
  if (ids) {
    params.push(ids);
    where.push(`x.id = ANY($${params.length}::int[])`);
  }
  const { rows } = await db.query(selectSql(layer, where.join(' AND ') || 'true'), params);
  return { type: 'FeatureCollection', features: rows.map((r) => toFeature<P>(r)) };
}

/** One record; with its confidential properties when `rol` may read them. */
export async function getFeature<P extends LayerPath>(
  db: Queryable, layer: LayerDefinition & { path: P }, id: number, rol?: Role,
): Promise<LayerFeature<P> | null> {
  const extra = layer.vertrouwelijk && rol && layer.vertrouwelijk.mayRead(rol) ? layer.vertrouwelijk.properties : {};
  const { rows } = await db.query(selectSql(layer, 'x.id = $1', extra), [id]);
  return rows[0] ? toFeature<P>(rows[0]) : null;
}

/**
 * The WGS84 box around the records with the given ids per layer, and how many exist:
 * what the map fits to when it shows the records behind a figure (never their shapes).
 */
export async function extentOf(db: Queryable, idsByLayer: Partial<Record<LayerPath, number[]>>, definitions: readonly LayerDefinition[]): Promise<{ bbox: BBox | null; aantal: number }> {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const layer of definitions) {
    const ids = idsByLayer[layer.path];
    if (!ids?.length) continue;
    params.push(ids);
    parts.push(`SELECT geom FROM ${layer.table} WHERE id = ANY($${params.length}::int[])`);
  }
  if (!parts.length) return { bbox: null, aantal: 0 };
  const { rows } = await db.query<{ aantal: number; w: number | null; s: number | null; e: number | null; n: number | null }>(
    `WITH b AS (SELECT count(*)::int AS aantal, ST_Extent(ST_Transform(geom, 4326)) AS box FROM (${parts.join(' UNION ALL ')}) r)
     SELECT aantal, ST_XMin(box) AS w, ST_YMin(box) AS s, ST_XMax(box) AS e, ST_YMax(box) AS n FROM b`,
    params,
  );
  const r = rows[0];
  if (!r || r.w === null || r.s === null || r.e === null || r.n === null) return { bbox: null, aantal: 0 };
  return { bbox: [r.w, r.s, r.e, r.n], aantal: r.aantal };
}
