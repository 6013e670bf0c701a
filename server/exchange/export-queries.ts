// What an export (and the OGC API) reads of a layer: the same attributes as the map
// API, the confidential ones only for the roles that may read them, optionally as the
// layer stood at a peildatum (rebuilt from the audit trail).
import type pg from 'pg';
import type { LayerDefinition } from '../layers/definitions.ts';
import type { Role } from '../domain/roles.ts';

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface LaagFilter {
  gemeente_id?: number;
  status?: string;
  /** WGS84 [minLon, minLat, maxLon, maxLat]: features intersecting the map view. */
  bbox?: [number, number, number, number];
  /** The situation on this date (YYYY-MM-DD) from the records' dated history; absent: now. */
  peildatum?: string;
}

const EDITABLE = new Set(['terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties']);
/**
 * Tables with a dated history (migration 012): `<tabel>_versie` holds each version with
 * the dates it was valid. Terreinen, kanszones and gemeenten have none; at a peildatum
 * they are exported as they are now.
 */
const VERSIONED = ['kavel', 'transformatie', 'compensatie'];
/** Columns of the history tables (migration 012) besides id; bron and bron_id come from the record itself. */
const HISTORY_COLUMNS: Record<string, string[]> = {
  transformatie: ['naam', 'gemeente_id', 'nieuwe_functie', 'status', 'datum_terinzagelegging', 'datum_vaststelling', 'netto_verloren_ha', 'geom'],
  compensatie: ['naam', 'gemeente_id', 'status', 'planstatus', 'milieucategorie_max', 'besluitpunt_datum', 'geom'],
  kavel: ['naam', 'terrein_id', 'status', 'planstatus', 'milieucategorie_max', 'geom'],
};

/** Which properties a reader with `rol` gets (null: nobody's confidential ones, as for /ogc). */
export function kolommen(layer: LayerDefinition, rol: Role | null, historisch: boolean): [string, string][] {
  const vertrouwelijk = layer.vertrouwelijk && rol && layer.vertrouwelijk.mayRead(rol) ? layer.vertrouwelijk.properties : {};
  const props = Object.entries({ ...layer.properties, ...vertrouwelijk })
    // At a peildatum only the record's own dated columns (and its terrein's name) are
    // history; derived figures and undated attributes would mix in today's data.
    .filter(([, expr]) => !historisch || isHistory(layer, expr));
  return [
    ['id', 'x.id'], ['naam', layer.naam], ['gemeente', layer.gemeente],
    ['oppervlakte_ha', 'round((ST_Area(x.geom) / 10000)::numeric, 4)::float8'], ['bron', 'x.bron'],
    ...(EDITABLE.has(layer.path) ? [['bron_id', 'x.bron_id'] as [string, string]] : []),
    ...props,
  ];
}

function isHistory(layer: LayerDefinition, expr: string): boolean {
  const m = /^([xt])\.([a-z_]+)$/.exec(expr);
  if (!m) return false;
  if (m[1] === 't' || !VERSIONED.includes(layer.table)) return true;
  return HISTORY_COLUMNS[layer.table].includes(m[2]);
}

/** The layer's FROM clause; at a peildatum its versioned table as it stood on that date. */
export function fromClause(layer: LayerDefinition, historisch: boolean, peildatumParam: string): string {
  if (!historisch || !VERSIONED.includes(layer.table)) return layer.from;
  const t = layer.table;
  const versie = `(SELECT v.id, ${HISTORY_COLUMNS[t].map((k) => `v.${k}`).join(', ')}, r.bron, r.bron_id
     FROM ${t}_versie v JOIN ${t} r ON r.id = v.id
     WHERE upper_inf(v.vastgelegd) AND v.geldig @> ${peildatumParam}::date)`;
  return layer.from.replace(new RegExp(`^${t} x\\b`), `${versie} x`);
}

export function whereClause(layer: LayerDefinition, filter: LaagFilter, params: unknown[]): string {
  const w: string[] = ['true'];
  if (filter.gemeente_id !== undefined) {
    params.push(filter.gemeente_id);
    w.push(layer.path === 'kavels' ? `t.gemeente_id = $${params.length}` : layer.path === 'gemeenten' ? `x.id = $${params.length}` : `x.gemeente_id = $${params.length}`);
  }
  if (filter.status !== undefined && 'status' in layer.properties) {
    params.push(filter.status);
    w.push(`x.status = $${params.length}`);
  }
  if (filter.bbox) {
    params.push(...filter.bbox);
    const n = params.length;
    w.push(`x.geom && ST_Transform(ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4326), 28992)
            AND ST_Intersects(x.geom, ST_Transform(ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4326), 28992))`);
  }
  return w.join(' AND ');
}

export interface ExportRij {
  properties: Record<string, unknown>;
  /** GeoJSON geometry: RD New (3 decimals, mm) or WGS84. */
  geometry: unknown;
  /** A point inside the polygon, RD New. */
  x_rd: number;
  y_rd: number;
  wkt_rd: string;
}

export async function exportRijen(db: Queryable, layer: LayerDefinition, rol: Role, filter: LaagFilter, crs: 'rd' | 'wgs84'): Promise<ExportRij[]> {
  const historisch = !!filter.peildatum;
  const params: unknown[] = historisch ? [filter.peildatum] : [];
  const cols = kolommen(layer, rol, historisch);
  const geom = crs === 'rd' ? 'ST_AsGeoJSON(x.geom, 3, 0)::json' : 'ST_AsGeoJSON(ST_Transform(x.geom, 4326), 7)::json';
  const from = fromClause(layer, historisch, '$1');
  const where = whereClause(layer, filter, params);
  const { rows } = await db.query(
    `SELECT json_build_object(${cols.map(([k, e]) => `'${k}', ${e}`).join(', ')}) AS properties, ${geom} AS geometry,
            round(ST_X(ST_PointOnSurface(x.geom))::numeric, 3)::float8 AS x_rd, round(ST_Y(ST_PointOnSurface(x.geom))::numeric, 3)::float8 AS y_rd,
            ST_AsText(x.geom, 3) AS wkt_rd
     FROM ${from} WHERE ${where} ORDER BY x.id`,
    params,
  );
  return rows;
}

/** Nested values (terreinen under a polygon, zittende bedrijven) as one readable text. */
export function platteWaarde(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object') return v ?? null;
  if (Array.isArray(v)) {
    return v.map((e) => {
      if (e && typeof e === 'object' && 'naam' in e) {
        const o = e as { naam: string; ha?: number; gebruikspositie?: string };
        const extra = o.ha !== undefined ? `${o.ha.toLocaleString('nl-NL', { maximumFractionDigits: 2 })} ha` : o.gebruikspositie;
        return extra ? `${o.naam} (${extra})` : o.naam;
      }
      return typeof e === 'object' ? JSON.stringify(e) : String(e);
    }).join('; ');
  }
  return JSON.stringify(v);
}
