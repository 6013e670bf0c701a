// The OGC API's reads of a map layer: a page of features with the total count, one
// feature, and the layer's extent. Never any confidential attribute (kolommen with no
// role), in CRS84 or RD New.
import type pg from 'pg';
import type { LayerDefinition } from '../layers/definitions.ts';
import { fromClause, kolommen, platteWaarde } from '../exchange/export-queries.ts';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const RD = 'http://www.opengis.net/def/crs/EPSG/0/28992';
export const CRS_LIST = [CRS84, RD] as const;
export type OgcCrs = (typeof CRS_LIST)[number];

const geomSql = (crs: OgcCrs) => (crs === RD ? 'ST_AsGeoJSON(x.geom, 3, 0)::json' : 'ST_AsGeoJSON(ST_Transform(x.geom, 4326), 7)::json');

export interface OgcFeature { type: 'Feature'; id: number; geometry: unknown; properties: Record<string, unknown> }

const toFeature = (r: { properties: Record<string, unknown>; geometry: unknown }): OgcFeature => ({
  type: 'Feature', id: r.properties.id as number, geometry: r.geometry,
  properties: Object.fromEntries(Object.entries(r.properties).filter(([k]) => k !== 'id').map(([k, v]) => [k, platteWaarde(v)])),
});

export interface ItemsVraag { limit: number; offset: number; crs: OgcCrs; bbox?: { coords: [number, number, number, number]; crs: OgcCrs } }

export async function items(db: pg.Pool, layer: LayerDefinition, vraag: ItemsVraag) {
  const params: unknown[] = [];
  let where = 'true';
  if (vraag.bbox) {
    params.push(...vraag.bbox.coords);
    const env = `ST_MakeEnvelope($1, $2, $3, $4, ${vraag.bbox.crs === RD ? 28992 : 4326})`;
    const rd = vraag.bbox.crs === RD ? env : `ST_Transform(${env}, 28992)`;
    where = `x.geom && ${rd} AND ST_Intersects(x.geom, ${rd})`;
  }
  const cols = kolommen(layer, null, false);
  const from = fromClause(layer, false, '');
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, params);
  const { rows } = await db.query(
    `SELECT json_build_object(${cols.map(([k, e]) => `'${k}', ${e}`).join(', ')}) AS properties, ${geomSql(vraag.crs)} AS geometry
     FROM ${from} WHERE ${where} ORDER BY x.id LIMIT ${vraag.limit} OFFSET ${vraag.offset}`,
    params,
  );
  return { numberMatched: count.rows[0].n, features: rows.map(toFeature) };
}

export async function item(db: pg.Pool, layer: LayerDefinition, id: number, crs: OgcCrs): Promise<OgcFeature | null> {
  const cols = kolommen(layer, null, false);
  const { rows } = await db.query(
    `SELECT json_build_object(${cols.map(([k, e]) => `'${k}', ${e}`).join(', ')}) AS properties, ${geomSql(crs)} AS geometry
     FROM ${layer.from} WHERE x.id = $1`,
    [id],
  );
  return rows[0] ? toFeature(rows[0]) : null;
}

/** [minLon, minLat, maxLon, maxLat] of the layer, or the region when it is empty. */
export async function extent(db: pg.Pool, layer: LayerDefinition): Promise<[number, number, number, number]> {
  const { rows } = await db.query(
    `SELECT ST_XMin(e) AS a, ST_YMin(e) AS b, ST_XMax(e) AS c, ST_YMax(e) AS d
     FROM (SELECT ST_Transform(ST_SetSRID(coalesce(
             (SELECT ST_Extent(geom) FROM ${layer.table}),
             (SELECT ST_Extent(geom) FROM gemeente WHERE in_regio)), 28992), 4326) AS e) s`,
  );
  const r = rows[0];
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  return [round(r.a), round(r.b), round(r.c), round(r.d)];
}
