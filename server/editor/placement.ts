// Gemeente choice and place: where a drawn polygon may lie (in the region; for a
// werkgroep member where its own gemeente holds the largest part), which gemeente
// the record belongs to, whether the actor may edit that gemeente, and that a kavel
// lies within its terrein. The rules are pure (server/domain/gemeente-keuze.ts,
// roles.ts); this module measures for them and turns a refusal into a Dutch 4xx.
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import { mayEditGemeente, type Actor } from '../domain/roles.ts';
import { kavelBinnenTerrein, kiesGemeente, werkgroepMagTekenen, type GemeenteInVlak } from '../domain/gemeente-keuze.ts';
import type { WritableLayer } from './writable.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Region gemeenten under a geometry, largest share first (migration 007). */
export async function gemeentenInVlak(db: Queryable, ewkt: string): Promise<GemeenteInVlak[]> {
  const { rows } = await db.query<{ g: GemeenteInVlak[] }>(`SELECT gemeenten_onder(ST_GeomFromEWKT($1)) AS g`, [ewkt]);
  return rows[0].g;
}

/** Terreinen under a geometry, largest share first (migration 007). */
export async function terreinenInVlak(db: Queryable, ewkt: string): Promise<{ id: number; naam: string | null; ha: number }[]> {
  const { rows } = await db.query<{ t: { id: number; naam: string | null; ha: number }[] }>(`SELECT terreinen_onder(ST_GeomFromEWKT($1)) AS t`, [ewkt]);
  return rows[0].t;
}

/** The gemeente holding most of a geometry; 422 when it lies outside the six. */
export async function gemeenteOfGeometry(db: Queryable, ewkt: string): Promise<number> {
  return gekozenGemeente(await gemeentenInVlak(db, ewkt));
}

/** The gemeente a drawn record belongs to (server/domain/gemeente-keuze.ts), or the 422 why not. */
export function gekozenGemeente(onder: GemeenteInVlak[], gevraagd?: number, huidig?: number): number {
  const keuze = kiesGemeente(onder, gevraagd, huidig);
  if (!keuze.ok) {
    throw new ApiError(422, keuze.code, keuze.message, {
      reden: keuze.code, ...(keuze.code === 'gemeente_buiten_vlak' ? { gemeenten: onder } : {}),
    });
  }
  return keuze.gemeente_id;
}

/**
 * Where a new or reshaped polygon may lie: in the region, and for a werkgroep member
 * where its own gemeente holds the largest part (server/domain/gemeente-keuze.ts).
 * `wat` names the shape in the message ("Dit vlak", "Deel 2 van de splitsing", …).
 * Returns the gemeenten under it, largest first.
 */
export async function assertPlaats(db: Queryable, actor: Actor, ewkt: string, wat?: string): Promise<GemeenteInVlak[]> {
  const onder = await gemeentenInVlak(db, ewkt);
  if (onder.length === 0) gekozenGemeente(onder); // throws buiten_regio
  if (actor.rol === 'werkgroep') {
    const recht = werkgroepMagTekenen(onder, actor.gemeente_id ?? -1, wat);
    if (!recht.ok) throw new ApiError(403, recht.code, recht.message, { reden: recht.code, gemeenten: onder });
  }
  return onder;
}

/** The gemeente of a record (or of the values about to be written): its own column, or its terrein's. */
export async function gemeenteOfRecord(db: Queryable, layer: WritableLayer, values: Record<string, unknown>): Promise<number> {
  if (layer.gemeente === 'column') return values.gemeente_id as number;
  const { rows } = await db.query<{ gemeente_id: number }>(`SELECT gemeente_id FROM terrein WHERE id = $1`, [values.terrein_id]);
  if (!rows[0]) throw new ApiError(422, 'terrein_onbekend', `Terrein ${String(values.terrein_id)} bestaat niet.`);
  return rows[0].gemeente_id;
}

export const ANDERE_GEMEENTE_MELDING = 'U mag alleen gegevens van uw eigen gemeente wijzigen.';

export function assertMayEdit(actor: Actor, gemeenteId: number) {
  if (!mayEditGemeente(actor, gemeenteId)) throw new ApiError(403, 'andere_gemeente', ANDERE_GEMEENTE_MELDING);
}

/** A kavel lies within its terrein (every role); 422 kavel_buiten_terrein with the hectares outside. */
export async function assertKavelInTerrein(db: Queryable, ewkt: string, terreinId: unknown): Promise<void> {
  const { rows } = await db.query<{ id: number; naam: string | null; a_m2: number; binnen_m2: number; buiten_m2: number }>(
    `SELECT t.id, t.naam, ST_Area(k.g) AS a_m2,
            coalesce(ST_Area(ST_Intersection(k.g, t.geom, 0.001)), 0) AS binnen_m2,
            coalesce(ST_Area(ST_Difference(k.g, t.geom, 0.001)), 0) AS buiten_m2
     FROM terrein t, (SELECT ST_GeomFromEWKT($1) AS g) k WHERE t.id = $2`,
    [ewkt, terreinId],
  );
  const r = rows[0];
  if (!r) throw new ApiError(422, 'terrein_onbekend', `Terrein ${String(terreinId)} bestaat niet.`, { reden: 'terrein_onbekend' });
  // Guard: inside and outside must add up (an overlay of the embedded PostGIS can come back empty).
  if (Math.abs(r.binnen_m2 + r.buiten_m2 - r.a_m2) > 1) {
    throw new ApiError(422, 'meting_mislukt', 'Of de kavel binnen zijn terrein ligt, kon niet worden berekend. Vereenvoudig het vlak en probeer het opnieuw.');
  }
  const plaats = kavelBinnenTerrein(r.buiten_m2, r);
  if (!plaats.ok) {
    throw new ApiError(422, plaats.code, plaats.message, { reden: plaats.code, terrein_id: r.id, buiten_ha: r.buiten_m2 / 10_000 });
  }
}
