// SQL of the tables the register owns: ruimtevraag and bedrijf.
import type pg from 'pg';
import { notFound } from '../http/errors.ts';
import { OPEN_VRAAG_STATUS, type Gebruikspositie, type Reden, type VraagStatus } from '../domain/matching-codes.ts';
import type { MatchVraag } from '../domain/matching-model.ts';
import type { Opzoek, RuimtevraagNieuwT } from '../domain/matching-register.ts';
import type { RuweCel, STANDEN } from '../domain/ruimtevraag-aggregaat.ts';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;
type Client = pg.PoolClient;

// ---------------------------------------------------------------- the register, as shown

const REGISTER_SQL = `
  SELECT r.id, r.min_ha, r.max_ha, r.milieucategorie, r.watergebonden, r.reden, r.voorrang, r.status,
         r.gewenst_vanaf, r.gewenst_tot, r.gewenste_gemeente_ids,
         ARRAY(SELECT g.naam FROM gemeente g WHERE g.id = ANY(r.gewenste_gemeente_ids) ORDER BY g.naam) AS gewenste_gemeenten,
         r.bedrijf_id, b.naam AS bedrijf_naam, b.kvk_nummer, b.sector, b.arbeidsplaatsen, b.gebruikspositie, b.huidige_kavel_id,
         b.milieucategorie_activiteit, r.accountmanager, r.notities, r.bron, r.version, r.updated_at
  FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id`;

/** A register row: the request with its company. */
export interface RegisterRij {
  id: number; min_ha: number; max_ha: number; milieucategorie: string; watergebonden: boolean; reden: Reden; voorrang: boolean;
  status: VraagStatus; gewenst_vanaf: string | null; gewenst_tot: string | null; gewenste_gemeente_ids: number[]; gewenste_gemeenten: string[];
  bedrijf_id: number; bedrijf_naam: string; kvk_nummer: string | null; sector: string | null; arbeidsplaatsen: number | null;
  gebruikspositie: Gebruikspositie | null; huidige_kavel_id: number | null; milieucategorie_activiteit: string | null;
  accountmanager: string | null; notities: string | null; bron: string; version: number; updated_at: string;
}

export interface RegisterFilter {
  status?: string;
  reden?: string;
  milieucategorie?: string;
  /** A wanted gemeente: its id or its name. */
  gemeente?: string;
}

export async function registerRijen(db: Queryable, f: RegisterFilter): Promise<RegisterRij[]> {
  const gemeenteId = f.gemeente && /^\d+$/.test(f.gemeente) ? Number(f.gemeente) : null;
  const gemeenteNaam = f.gemeente && gemeenteId === null ? f.gemeente : null;
  const { rows } = await db.query<RegisterRij>(
    `${REGISTER_SQL}
     WHERE ($1::text IS NULL OR r.status = $1::text) AND ($2::text IS NULL OR r.reden = $2::text)
       AND ($3::text IS NULL OR r.milieucategorie = $3::text)
       AND ($4::int IS NULL OR $4::int = ANY(r.gewenste_gemeente_ids))
       AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM gemeente g WHERE lower(g.naam) = lower($5::text) AND g.id = ANY(r.gewenste_gemeente_ids)))
     ORDER BY r.id`,
    [f.status ?? null, f.reden ?? null, f.milieucategorie ?? null, gemeenteId, gemeenteNaam]);
  return rows;
}

export async function registerRij(db: Queryable, id: number): Promise<RegisterRij> {
  const { rows } = await db.query<RegisterRij>(`${REGISTER_SQL} WHERE r.id = $1`, [id]);
  if (!rows[0]) throw notFound('Ruimtevraag', id);
  return rows[0];
}

/** A cell with the ids of the requests it sums (for the suppression; never published). */
type RuweCelMetLeden = RuweCel & { leden: number[] };

export type RuwAggregaat = {
  totaal: RuweCelMetLeden;
  per_milieucategorie: (RuweCelMetLeden & { milieucategorie: string; volgorde: number })[];
  per_gemeente: (RuweCelMetLeden & { gemeente: string })[];
  per_reden: (RuweCelMetLeden & { reden: string })[];
  per_stand: (RuweCelMetLeden & { stand: (typeof STANDEN)[number] })[];
};

