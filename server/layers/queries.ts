// Reads a layer as GeoJSON in WGS84; areas come from the stored RD New geometry.
import type pg from 'pg';
import type { LayerDefinition } from './definitions.ts';
import type { Role } from '../domain/roles.ts';

export type BBox = [number, number, number, number];

export interface Feature {
  type: 'Feature';
  id: number;
  geometry: unknown;
  properties: Record<string, unknown>;
}

function selectSql(layer: LayerDefinition, where: string, extra: Record<string, string> = {}) {
  const props = Object.entries({ ...layer.properties, ...extra }).map(([k, expr]) => `${expr} AS "${k}"`);
  return `SELECT x.id, ${layer.naam} AS naam, ${layer.gemeente} AS gemeente, x.oppervlakte_ha, x.bron, x.version, x.updated_at,
                 ${props.length ? props.join(', ') + ',' : ''}
                 ST_AsGeoJSON(ST_Transform(x.geom, 4326), 7)::json AS geometry
          FROM ${layer.from} WHERE ${where} ORDER BY ${layer.orderBy}`;
}

function toFeature(row: Record<string, unknown>): Feature {
  const { geometry, ...properties } = row;
  return { type: 'Feature', id: row.id as number, geometry, properties };
}

/** The layer's features: all, those meeting a WGS84 bbox, and/or those with the given ids. */
export async function listFeatures(pool: pg.Pool, layer: LayerDefinition, bbox?: BBox, ids?: number[]) {
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
  const { rows } = await pool.query(selectSql(layer, where.join(' AND ') || 'true'), params);
  return { type: 'FeatureCollection' as const, features: rows.map(toFeature) };
}

/** One record; with its confidential properties when `rol` may read them. */
export async function getFeature(pool: pg.Pool, layer: LayerDefinition, id: number, rol?: Role): Promise<Feature | null> {
  const extra = layer.vertrouwelijk && rol && layer.vertrouwelijk.mayRead(rol) ? layer.vertrouwelijk.properties : {};
  const { rows } = await pool.query(selectSql(layer, 'x.id = $1', extra), [id]);
  return rows[0] ? toFeature(rows[0]) : null;
}
