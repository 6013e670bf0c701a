// SQL of the tables matching owns — matching_instelling, match, match_kavel,
// match_stap, regio_resultaat — and the kavel facts it reads. The candidate search
// is in kandidaat-queries.ts; the requests are read through server/ruimtevragen/queries.ts.
import type pg from 'pg';
import { ApiError, notFound } from '../http/errors.ts';
import { OPEN_VRAAG_STATUS, volgendeStatussen, type MatchStatus } from '../domain/matching-codes.ts';
import { INSTELLING_GRENZEN, instellingenUit, isInstelling, type Instellingen, type MatchKavel } from '../domain/matching-model.ts';
import type { RegioUitkomst, VasteMatch } from '../domain/matching-solver.ts';

export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;
type Client = pg.PoolClient;

// ---------------------------------------------------------------- settings

export async function laadInstellingen(db: Queryable): Promise<Instellingen> {
  const { rows } = await db.query<{ sleutel: string; waarde: number }>(`SELECT sleutel, waarde FROM matching_instelling`);
  return instellingenUit(Object.fromEntries(rows.map((r) => [r.sleutel, Number(r.waarde)])));
}

/** The stored settings, each with its bounds (for the form). */
export async function instellingenLijst(db: Queryable) {
  const { rows } = await db.query<{ sleutel: string; waarde: number; omschrijving: string; version: number }>(
    `SELECT sleutel, waarde, omschrijving, version FROM matching_instelling ORDER BY sleutel`);
  return rows.map((r) => ({ ...r, waarde: Number(r.waarde), ...(isInstelling(r.sleutel) ? INSTELLING_GRENZEN[r.sleutel] : {}) }));
}

/** False when there is no such setting. */
export async function zetInstelling(client: Client, sleutel: string, waarde: number): Promise<boolean> {
  const res = await client.query(`UPDATE matching_instelling SET waarde = $2 WHERE sleutel = $1`, [sleutel, waarde]);
  return (res.rowCount ?? 0) > 0;
}

// ---------------------------------------------------------------- kavel facts

export type KavelRij = MatchKavel & { terrein: string; gemeente: string; mc_max_code: string };

const KAVEL_SQL = `
  SELECT k.id, k.naam, k.terrein_id, t.naam AS terrein, t.gemeente_id, g.naam AS gemeente, g.in_regio, k.status, k.planstatus,
         mn.volgorde AS mc_min, mx.volgorde AS mc_max, k.milieucategorie_min AS mc_min_code, k.milieucategorie_max AS mc_max_code,
         k.watergebonden, k.beschikbaar_vanaf, k.oppervlakte_ha AS ha,
         ST_X(ST_PointOnSurface(k.geom)) AS x, ST_Y(ST_PointOnSurface(k.geom)) AS y
  FROM kavel k JOIN terrein t ON t.id = k.terrein_id JOIN gemeente g ON g.id = t.gemeente_id
  JOIN milieucategorie mx ON mx.stelsel = k.milieucategorie_stelsel AND mx.code = k.milieucategorie_max
  LEFT JOIN milieucategorie mn ON mn.stelsel = k.milieucategorie_stelsel AND mn.code = k.milieucategorie_min`;

/** The facts of these kavels (for the score and the answer). */
export async function laadKavelsOpId(db: Queryable, ids: readonly number[]): Promise<KavelRij[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query(`${KAVEL_SQL} WHERE k.id = ANY($1::int[]) ORDER BY k.id`, [ids]);
  return rows.map((r) => ({ ...r, ha: Number(r.ha), x: Number(r.x), y: Number(r.y), mc_min: r.mc_min === null ? null : Number(r.mc_min), mc_max: Number(r.mc_max) }));
}

/** These kavels with their status, locked for the caller's transaction. */
export async function vergrendelKavelsVanMatch(client: Client, matchId: number) {
  const { rows } = await client.query<{ kavel_id: number; status: string }>(
    `SELECT mk.kavel_id, k.status FROM match_kavel mk JOIN kavel k ON k.id = mk.kavel_id WHERE mk.match_id = $1 ORDER BY mk.kavel_id FOR UPDATE OF k`,
    [matchId]);
  return rows;
}