// Open requests (open or in behandeling) per milieucategorie, gewenste gemeente and reason,
// and every request that is not withdrawn by where it stands. One round trip.
const AGGREGAAT_SQL = `
WITH r AS (
  SELECT r.id, r.min_ha, r.max_ha, r.milieucategorie_stelsel, r.milieucategorie, r.reden, r.gewenste_gemeente_ids,
         r.status = ANY ($1::text[]) AS open,
         CASE WHEN EXISTS (SELECT 1 FROM match m WHERE m.ruimtevraag_id = r.id AND m.status = 'gerealiseerd') THEN 'gerealiseerd'
              WHEN EXISTS (SELECT 1 FROM match m WHERE m.ruimtevraag_id = r.id AND m.status NOT IN ('gerealiseerd', 'afgevallen')) THEN 'gematcht'
              ELSE 'ongematcht' END AS stand
  FROM ruimtevraag r WHERE r.status <> 'ingetrokken'
)
SELECT json_build_object(
  'totaal', (SELECT json_build_object('aantal', count(*), 'min_ha', round(coalesce(sum(min_ha), 0)::numeric, 4), 'max_ha', round(coalesce(sum(max_ha), 0)::numeric, 4),
                              'leden', coalesce(array_agg(id), '{}')) FROM r WHERE open),
  'per_milieucategorie', (SELECT coalesce(json_agg(x ORDER BY x.volgorde), '[]') FROM (
      SELECT r.milieucategorie, m.volgorde, count(*) AS aantal, round(sum(r.min_ha)::numeric, 4) AS min_ha, round(sum(r.max_ha)::numeric, 4) AS max_ha,
             array_agg(r.id) AS leden
      FROM r JOIN milieucategorie m ON m.stelsel = r.milieucategorie_stelsel AND m.code = r.milieucategorie
      WHERE r.open GROUP BY r.milieucategorie, m.volgorde) x),
  'per_gemeente', (SELECT coalesce(json_agg(x ORDER BY x.gemeente), '[]') FROM (
      SELECT g.naam AS gemeente, count(*) AS aantal, round(sum(r.min_ha)::numeric, 4) AS min_ha, round(sum(r.max_ha)::numeric, 4) AS max_ha,
             array_agg(r.id) AS leden
      FROM r JOIN gemeente g ON g.id = ANY(r.gewenste_gemeente_ids) WHERE r.open GROUP BY g.naam) x),
  'per_reden', (SELECT coalesce(json_agg(x ORDER BY x.reden), '[]') FROM (
      SELECT r.reden, count(*) AS aantal, round(sum(r.min_ha)::numeric, 4) AS min_ha, round(sum(r.max_ha)::numeric, 4) AS max_ha,
             array_agg(r.id) AS leden FROM r WHERE r.open GROUP BY r.reden) x),
  'per_stand', (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT r.stand, count(*) AS aantal, round(sum(r.min_ha)::numeric, 4) AS min_ha, round(sum(r.max_ha)::numeric, 4) AS max_ha,
             array_agg(r.id) AS leden FROM r GROUP BY r.stand) x)
) AS aggregaat`;

export async function aggregaten(db: Queryable): Promise<RuwAggregaat> {
  return (await db.query<{ aggregaat: RuwAggregaat }>(AGGREGAAT_SQL, [OPEN_VRAAG_STATUS])).rows[0].aggregaat;
}

// ---------------------------------------------------------------- the facts matching uses

export type VraagRij = MatchVraag & {
  bedrijf_id: number; bedrijf_naam: string; kvk_nummer: string | null; status: string; reden: string; milieucategorie: string;
};

const VRAAG_SQL = `
  SELECT r.id, r.bedrijf_id, b.naam AS bedrijf_naam, b.kvk_nummer, r.min_ha, r.max_ha, r.milieucategorie, m.volgorde AS mc,
         r.milieucategorie AS mc_code, r.watergebonden, r.gewenste_gemeente_ids, r.gewenst_vanaf, r.gewenst_tot, r.voorrang,
         r.reden, r.status, b.arbeidsplaatsen, b.huidige_kavel_id
  FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id
  JOIN milieucategorie m ON m.stelsel = r.milieucategorie_stelsel AND m.code = r.milieucategorie`;

const toVraag = (r: VraagRij): VraagRij => ({
  ...r, min_ha: Number(r.min_ha), max_ha: Number(r.max_ha), mc: Number(r.mc),
  gewenste_gemeente_ids: (r.gewenste_gemeente_ids ?? []).map(Number),
  arbeidsplaatsen: r.arbeidsplaatsen === null ? null : Number(r.arbeidsplaatsen),
});

export async function laadVraag(db: Queryable, id: number): Promise<VraagRij> {
  const { rows } = await db.query<VraagRij>(`${VRAAG_SQL} WHERE r.id = $1`, [id]);
  if (!rows[0]) throw notFound('Ruimtevraag', id);
  return toVraag(rows[0]);
}

export async function laadOpenVragen(db: Queryable): Promise<VraagRij[]> {
  const { rows } = await db.query<VraagRij>(`${VRAAG_SQL} WHERE r.status = ANY ($1::text[]) ORDER BY r.id`, [OPEN_VRAAG_STATUS]);
  return rows.map(toVraag);
}

/** Kavels of companies with an open request (other than `behalve`): usable in a relocation chain. */
export async function kavelsVanVragers(db: Queryable, behalve: number | null = null): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT b.huidige_kavel_id AS id FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id
     WHERE r.status = ANY ($1::text[]) AND r.id IS DISTINCT FROM $2::int AND b.huidige_kavel_id IS NOT NULL`, [OPEN_VRAAG_STATUS, behalve]);
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- writes

export async function bestaandeGemeenten(db: Queryable, ids: readonly number[]): Promise<Set<number>> {
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM gemeente WHERE id = ANY($1::int[])`, [ids]);
  return new Set(rows.map((r) => r.id));
}

