// Milieuruimte: which kavels lose room when housing (or a mixed area) comes near, by
// the VNG guide distances of the milieucategorie table, measured in RD New.
import type pg from 'pg';
import { inTransaction } from '../db/database.ts';
import { isWoonfunctie, VERVALLEN, type Woonfunctie } from '../domain/layer-values.ts';
import { prepareGeometry } from './geometry.ts';
import type { Milieuruimte } from './schemas.ts';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export async function milieuruimte(db: Queryable, ewkt: string, functie: Woonfunctie): Promise<Milieuruimte> {
  const col = functie === 'gemengd' ? 'richtafstand_gemengd_m' : 'richtafstand_m';
  const { rows } = await db.query(
    `WITH x AS (SELECT ST_GeomFromEWKT($1) AS g),
          bereik AS (SELECT max(${col}) AS m FROM milieucategorie)
     SELECT k.id, k.naam, k.terrein_id, t.naam AS terrein_naam, gm.naam AS gemeente,
            k.milieucategorie_max, k.oppervlakte_ha, m.${col} AS richtafstand_m,
            ST_Distance(k.geom, x.g) AS afstand_m, ST_Intersects(k.geom, x.g) AS in_vlak,
            (SELECT m2.code FROM milieucategorie m2
             WHERE m2.stelsel = k.milieucategorie_stelsel AND m2.${col} <= ST_Distance(k.geom, x.g)
             ORDER BY m2.volgorde DESC LIMIT 1) AS past_nog,
            ST_AsGeoJSON(ST_Transform(k.geom, 4326), 7)::json AS geometry
     FROM kavel k
     JOIN terrein t ON t.id = k.terrein_id
     JOIN gemeente gm ON gm.id = t.gemeente_id
     JOIN milieucategorie m ON m.stelsel = k.milieucategorie_stelsel AND m.code = k.milieucategorie_max, x, bereik
     WHERE ST_DWithin(k.geom, x.g, bereik.m)
       AND (ST_Intersects(k.geom, x.g) OR ST_Distance(k.geom, x.g) < m.${col})
     ORDER BY ST_Distance(k.geom, x.g), k.id`,
    [ewkt],
  );
  const affected = rows.filter((r) => !r.in_vlak);
  const perCat = new Map<string, { milieucategorie: string; richtafstand_m: number; aantal: number; ha: number }>();
  for (const r of affected) {
    const e = perCat.get(r.milieucategorie_max) ?? { milieucategorie: r.milieucategorie_max, richtafstand_m: r.richtafstand_m, aantal: 0, ha: 0 };
    e.aantal += 1;
    e.ha += r.oppervlakte_ha;
    perCat.set(r.milieucategorie_max, e);
  }
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return {
    nieuwe_functie: functie,
    richtafstand_kolom: col,
    kavels: {
      type: 'FeatureCollection',
      features: affected.map(({ geometry, in_vlak: _inVlak, ...p }) => ({
        type: 'Feature' as const, id: p.id as number, geometry,
        properties: { ...p, afstand_m: Math.round(p.afstand_m * 10) / 10, tekort_m: Math.round((p.richtafstand_m - p.afstand_m) * 10) / 10 },
      })),
    },
    per_categorie: [...perCat.values()].map((e) => ({ ...e, ha: round(e.ha) }))
      .sort((a, b) => b.richtafstand_m - a.richtafstand_m),
    totaal_ha: round(affected.reduce((s, r) => s + r.oppervlakte_ha, 0)),
    kavels_in_vlak: rows.filter((r) => r.in_vlak).map((r) => r.id),
  };
}

/** The milieuruimte check for a stored transformatie to wonen/gemengd (undefined otherwise). */
export async function milieuruimteVanTransformatie(db: Queryable, id: number): Promise<Milieuruimte | undefined> {
  const { rows } = await db.query<{ ewkt: string; nieuwe_functie: string; status: string }>(
    `SELECT ST_AsEWKT(geom) AS ewkt, nieuwe_functie, status FROM transformatie WHERE id = $1`, [id],
  );
  const t = rows[0];
  if (!t || t.status === VERVALLEN || !isWoonfunctie(t.nieuwe_functie)) return undefined;
  return milieuruimte(db, t.ewkt, t.nieuwe_functie);
}

/** The check for a drawn (unsaved) shape, with its area. */
export async function checkMilieuruimte(pool: pg.Pool, geometry: unknown, functie: Woonfunctie) {
  return inTransaction(pool, async (client) => {
    const { ewkt, ha } = await prepareGeometry(client, geometry);
    return { ...(await milieuruimte(client, ewkt, functie)), oppervlakte_ha: ha };
  });
}
