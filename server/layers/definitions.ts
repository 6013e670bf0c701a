// The map layers the API serves, each with the SQL that owns its columns.
// Every layer is read the same way (see queries.ts); only the joins and
// properties differ.

export interface LayerDefinition {
  /** URL segment: /api/<path> */
  path: LayerPath;
  /** Dutch singular noun for messages. */
  label: string;
  table: string;
  /** FROM clause; the layer's own table is aliased `x`. */
  from: string;
  /** SQL expressions for feature properties besides id, naam, gemeente, oppervlakte_ha, bron. */
  properties: Record<string, string>;
  /** Expression giving the name, or NULL. */
  naam: string;
  /** Expression giving the municipality name. */
  gemeente: string;
  /** Stable order: small polygons last, so they draw on top. */
  orderBy: string;
  /** Properties only in the single-record GET, and only for roles that may read them. */
  vertrouwelijk?: { properties: Record<string, string>; mayRead: (rol: Role) => boolean };
}

import { mayReadZittendeBedrijven, type Role } from '../domain/roles.ts';
import type { LayerPath } from '../domain/layer-values.ts';

const base = (table: string, gemeenteJoin = true) =>
  `${table} x${gemeenteJoin ? ' JOIN gemeente g ON g.id = x.gemeente_id' : ''}`;

/** The URL segments of the map layers, in drawing order. */
export { LAYER_PATHS, type LayerPath } from '../domain/layer-values.ts';

export const layers: LayerDefinition[] = [
  {
    path: 'gemeenten', label: 'Gemeente', table: 'gemeente', from: 'gemeente x',
    naam: 'x.naam', gemeente: 'x.naam', orderBy: 'x.naam',
    properties: { code: 'x.code', inwoners_2020: 'x.inwoners_2020' },
  },
  {
    path: 'terreinen', label: 'Terrein', table: 'terrein', from: base('terrein'),
    naam: 'x.naam', gemeente: 'g.naam', orderBy: 'x.oppervlakte_ha DESC, x.id',
    properties: {
      gemeente_id: 'x.gemeente_id',
      naam_bekend: 'x.naam_bekend', naam_osm: 'x.naam_osm', typologie: 'x.typologie',
      watergebonden: 'x.watergebonden', niet_te_transformeren: 'x.niet_te_transformeren',
      op_transformatielijst: 'x.op_transformatielijst',
      milieucategorie_min: 'x.milieucategorie_min', milieucategorie_max: 'x.milieucategorie_max',
      aantal_kavels: '(SELECT count(*)::int FROM kavel k WHERE k.terrein_id = x.id)',
      kavels_ha: '(SELECT coalesce(sum(k.oppervlakte_ha), 0) FROM kavel k WHERE k.terrein_id = x.id)',
    },
  },
  {
    path: 'kavels', label: 'Kavel', table: 'kavel',
    from: 'kavel x JOIN terrein t ON t.id = x.terrein_id JOIN gemeente g ON g.id = t.gemeente_id',
    naam: 'x.naam', gemeente: 'g.naam', orderBy: 'x.id',
    properties: {
      // A kavel's gemeente is its terrein's (who may edit it follows from this id).
      gemeente_id: 't.gemeente_id',
      terrein_id: 'x.terrein_id', terrein_naam: 't.naam', status: 'x.status', planstatus: 'x.planstatus',
      milieucategorie_min: 'x.milieucategorie_min', milieucategorie_max: 'x.milieucategorie_max',
      watergebonden: 'x.watergebonden', beschikbaar_vanaf: 'x.beschikbaar_vanaf', eigendom: 'x.eigendom',
      // The date the current state took effect (migration 012).
      geldig_vanaf: 'x.geldig_vanaf',
    },
  },
  {
    path: 'kanszones', label: 'Kanszone', table: 'kanszone', from: base('kanszone'),
    naam: 'x.naam', gemeente: 'g.naam', orderBy: 'x.id',
    properties: { gemeente_id: 'x.gemeente_id', soort: 'x.soort', terrein_id: 'x.terrein_id', omschrijving: 'x.omschrijving' },
  },
  {
    path: 'transformaties', label: 'Transformatie', table: 'transformatie', from: base('transformatie'),
    naam: 'x.naam', gemeente: 'g.naam', orderBy: 'x.id',
    properties: {
      gemeente_id: 'x.gemeente_id', nieuwe_functie: 'x.nieuwe_functie', status: 'x.status',
      datum_terinzagelegging: 'x.datum_terinzagelegging', datum_vaststelling: 'x.datum_vaststelling',
      // Stored by PostGIS (migration 011) and kept current by triggers: area on business land,
      // overlaps with older transformaties counted once. The balance reads the same column.
      netto_verloren_ha: 'x.netto_verloren_ha',
      geldig_vanaf: 'x.geldig_vanaf',
      // The older transformaties that already hold part of this ground (counted there, not here): [{id, naam, ha}].
      overlapt_transformaties: `(SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'naam', o.naam, 'ha', round((o.m2 / 10000)::numeric, 4)) ORDER BY o.id), '[]'::jsonb)
        FROM (SELECT o.id, o.naam, ST_Area(ST_Intersection(o.geom, x.geom, 0.001)) AS m2 FROM transformatie o
              WHERE o.id < x.id AND o.status <> 'vervallen' AND x.status <> 'vervallen' AND o.geom && x.geom AND ST_Intersects(o.geom, x.geom)) o
        WHERE o.m2 >= 1)`,
      // Derived from the geometry (migration 007): [{id, naam, ha}]; gemeenten are the choices for gemeente_id.
      terreinen: 'terreinen_onder(x.geom)',
      gemeenten: 'gemeenten_onder(x.geom)',
      // Counts are for everyone; the names are in the detail for the roles that keep them.
      zittende_huurders: `(SELECT count(*)::int FROM jsonb_array_elements(x.zittende_bedrijven) b WHERE b->>'gebruikspositie' = 'huurder')`,
      zittende_eigenaren: `(SELECT count(*)::int FROM jsonb_array_elements(x.zittende_bedrijven) b WHERE b->>'gebruikspositie' = 'eigenaar')`,
    },
    vertrouwelijk: { properties: { zittende_bedrijven: 'x.zittende_bedrijven' }, mayRead: mayReadZittendeBedrijven },
  },
  {
    path: 'compensaties', label: 'Compensatie', table: 'compensatie', from: base('compensatie'),
    naam: 'x.naam', gemeente: 'g.naam', orderBy: 'x.id',
    properties: {
      gemeente_id: 'x.gemeente_id', gemeenten: 'gemeenten_onder(x.geom)',
      status: 'x.status', planstatus: 'x.planstatus', watergebonden: 'x.watergebonden',
      milieucategorie_min: 'x.milieucategorie_min', milieucategorie_max: 'x.milieucategorie_max',
      besluitpunt_ref: 'x.besluitpunt_ref', besluitpunt_datum: 'x.besluitpunt_datum',
      geldig_vanaf: 'x.geldig_vanaf',
    },
  },
];

/** The definition of a layer by its path. */
export function layerDefinition<P extends LayerPath>(path: P): LayerDefinition & { path: P } {
  return layers.find((l) => l.path === path) as LayerDefinition & { path: P };
}