// ---------------------------------------------------------------- matches

/** Accepted matches of open requests (their kavels in optie): fixed in the regional model. */
export async function laadLopendeMatches(db: Queryable): Promise<VasteMatch[]> {
  const { rows } = await db.query(
    `SELECT m.id AS match_id, m.ruimtevraag_id AS vraag_id, m.status, m.score,
            array_agg(mk.kavel_id ORDER BY mk.kavel_id) AS kavel_ids
     FROM match m JOIN match_kavel mk ON mk.match_id = m.id AND mk.actief
     JOIN ruimtevraag r ON r.id = m.ruimtevraag_id AND r.status = ANY ($1::text[])
     GROUP BY m.id ORDER BY m.id`, [OPEN_VRAAG_STATUS]);
  return rows.map((r) => ({ match_id: r.match_id, vraag_id: r.vraag_id, status: r.status, score: r.score === null ? null : Number(r.score),
    kavel_ids: (r.kavel_ids as unknown[]).map(Number) }));
}

/** Requests with a match still under way (not afgevallen, not gerealiseerd). */
export async function vragenMetLopendeMatch(db: Queryable): Promise<Set<number>> {
  const { rows } = await db.query<{ ruimtevraag_id: number }>(
    `SELECT DISTINCT ruimtevraag_id FROM match WHERE status NOT IN ('afgevallen', 'gerealiseerd')`);
  return new Set(rows.map((x) => x.ruimtevraag_id));
}

export async function insertMatch(client: Client, vraagId: number, score: number, criteria: unknown, kavelIds: readonly number[]): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO match (ruimtevraag_id, score, criteria) VALUES ($1, $2, $3::jsonb) RETURNING id`, [vraagId, score, JSON.stringify(criteria)]);
  const id = rows[0].id;
  for (const k of kavelIds) await client.query(`INSERT INTO match_kavel (match_id, kavel_id) VALUES ($1, $2)`, [id, k]);
  return id;
}

export interface StapRij {
  matchId: number;
  van: MatchStatus | null;
  naar: MatchStatus;
  datum: string;
  persoon: string;
  reden: string;
  accountId: number;
}

export async function insertStap(client: Client, s: StapRij) {
  await client.query(
    `INSERT INTO match_stap (match_id, van_status, naar_status, datum, persoon, reden, account_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [s.matchId, s.van, s.naar, s.datum, s.persoon, s.reden, s.accountId]);
}

