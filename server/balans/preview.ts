// What saving a draft transformatie or compensatie would do to the balance: a
// read-only what-if. The geometry is checked first and the actor's gemeente next; then,
// in a READ ONLY transaction bounded by a statement timeout, the draft is joined into
// the computation (its netto verloren by the same SQL function the triggers use, and
// what the younger transformaties under it would lose) and the balance computed with
// and without it. Nothing is written, nothing is locked.
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import { prepareGeometry } from '../editor/geometry.ts';
import { assertMayEdit, gemeenteOfGeometry } from '../editor/placement.ts';
import type { Actor } from '../domain/roles.ts';
import { today } from '../domain/dates.ts';
import { leesStand, type Moment, type Stand } from './queries.ts';
import { balansUit, type Balans } from './service.ts';

export interface Draft {
  laag: 'transformatie' | 'compensatie';
  id?: number;
  geometry: unknown;
  properties?: { nieuwe_functie?: 'wonen' | 'gemengd' | 'overig'; status?: string; milieucategorie_max?: string | null; gemeente_id?: number };
}

/** The longest a preview may run; on PostgreSQL the database cancels it. */
export const PREVIEW_TIMEOUT_MS = 10_000;
/** The most vertices a draft may have: bounds the overlays where no timeout can (embedded database). */
export const MAX_PUNTEN = 5_000;
/** Stands in for the id of a new draft: younger than every record. */
const NIEUW_ID = 2_147_483_647;

const delta = (voor: number, na: number) => ({ voor, na, verschil: na - voor });
type Delta = ReturnType<typeof delta>;
type Ha = { ha: number };

/** Before and after of each named figure; a row missing on one side counts as 0 ha. */
function deltas<R, F extends string>(velden: Record<F, (r: R) => Ha>, voor: R | undefined, na: R | undefined): Record<F, Delta> {
  const ha = (r: R | undefined, veld: (r: R) => Ha) => (r ? veld(r).ha : 0);
  return Object.fromEntries((Object.entries(velden) as [F, (r: R) => Ha][]).map(([naam, veld]) => [naam, delta(ha(voor, veld), ha(na, veld))])) as Record<F, Delta>;
}

const veranderd = (x: Delta) => Math.abs(x.verschil) > 1e-9;

/** A breakdown (per gemeente, per milieucategorie) before and after: only the rows with a figure that changed. */
function breakdown<R, F extends string>(voor: R[], na: R[], sleutel: (r: R) => string, velden: Record<F, (r: R) => Ha>) {
  const sleutels = [...new Set([...voor, ...na].map(sleutel))];
  return sleutels
    .map((k) => ({ sleutel: k, ...deltas(velden, voor.find((r) => sleutel(r) === k), na.find((r) => sleutel(r) === k)) }))
    .filter((rij) => (Object.keys(velden) as F[]).some((f) => veranderd(rij[f] as Delta)));
}

const REGIO = {
  netto_verloren_ha: (r) => r.netto_verloren,
  vereiste_compensatie_ha: (r) => r.vereiste_compensatie,
  toegewezen_ha: (r) => r.toegewezen,
  nog_toe_te_wijzen_ha: (r) => r.nog_toe_te_wijzen,
  restant_ha: (r) => r.restant,
  compensatie_ha: (r) => r.compensatie_totaal,
  compensatie_zonder_toewijzing_ha: (r) => r.compensatie_zonder_toewijzing,
} satisfies Record<string, (r: Balans['regio']) => Ha>;

function compare(voor: Balans, na: Balans) {
  type G = Balans['per_gemeente'][number];
  type C = Balans['per_milieucategorie'][number];
  const perGemeente = breakdown(voor.per_gemeente, na.per_gemeente, (g: G) => g.gemeente, {
    verloren_ha: (g) => g.verloren, nog_toe_te_wijzen_ha: (g) => g.nog_toe_te_wijzen, restant_ha: (g) => g.restant,
  });
  const perCategorie = breakdown(voor.per_milieucategorie, na.per_milieucategorie, (c: C) => c.milieucategorie, {
    verloren_ha: (c) => c.verloren, compensatie_ha: (c) => c.compensatie,
  });
  return {
    regio: deltas(REGIO, voor.regio, na.regio),
    per_gemeente: perGemeente
      .sort((a, b) => a.sleutel.localeCompare(b.sleutel, 'nl'))
      .map(({ sleutel, ...rest }) => ({ gemeente: sleutel, ...rest })),
    per_milieucategorie: perCategorie.map(({ sleutel, ...rest }) => ({ milieucategorie: sleutel, ...rest })),
  };
}

