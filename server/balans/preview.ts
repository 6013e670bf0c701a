// What saving a draft transformatie or compensatie would do to the balance:
// the draft is written inside a transaction, the balance computed before and
// after, and the transaction always rolled back — nothing is ever stored.
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import { prepareGeometry } from '../editor/geometry.ts';
import { gemeenteOfGeometry } from '../editor/placement.ts';
import { computeBalans, type Balans } from './service.ts';

export interface Draft {
  laag: 'transformatie' | 'compensatie';
  id?: number;
  geometry: unknown;
  properties?: { nieuwe_functie?: 'wonen' | 'gemengd' | 'overig'; status?: string; milieucategorie_max?: string | null; gemeente_id?: number };
}

const delta = (voor: number, na: number) => ({ voor, na, verschil: Math.round((na - voor) * 10_000) / 10_000 });

function compare(voor: Balans, na: Balans) {
  const gemeenten = new Set([...voor.per_gemeente, ...na.per_gemeente].map((g) => g.gemeente));
  const categorieen = new Set([...voor.per_milieucategorie, ...na.per_milieucategorie].map((c) => c.milieucategorie));
  return {
    regio: {
      netto_verloren_ha: delta(voor.regio.netto_verloren.ha, na.regio.netto_verloren.ha),
      compensatie_ha: delta(voor.regio.compensatie_totaal.ha, na.regio.compensatie_totaal.ha),
      saldo_ha: delta(voor.regio.saldo_ha, na.regio.saldo_ha),
    },
    per_gemeente: [...gemeenten].sort((a, b) => a.localeCompare(b, 'nl')).map((gemeente) => {
      const v = voor.per_gemeente.find((g) => g.gemeente === gemeente);
      const n = na.per_gemeente.find((g) => g.gemeente === gemeente);
      return {
        gemeente,
        verloren_ha: delta(v?.verloren.ha ?? 0, n?.verloren.ha ?? 0),
        restant_ha: delta(v?.restant_ha ?? 0, n?.restant_ha ?? 0),
      };
    }).filter((g) => g.verloren_ha.verschil !== 0 || g.restant_ha.verschil !== 0),
    per_milieucategorie: [...categorieen].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true })).map((milieucategorie) => {
      const v = voor.per_milieucategorie.find((c) => c.milieucategorie === milieucategorie);
      const n = na.per_milieucategorie.find((c) => c.milieucategorie === milieucategorie);
      return {
        milieucategorie,
        verloren_ha: delta(v?.verloren.ha ?? 0, n?.verloren.ha ?? 0),
        gecompenseerd_ha: delta(v?.gecompenseerd.ha ?? 0, n?.gecompenseerd.ha ?? 0),
      };
    }).filter((c) => c.verloren_ha.verschil !== 0 || c.gecompenseerd_ha.verschil !== 0),
  };
}

export async function previewBalans(pool: pg.Pool, draft: Draft, peildatum: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const opties = { tijdstip: 'infinity', peildatum };
    const voor = await computeBalans(client, opties);
    const { ewkt } = await prepareGeometry(client, draft.geometry);
    const table = draft.laag;
    if (draft.id !== undefined) {
      const { rowCount } = await client.query(
        `UPDATE ${table} SET geom = ST_GeomFromEWKT($2) ${draft.laag === 'transformatie' && draft.properties?.nieuwe_functie ? ', nieuwe_functie = $3' : ''}
         WHERE id = $1`,
        draft.laag === 'transformatie' && draft.properties?.nieuwe_functie ? [draft.id, ewkt, draft.properties.nieuwe_functie] : [draft.id, ewkt],
      );
      if (!rowCount) throw new ApiError(404, 'niet_gevonden', `${draft.laag === 'transformatie' ? 'Transformatie' : 'Compensatie'} ${draft.id} bestaat niet.`);
    } else {
      const gemeenteId = draft.properties?.gemeente_id ?? (await gemeenteOfGeometry(client, ewkt));
      if (draft.laag === 'transformatie') {
        await client.query(
          `INSERT INTO transformatie (naam, gemeente_id, nieuwe_functie, status, geom, bron)
           VALUES ('(ontwerp)', $1, $2, $3, ST_GeomFromEWKT($4), 'gebruiker')`,
          [gemeenteId, draft.properties?.nieuwe_functie ?? 'wonen', draft.properties?.status ?? 'idee', ewkt],
        );
      } else {
        await client.query(
          `INSERT INTO compensatie (naam, gemeente_id, milieucategorie_max, status, geom, bron)
           VALUES ('(ontwerp)', $1, $2, $3, ST_GeomFromEWKT($4), 'gebruiker')`,
          [gemeenteId, draft.properties?.milieucategorie_max ?? null, draft.properties?.status ?? 'gepland', ewkt],
        );
      }
    }
    const na = await computeBalans(client, opties);
    return compare(voor, na);
  } catch (err) {
    const e = err as { code?: string };
    if (e.code === '23503' || e.code === '23514') throw new ApiError(422, 'ongeldige_waarde', 'Een waarde van het ontwerp klopt niet.');
    throw err;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
