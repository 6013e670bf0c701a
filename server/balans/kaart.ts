// The map as it was on a peildatum: kavels, transformaties and compensaties in the
// shape and with the attributes valid on that date (history tables, current knowledge),
// as GeoJSON in WGS84 with the same ids and property names as the live layers.
import type { Queryable } from './queries.ts';
import type { Kaart } from './schemas.ts';

const laag = (tabel: string, props: string, join = '') => `
  SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
    'type', 'Feature', 'id', x.id,
    'geometry', ST_AsGeoJSON(ST_Transform(x.geom, 4326), 7)::json,
    'properties', json_build_object('id', x.id, 'naam', x.naam, 'gemeente', g.naam, 'oppervlakte_ha', x.oppervlakte_ha,
                                    'geldig_vanaf', lower(x.geldig), ${props})) ORDER BY x.id), '[]'))
  FROM ${tabel}_versie x ${join}
  WHERE upper_inf(x.vastgelegd) AND x.geldig @> $1::date`;

const SQL = `SELECT json_build_object(
  'kavels', (${laag('kavel', `'terrein_id', x.terrein_id, 'status', x.status, 'planstatus', x.planstatus, 'milieucategorie_max', x.milieucategorie_max`,
    'LEFT JOIN terrein t ON t.id = x.terrein_id LEFT JOIN gemeente g ON g.id = t.gemeente_id')}),
  'transformaties', (${laag('transformatie', `'gemeente_id', x.gemeente_id, 'status', x.status, 'nieuwe_functie', x.nieuwe_functie,
    'datum_terinzagelegging', x.datum_terinzagelegging, 'datum_vaststelling', x.datum_vaststelling, 'netto_verloren_ha', x.netto_verloren_ha`,
    'JOIN gemeente g ON g.id = x.gemeente_id')}),
  'compensaties', (${laag('compensatie', `'gemeente_id', x.gemeente_id, 'status', x.status, 'planstatus', x.planstatus, 'milieucategorie_max', x.milieucategorie_max`,
    'JOIN gemeente g ON g.id = x.gemeente_id')})
) AS kaart`;

/** The layers as the database builds them, in the shape of the route's answer (schemas.ts). */
export async function kaartOp(db: Queryable, peildatum: string): Promise<Kaart> {
  const { rows } = await db.query<{ kaart: Omit<Kaart, 'peildatum'> }>(SQL, [peildatum]);
  return { peildatum, ...rows[0].kaart };
}