const VRAAG_KOLOMMEN = ['min_ha', 'max_ha', 'milieucategorie', 'watergebonden', 'gewenste_gemeente_ids', 'gewenst_vanaf', 'gewenst_tot',
  'reden', 'voorrang', 'status', 'accountmanager', 'notities'] as const;
const BEDRIJF_KOLOMMEN = ['naam', 'kvk_nummer', 'sector', 'arbeidsplaatsen', 'huidige_kavel_id', 'gebruikspositie', 'milieucategorie_activiteit'] as const;

/** A new request, with a new company unless `bestaandBedrijf` is given. */
export async function insertVraag(client: Client, invoer: RuimtevraagNieuwT, bron: string, bestaandBedrijf?: number): Promise<{ id: number; bedrijf_id: number }> {
  let bedrijfId = bestaandBedrijf;
  if (bedrijfId === undefined) {
    const b = invoer.bedrijf as Record<string, unknown>;
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO bedrijf (${BEDRIJF_KOLOMMEN.join(', ')}, bron) VALUES (${BEDRIJF_KOLOMMEN.map((_, i) => `$${i + 1}`).join(', ')}, $8) RETURNING id`,
      [...BEDRIJF_KOLOMMEN.map((k) => b[k] ?? null), bron],
    );
    bedrijfId = rows[0].id;
  }
  const v = invoer as Record<string, unknown>;
  const values = VRAAG_KOLOMMEN.map((k) => {
    const x = v[k];
    if (x !== undefined) return x;
    return k === 'watergebonden' || k === 'voorrang' ? false : k === 'gewenste_gemeente_ids' ? [] : k === 'status' ? 'open' : null;
  });
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO ruimtevraag (bedrijf_id, ${VRAAG_KOLOMMEN.join(', ')}, bron)
     VALUES ($1, ${VRAAG_KOLOMMEN.map((k, i) => (k === 'gewenste_gemeente_ids' ? `$${i + 2}::int[]` : `$${i + 2}`)).join(', ')}, $${VRAAG_KOLOMMEN.length + 2})
     RETURNING id`,
    [bedrijfId, ...values, bron],
  );
  return { id: rows[0].id, bedrijf_id: bedrijfId };
}

export async function vergrendelVraag(client: Client, id: number) {
  const { rows } = await client.query(`SELECT * FROM ruimtevraag WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw notFound('Ruimtevraag', id);
  return rows[0] as { bedrijf_id: number; version: number; min_ha: number; max_ha: number; gewenst_vanaf: string | null; gewenst_tot: string | null } & Record<string, unknown>;
}

/** Changes these company fields (names from BedrijfVelden, checked by the schema). */
export async function wijzigBedrijf(client: Client, bedrijfId: number, velden: Record<string, unknown>) {
  const entries = Object.entries(velden).filter(([k]) => (BEDRIJF_KOLOMMEN as readonly string[]).includes(k));
  if (!entries.length) return;
  await client.query(`UPDATE bedrijf SET ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [bedrijfId, ...entries.map(([, v]) => v)]);
}

/**
 * Changes these request fields when the version still is `version` (false otherwise).
 * A change to the company alone still moves the request's version, so the next edit sees it.
 */
export async function wijzigVraag(client: Client, id: number, version: number, velden: Record<string, unknown>): Promise<boolean> {
  const sets = VRAAG_KOLOMMEN.filter((k) => velden[k] !== undefined);
  const assignments = sets.length ? sets.map((k, i) => `${k} = $${i + 3}${k === 'gewenste_gemeente_ids' ? '::int[]' : ''}`) : ['status = status'];
  const { rowCount } = await client.query(`UPDATE ruimtevraag SET ${assignments.join(', ')} WHERE id = $1 AND version = $2`,
    [id, version, ...sets.map((k) => velden[k])]);
  return (rowCount ?? 0) > 0;
}

/** Companies already known by KvK-nummer (the lowest id per number). */
export async function bedrijvenOpKvk(client: Client, kvks: readonly string[]): Promise<Map<string, number>> {
  if (!kvks.length) return new Map();
  const { rows } = await client.query<{ id: number; kvk_nummer: string }>(
    `SELECT DISTINCT ON (kvk_nummer) id, kvk_nummer FROM bedrijf WHERE kvk_nummer = ANY($1::text[]) ORDER BY kvk_nummer, id`, [kvks]);
  return new Map(rows.map((r) => [r.kvk_nummer, r.id]));
}

/** Reference data the CSV import checks against. */
export async function opzoekLijsten(db: Queryable): Promise<Opzoek> {
  const mc = await db.query<{ code: string }>(`SELECT code FROM milieucategorie WHERE stelsel = 'VNG2009'`);
  const gm = await db.query<{ id: number; naam: string }>(`SELECT id, naam FROM gemeente`);
  const kv = await db.query<{ id: number }>(`SELECT id FROM kavel`);
  return {
    milieucategorieen: new Set(mc.rows.map((r) => r.code)),
    gemeenten: new Map(gm.rows.map((r) => [r.naam.toLowerCase(), r.id])),
    kavelIds: new Set(kv.rows.map((r) => r.id)),
  };
}