async function whatIf(client: pg.PoolClient, draft: Draft, ewkt: string, gemeente: { id: number; naam: string }, stand: Stand): Promise<Stand> {
  const p = draft.properties ?? {};
  if (draft.laag === 'compensatie') {
    const { rows } = await client.query<{ ha: number; buiten: boolean }>(
      `SELECT ST_Area(g) / 10000 AS ha, compensatie_buiten_regio(g, $2) AS buiten FROM ST_GeomFromEWKT($1) g`, [ewkt, gemeente.id]);
    const bestaand = stand.compensaties.find((c) => c.id === draft.id);
    const rij = {
      id: draft.id ?? -1, naam: bestaand?.naam ?? '(ontwerp)', gemeente_id: gemeente.id,
      status: p.status ?? bestaand?.status ?? 'gepland', planstatus: bestaand?.planstatus ?? 'zacht',
      milieucategorie_max: p.milieucategorie_max !== undefined ? p.milieucategorie_max : bestaand?.milieucategorie_max ?? null,
      oppervlakte_ha: rows[0].ha, buiten_regio: rows[0].buiten,
    };
    return { ...stand, compensaties: [...stand.compensaties.filter((c) => c.id !== draft.id), rij] };
  }
  // The draft's own figure, and those of the younger transformaties under its old or new shape.
  const status = p.status ?? stand.transformaties.find((t) => t.id === draft.id)?.status ?? 'idee';
  const { rows } = await client.query<{ id: number; netto_ha: number | null; per_categorie: Record<string, { ha: number; kavels: number[] }> | null }>(
    `WITH d AS (SELECT ST_GeomFromEWKT($1) AS g, (SELECT geom FROM transformatie WHERE id = $2) AS oud)
     SELECT $2::integer AS id, v.netto_ha, v.per_categorie FROM d CROSS JOIN LATERAL transformatie_verlies(d.g, $2, $3) v
     UNION ALL
     SELECT y.id, v.netto_ha, v.per_categorie
     FROM d JOIN transformatie y ON y.id > $2 AND y.status <> 'vervallen'
       AND ((y.geom && d.g AND ST_Intersects(y.geom, d.g)) OR (y.geom && d.oud AND ST_Intersects(y.geom, d.oud)))
     CROSS JOIN LATERAL transformatie_verlies(y.geom, y.id, y.status, $2, d.g) v
     WHERE $2 <> ${NIEUW_ID}`,
    [ewkt, draft.id ?? NIEUW_ID, status],
  );
  const nieuw = new Map(rows.map((r) => [r.id, r]));
  const eigen = nieuw.get(draft.id ?? NIEUW_ID)!;
  const bestaand = stand.transformaties.find((t) => t.id === draft.id);
  const rij = {
    id: draft.id ?? -1, naam: bestaand?.naam ?? '(ontwerp)', gemeente_id: gemeente.id, gemeente: gemeente.naam, status,
    nieuwe_functie: p.nieuwe_functie ?? bestaand?.nieuwe_functie ?? 'wonen',
    datum_terinzagelegging: bestaand?.datum_terinzagelegging ?? null, datum_vaststelling: bestaand?.datum_vaststelling ?? null,
    netto_verloren_ha: eigen.netto_ha, verlies_per_categorie: eigen.per_categorie,
  };
  const transformaties = stand.transformaties
    .filter((t) => t.id !== draft.id)
    .map((t) => {
      const n = nieuw.get(t.id);
      return n ? { ...t, netto_verloren_ha: n.netto_ha, verlies_per_categorie: n.per_categorie } : t;
    });
  return { ...stand, transformaties: [...transformaties, rij] };
}

export async function previewBalans(pool: pg.Pool, actor: Actor, draft: Draft) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    // Bounded: PostgreSQL cancels a statement past the timeout (the embedded database
    // ignores it; there the work is bounded by the indexed, local computation).
    await client.query(`SET LOCAL statement_timeout = ${PREVIEW_TIMEOUT_MS}`);
    await client.query('SET LOCAL jit = off');
    const { ewkt } = await prepareGeometry(client, draft.geometry);
    // The overlays grow with the vertices; a drawing is never this detailed.
    const { rows: punten } = await client.query<{ n: number }>(`SELECT ST_NPoints(ST_GeomFromEWKT($1)) AS n`, [ewkt]);
    if (punten[0].n > MAX_PUNTEN) {
      throw new ApiError(422, 'te_complex', `Het ontwerp heeft ${punten[0].n.toLocaleString('nl-NL')} punten; een voorbeeldberekening kan er ten hoogste ${MAX_PUNTEN.toLocaleString('nl-NL')}. Vereenvoudig het vlak.`,
        { reden: 'te_complex', punten: punten[0].n, max: MAX_PUNTEN });
    }

    let gemeenteId: number;
    if (draft.id !== undefined) {
      const { rows } = await client.query<{ gemeente_id: number; status: string }>(
        `SELECT gemeente_id, status FROM ${draft.laag} WHERE id = $1`, [draft.id]);
      if (!rows[0]) throw new ApiError(404, 'niet_gevonden', `${draft.laag === 'transformatie' ? 'Transformatie' : 'Compensatie'} ${draft.id} bestaat niet.`);
      assertMayEdit(actor, rows[0].gemeente_id);
      gemeenteId = draft.properties?.gemeente_id ?? rows[0].gemeente_id;
    } else {
      gemeenteId = draft.properties?.gemeente_id ?? (await gemeenteOfGeometry(client, ewkt));
    }
    assertMayEdit(actor, gemeenteId);
    const { rows: g } = await client.query<{ id: number; naam: string }>(`SELECT id, naam FROM gemeente WHERE id = $1`, [gemeenteId]);
    if (!g[0]) throw new ApiError(422, 'onbekende_verwijzing', `Gemeente ${gemeenteId} bestaat niet.`);

    const moment: Moment = { soort: 'actueel', peildatum: today() };
    const stand = await leesStand(client, moment);
    const na = await whatIf(client, draft, ewkt, g[0], stand);
    await client.query('COMMIT');
    return compare(balansUit(stand, moment), balansUit(na, moment));
  } catch (err) {
    if ((err as { code?: string }).code === '57014') {
      throw new ApiError(422, 'te_complex', 'Het effect van dit ontwerp op de balans is niet binnen de tijd te berekenen. Vereenvoudig het vlak of maak het kleiner.');
    }
    throw err;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