export async function vergrendelMatch(client: Client, id: number): Promise<{ id: number; ruimtevraag_id: number; status: MatchStatus; version: number }> {
  const { rows } = await client.query(`SELECT id, ruimtevraag_id, status, version FROM match WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw notFound('Match', id);
  return rows[0];
}

/** False when the version moved on meanwhile. */
export async function zetMatchStatus(client: Client, id: number, version: number, status: MatchStatus, oudeKavel: number | null): Promise<boolean> {
  const upd = await client.query(`UPDATE match SET status = $3, oude_kavel_id = coalesce($4, oude_kavel_id) WHERE id = $1 AND version = $2`,
    [id, version, status, oudeKavel]);
  return (upd.rowCount ?? 0) > 0;
}

/** Accept: the kavels go in optie (the unique index refuses a kavel another active match holds). */
export async function zetKavelsInOptie(client: Client, matchId: number, vraagId: number) {
  await client.query(`UPDATE match_kavel mk SET actief = true, status_voor = k.status FROM kavel k WHERE k.id = mk.kavel_id AND mk.match_id = $1`, [matchId]);
  await client.query(`UPDATE kavel SET status = 'in_optie' WHERE id IN (SELECT kavel_id FROM match_kavel WHERE match_id = $1)`, [matchId]);
  await client.query(`UPDATE ruimtevraag SET status = 'in_behandeling' WHERE id = $1 AND status = 'open'`, [vraagId]);
}

/** Release: the kavels return to the status they had before the option; the request is open again when nothing else holds kavels for it. */
export async function laatKavelsVrij(client: Client, matchId: number, vraagId: number) {
  await client.query(
    `UPDATE kavel k SET status = mk.status_voor FROM match_kavel mk
     WHERE mk.match_id = $1 AND mk.actief AND k.id = mk.kavel_id AND k.status = 'in_optie' AND mk.status_voor IS NOT NULL`, [matchId]);
  await client.query(`UPDATE match_kavel SET actief = false WHERE match_id = $1 AND actief`, [matchId]);
  await client.query(
    `UPDATE ruimtevraag r SET status = 'open' WHERE r.id = $1 AND r.status = 'in_behandeling'
       AND NOT EXISTS (SELECT 1 FROM match m2 JOIN match_kavel mk ON mk.match_id = m2.id
                       WHERE m2.ruimtevraag_id = r.id AND m2.id <> $2 AND mk.actief)`, [vraagId, matchId]);
}

/**
 * The company moves: its new kavels become bezet (and are no longer held by the
 * match, so they can be matched again when they come free), its old kavel becomes
 * schuifruimte (vrijkomend from the step's date), and the request is gematcht.
 * Returns the kavel it left, if any.
 */
export async function realiseer(client: Client, matchId: number, vraagId: number, datum: string): Promise<number | null> {
  const { rows: ks } = await client.query<{ kavel_id: number }>(`SELECT kavel_id FROM match_kavel WHERE match_id = $1 ORDER BY kavel_id`, [matchId]);
  const nieuw = ks.map((k) => k.kavel_id);
  await client.query(`UPDATE kavel SET status = 'bezet' WHERE id = ANY($1::int[])`, [nieuw]);
  await client.query(`UPDATE match_kavel SET actief = false WHERE match_id = $1 AND actief`, [matchId]);
  const { rows: b } = await client.query<{ id: number; huidige_kavel_id: number | null }>(
    `SELECT b.id, b.huidige_kavel_id FROM bedrijf b JOIN ruimtevraag r ON r.bedrijf_id = b.id WHERE r.id = $1 FOR UPDATE OF b`, [vraagId]);
  const oud = b[0].huidige_kavel_id;
  if (oud !== null && !nieuw.includes(oud)) {
    await client.query(`UPDATE kavel SET status = 'vrijkomend', beschikbaar_vanaf = $2::date WHERE id = $1 AND status = 'bezet'`, [oud, datum]);
    // Another match may already hold the old kavel in optie (a relocation chain): when
    // that match falls through, the kavel returns to vrijkomend, not to bezet.
    await client.query(`UPDATE match_kavel SET status_voor = 'vrijkomend' WHERE kavel_id = $1 AND actief AND status_voor = 'bezet'`, [oud]);
    await client.query(`UPDATE kavel SET beschikbaar_vanaf = $2::date WHERE id = $1 AND status = 'in_optie'`, [oud, datum]);
  }
  await client.query(`UPDATE bedrijf SET huidige_kavel_id = $2 WHERE id = $1`, [b[0].id, nieuw[0]]);
  await client.query(`UPDATE ruimtevraag SET status = 'gematcht' WHERE id = $1`, [vraagId]);
  return oud !== null && !nieuw.includes(oud) ? oud : null;
}

export async function haalMatch(db: Queryable, id: number) {
  const { rows } = await db.query(
    `SELECT m.id, m.ruimtevraag_id, m.status, m.score, m.criteria, m.version, m.created_at, m.updated_at, m.oude_kavel_id,
            b.naam AS bedrijf_naam, b.kvk_nummer, r.status AS ruimtevraag_status,
            coalesce((SELECT json_agg(json_build_object('kavel_id', mk.kavel_id, 'naam', k.naam, 'status', k.status, 'actief', mk.actief,
                        'oppervlakte_ha', k.oppervlakte_ha, 'terrein', t.naam) ORDER BY mk.kavel_id)
                      FROM match_kavel mk JOIN kavel k ON k.id = mk.kavel_id JOIN terrein t ON t.id = k.terrein_id
                      WHERE mk.match_id = m.id), '[]'::json) AS kavels,
            coalesce((SELECT json_agg(json_build_object('van_status', s.van_status, 'naar_status', s.naar_status, 'datum', s.datum,
                        'persoon', s.persoon, 'reden', s.reden, 'door', a.naam, 'tijdstip', s.tijdstip) ORDER BY s.id)
                      FROM match_stap s LEFT JOIN account a ON a.id = s.account_id WHERE s.match_id = m.id), '[]'::json) AS stappen
     FROM match m JOIN ruimtevraag r ON r.id = m.ruimtevraag_id JOIN bedrijf b ON b.id = r.bedrijf_id
     WHERE m.id = $1`, [id]);
  if (!rows[0]) throw notFound('Match', id);
  return { ...rows[0], score: rows[0].score === null ? null : Number(rows[0].score), volgende_statussen: volgendeStatussen(rows[0].status) };
}

export async function lijstMatches(db: Queryable, filter: { ruimtevraag_id?: number; status?: string }) {
  const { rows } = await db.query(
    `SELECT m.id, m.ruimtevraag_id, m.status, m.score, m.version, m.oude_kavel_id, b.naam AS bedrijf_naam,
            ARRAY(SELECT mk.kavel_id FROM match_kavel mk WHERE mk.match_id = m.id ORDER BY mk.kavel_id) AS kavel_ids,
            EXISTS (SELECT 1 FROM match_kavel mk WHERE mk.match_id = m.id AND mk.actief) AS actief, m.updated_at
     FROM match m JOIN ruimtevraag r ON r.id = m.ruimtevraag_id JOIN bedrijf b ON b.id = r.bedrijf_id
     WHERE ($1::int IS NULL OR m.ruimtevraag_id = $1::int) AND ($2::text IS NULL OR m.status = $2::text)
     ORDER BY m.id`, [filter.ruimtevraag_id ?? null, filter.status ?? null]);
  return rows;
}

// ---------------------------------------------------------------- stored regional results

/** The tables a regional result depends on, with the Dutch word for a 409. */
const INVOER: Record<string, { sql: string; label: string }> = {
  ruimtevragen: { sql: `SELECT id, version FROM ruimtevraag`, label: 'ruimtevragen' },
  bedrijven: { sql: `SELECT id, version FROM bedrijf`, label: 'bedrijfsgegevens' },
  kavels: { sql: `SELECT id, version FROM kavel`, label: 'kavels' },
  terreinen: { sql: `SELECT id, version FROM terrein`, label: 'terreinen' },
  gemeenten: { sql: `SELECT id, version FROM gemeente`, label: 'gemeenten' },
  milieucategorieen: { sql: `SELECT stelsel || '/' || code AS id, version FROM milieucategorie`, label: 'milieucategorieën' },
  matches: { sql: `SELECT id, version FROM match`, label: 'matches' },
  match_kavels: { sql: `SELECT id, CASE WHEN actief THEN 1 ELSE 0 END AS version FROM match_kavel`, label: 'matches' },
};

export type InvoerVersies = Record<string, string>;

/** A fingerprint per input table: md5 over every row's id and version (one query). */
export async function invoerVersies(db: Queryable): Promise<InvoerVersies> {
  const parts = Object.entries(INVOER).map(([k, { sql }]) =>
    `(SELECT md5(coalesce(string_agg(t.id || ':' || t.version, ',' ORDER BY t.id), '')) FROM (${sql}) t) AS ${k}`);
  const { rows } = await db.query(`SELECT ${parts.join(', ')}`);
  return rows[0];
}

/** Which inputs differ (Dutch labels, each once). */
export function gewijzigdeInvoer(oud: InvoerVersies, nu: InvoerVersies): string[] {
  return [...new Set(Object.keys(INVOER).filter((k) => oud[k] !== nu[k]).map((k) => INVOER[k].label))];
}

/** How many results are kept (older ones are removed when a new one is stored). */
const BEWAARD = 50;

export interface OpgeslagenResultaat {
  id: number;
  berekend_op: string;
  peildatum: string;
  instellingen: Instellingen;
  invoer_versies: InvoerVersies;
  optimaal: RegioUitkomst;
  voorgesteld_op: string | null;
}

export async function insertResultaat(
  client: Client, accountId: number,
  r: { peildatum: string; instellingen: Instellingen; invoer_versies: InvoerVersies; optimaal: RegioUitkomst },
): Promise<{ id: number; berekend_op: string }> {
  const { rows } = await client.query<{ id: number; berekend_op: string }>(
    `INSERT INTO regio_resultaat (account_id, peildatum, instellingen, invoer_versies, optimaal)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) RETURNING id, berekend_op`,
    [accountId, r.peildatum, JSON.stringify(r.instellingen), JSON.stringify(r.invoer_versies), JSON.stringify(r.optimaal)]);
  await client.query(`DELETE FROM regio_resultaat WHERE id <= $1`, [rows[0].id - BEWAARD]);
  return rows[0];
}

/**
 * The stored result, locked for the caller's transaction: 404 when unknown, 409 when
 * already turned into proposals or when the data changed since it was computed.
 */
export async function vergrendelGeldigResultaat(client: Client, id: number): Promise<OpgeslagenResultaat> {
  const { rows } = await client.query(
    `SELECT id, berekend_op, to_char(peildatum, 'YYYY-MM-DD') AS peildatum, instellingen, invoer_versies, optimaal, voorgesteld_op
     FROM regio_resultaat WHERE id = $1 FOR UPDATE`, [id]);
  const r = rows[0] as OpgeslagenResultaat | undefined;
  if (!r) {
    throw new ApiError(404, 'niet_gevonden', `Regionale uitkomst ${id} bestaat niet (meer). Bereken het regionale optimum opnieuw.`);
  }
  if (r.voorgesteld_op) {
    throw new ApiError(409, 'resultaat_al_gebruikt', 'Van deze uitkomst zijn al matches gemaakt. Bereken het regionale optimum opnieuw voor nieuwe voorstellen.',
      { resultaat_id: id, voorgesteld_op: r.voorgesteld_op });
  }
  const gewijzigd = gewijzigdeInvoer(r.invoer_versies, await invoerVersies(client));
  if (gewijzigd.length) {
    throw new ApiError(409, 'resultaat_verouderd',
      `De gegevens zijn gewijzigd sinds de berekening (${gewijzigd.join(', ')}). Bereken het regionale optimum opnieuw en controleer de uitkomst.`,
      { resultaat_id: id, gewijzigd });
  }
  return r;
}

export async function markeerVoorgesteld(client: Client, id: number) {
  await client.query(`UPDATE regio_resultaat SET voorgesteld_op = now() WHERE id = $1`, [id]);
}

// ---------------------------------------------------------------- scheefwerken

/** Companies on a kavel, with the milieucategorie of their activity, the kavel and its (or the terrein's) minimum. */
export async function bedrijvenOpKavel(db: Queryable) {
  const { rows } = await db.query(
    `SELECT b.id AS bedrijf_id, b.naam AS bedrijf_naam, b.kvk_nummer, b.sector, b.arbeidsplaatsen,
            k.id AS kavel_id, k.naam AS kavel_naam, k.oppervlakte_ha, t.id AS terrein_id, t.naam AS terrein, g.naam AS gemeente,
            ma.volgorde AS activiteit, ma.code AS activiteit_code, mx.volgorde AS kavel_max, mx.code AS kavel_max_code,
            coalesce(mn.volgorde, tn.volgorde) AS minimum, coalesce(mn.code, tn.code) AS minimum_code, k.watergebonden,
            (SELECT r.id FROM ruimtevraag r WHERE r.bedrijf_id = b.id AND r.status = ANY ($1::text[]) ORDER BY r.id LIMIT 1) AS open_ruimtevraag_id
     FROM bedrijf b JOIN kavel k ON k.id = b.huidige_kavel_id
     JOIN terrein t ON t.id = k.terrein_id JOIN gemeente g ON g.id = t.gemeente_id
     JOIN milieucategorie ma ON ma.stelsel = b.milieucategorie_stelsel AND ma.code = b.milieucategorie_activiteit
     JOIN milieucategorie mx ON mx.stelsel = k.milieucategorie_stelsel AND mx.code = k.milieucategorie_max
     LEFT JOIN milieucategorie mn ON mn.stelsel = k.milieucategorie_stelsel AND mn.code = k.milieucategorie_min
     LEFT JOIN milieucategorie tn ON tn.stelsel = t.milieucategorie_stelsel AND tn.code = t.milieucategorie_min
     ORDER BY b.id`, [OPEN_VRAAG_STATUS]);
  return rows;
}
