// The match workflow: voorgesteld → besproken_werkgroep → warme_overdracht →
// gerealiseerd, or afgevallen from any open step. Each step records date, person
// and reason (match_stap) and is audited. From besproken_werkgroep on the match is
// accepted: its kavels go in_optie and the partial unique index on
// match_kavel(kavel_id) WHERE actief makes a second allocation impossible.
import type pg from 'pg';
import { ApiError, notFound } from '../http/errors.ts';
import type { Actor } from '../domain/roles.ts';
import { BESCHIKBARE_STATUS, kandidatenVoor, uitsluitingen, UITSLUITING_MELDING, TIE_BREAK, type Instellingen } from '../domain/matching.ts';
import { AUDIT_REDEN, laadBuren, laadInstellingen, laadKavelsOpId, laadVraag, metAudit, vandaag, versieConflict } from './data.ts';

export const MATCH_STAPPEN = ['voorgesteld', 'besproken_werkgroep', 'warme_overdracht', 'gerealiseerd'] as const;
export const MATCH_STATUS = [...MATCH_STAPPEN, 'afgevallen'] as const;
export type MatchStatus = (typeof MATCH_STATUS)[number];

/** The allowed next statuses: one step forward, or afgevallen while still open. */
export function volgendeStatussen(status: MatchStatus): MatchStatus[] {
  if (status === 'gerealiseerd' || status === 'afgevallen') return [];
  const i = MATCH_STAPPEN.indexOf(status);
  return [MATCH_STAPPEN[i + 1], 'afgevallen'];
}

export interface StapInvoer {
  datum?: string;
  persoon?: string;
  reden?: string;
}

export interface NieuweMatch extends StapInvoer {
  ruimtevraag_id: number;
  kavel_ids: number[];
}

type Client = pg.PoolClient;

/** Kavels in use by other companies with an open request: usable in a relocation chain. */
async function voorwaardelijkeKavels(db: Client, vraagId: number): Promise<Set<number>> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT b.huidige_kavel_id AS id FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id
     WHERE r.status IN ('open', 'in_behandeling') AND r.id <> $1 AND b.huidige_kavel_id IS NOT NULL`, [vraagId]);
  return new Set(rows.map((r) => r.id));
}

export async function maakMatch(pool: pg.Pool, actor: Actor & { naam: string }, m: NieuweMatch): Promise<number> {
  return metAudit(pool, actor, AUDIT_REDEN.match.voorgesteld, (client) => maakMatchIn(client, actor, m));
}

/** Extra facts stored with a match's criteria (e.g. the regional run and chain it came from). */
export type MatchHerkomst = Record<string, unknown>;

/** Creates a voorgesteld match inside the caller's transaction; checks the kavels against the hard filters. */
export async function maakMatchIn(
  client: Client, actor: Actor & { naam: string }, m: NieuweMatch,
  opties: { herkomst?: MatchHerkomst; inst?: Instellingen; peildatum?: string } = {},
): Promise<number> {
  // The date the timing criterion is judged on: today, or the regional result's peildatum.
  const datum = opties.peildatum ?? vandaag();
  const inst: Instellingen = opties.inst ?? await laadInstellingen(client);
  const vraag = await laadVraag(client, m.ruimtevraag_id);
  if (vraag.status === 'ingetrokken' || vraag.status === 'gematcht') {
    throw new ApiError(422, 'vraag_afgesloten', `Ruimtevraag ${vraag.id} is ${vraag.status}; maak er geen nieuwe match voor.`);
  }
  const ids = [...new Set(m.kavel_ids)].sort((a, b) => a - b);
  const kavels = await laadKavelsOpId(client, ids);
  const missing = ids.filter((id) => !kavels.some((k) => k.id === id));
  if (missing.length) throw new ApiError(422, 'kavel_onbekend', `Kavel ${missing.join(', ')} bestaat niet.`);
  const voorwaardelijk = await voorwaardelijkeKavels(client, vraag.id);
  const problemen = kavels.flatMap((k) => uitsluitingen(vraag, k, inst, { voorwaardelijk }).map((u) => ({ kavel_id: k.id, reden: u, melding: UITSLUITING_MELDING[u] })));
  if (problemen.length) {
    throw new ApiError(422, 'voldoet_niet', `Kavel ${problemen[0].kavel_id}: ${problemen[0].melding}.`, problemen);
  }
  const huidig = vraag.huidige_kavel_id !== null ? await laadKavelsOpId(client, [vraag.huidige_kavel_id]) : [];
  const buren = await laadBuren(client, ids);
  const res = kandidatenVoor(vraag, {
    kavels: [...kavels, ...huidig.filter((h) => !ids.includes(h.id))], buren, inst, vandaag: datum, filter: { voorwaardelijk },
  });
  const kandidaat = res.kandidaten.find((c) => c.kavel_ids.join() === ids.join());
  if (!kandidaat) {
    throw new ApiError(422, 'voldoet_niet', ids.length > 1
      ? 'Deze kavels vormen samen geen passende kandidaat: ze moeten aan elkaar grenzen, op één terrein liggen en samen de gevraagde omvang hebben.'
      : `Kavel ${ids[0]} heeft niet de gevraagde omvang (${vraag.min_ha}–${vraag.max_ha} ha, met tolerantie).`);
  }
  const criteria = { criteria: kandidaat.criteria, gewichten: inst.gewichten, tolerantie: inst.tolerantie, tie_break: TIE_BREAK, berekend_op: datum, ...opties.herkomst };
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO match (ruimtevraag_id, score, criteria) VALUES ($1, $2, $3::jsonb) RETURNING id`,
    [vraag.id, kandidaat.score, JSON.stringify(criteria)],
  );
  const id = rows[0].id;
  for (const k of ids) await client.query(`INSERT INTO match_kavel (match_id, kavel_id) VALUES ($1, $2)`, [id, k]);
  await stap(client, actor, id, null, 'voorgesteld', { ...m, reden: m.reden ?? 'Voorgesteld uit de kandidatenlijst.' });
  return id;
}

async function stap(client: Client, actor: Actor & { naam: string }, matchId: number, van: string | null, naar: string, s: StapInvoer) {
  await client.query(
    `INSERT INTO match_stap (match_id, van_status, naar_status, datum, persoon, reden, account_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [matchId, van, naar, s.datum ?? vandaag(), s.persoon?.trim() || actor.naam, s.reden, actor.id],
  );
}

export interface StatusWijziging extends StapInvoer {
  status: MatchStatus;
  reden: string;
}

export async function wijzigMatchStatus(pool: pg.Pool, actor: Actor & { naam: string }, id: number, version: number, w: StatusWijziging) {
  await metAudit(pool, actor, AUDIT_REDEN.match[w.status], async (client) => {
    const { rows } = await client.query(`SELECT * FROM match WHERE id = $1 FOR UPDATE`, [id]);
    const m = rows[0];
    if (!m) throw notFound('Match', id);
    if (m.version !== version) throw await versieConflict(client, 'match', id, m.version);
    const van = m.status as MatchStatus;
    if (!volgendeStatussen(van).includes(w.status)) {
      const next = volgendeStatussen(van);
      throw new ApiError(422, 'ongeldige_stap', next.length
        ? `Van '${van}' kan een match alleen naar ${next.map((s) => `'${s}'`).join(' of ')}.`
        : `Een match met status '${van}' is afgesloten.`, { huidige_status: van, toegestaan: next });
    }

    let oudeKavel: number | null = null;
    if (w.status === 'besproken_werkgroep') {
      // Accept: the kavels go in optie. The unique index refuses a kavel held by another active match.
      const { rows: ks } = await client.query<{ kavel_id: number; status: string }>(
        `SELECT mk.kavel_id, k.status FROM match_kavel mk JOIN kavel k ON k.id = mk.kavel_id WHERE mk.match_id = $1 ORDER BY mk.kavel_id FOR UPDATE OF k`, [id]);
      const blocked = ks.filter((k) => k.status === 'in_optie');
      if (blocked.length) {
        throw new ApiError(409, 'kavel_al_in_optie', `Kavel ${blocked.map((k) => k.kavel_id).join(', ')} is al in optie.`, { kavel_ids: blocked.map((k) => k.kavel_id) });
      }
      // Still available: free, or in use by a company that itself asks to move (a relocation chain).
      const voorwaardelijk = await voorwaardelijkeKavels(client, m.ruimtevraag_id);
      const weg = ks.filter((k) => !(BESCHIKBARE_STATUS as readonly string[]).includes(k.status) && !voorwaardelijk.has(k.kavel_id));
      if (weg.length) {
        throw new ApiError(409, 'kavel_niet_beschikbaar', `Kavel ${weg.map((k) => k.kavel_id).join(', ')} is niet meer beschikbaar (status ${weg[0].status}).`, { kavel_ids: weg.map((k) => k.kavel_id) });
      }
      await client.query(
        `UPDATE match_kavel mk SET actief = true, status_voor = k.status FROM kavel k WHERE k.id = mk.kavel_id AND mk.match_id = $1`, [id]);
      await client.query(`UPDATE kavel SET status = 'in_optie' WHERE id IN (SELECT kavel_id FROM match_kavel WHERE match_id = $1)`, [id]);
      await client.query(`UPDATE ruimtevraag SET status = 'in_behandeling' WHERE id = $1 AND status = 'open'`, [m.ruimtevraag_id]);
    } else if (w.status === 'gerealiseerd') {
      oudeKavel = await realiseer(client, id, m.ruimtevraag_id, w.datum ?? vandaag());
    } else if (w.status === 'afgevallen') {
      // Release: the kavels return to the status they had before the option.
      await client.query(
        `UPDATE kavel k SET status = mk.status_voor FROM match_kavel mk
         WHERE mk.match_id = $1 AND mk.actief AND k.id = mk.kavel_id AND k.status = 'in_optie' AND mk.status_voor IS NOT NULL`, [id]);
      await client.query(`UPDATE match_kavel SET actief = false WHERE match_id = $1 AND actief`, [id]);
      await client.query(
        `UPDATE ruimtevraag r SET status = 'open' WHERE r.id = $1 AND r.status = 'in_behandeling'
           AND NOT EXISTS (SELECT 1 FROM match m2 JOIN match_kavel mk ON mk.match_id = m2.id
                           WHERE m2.ruimtevraag_id = r.id AND m2.id <> $2 AND mk.actief)`, [m.ruimtevraag_id, id]);
    }
    const upd = await client.query(`UPDATE match SET status = $3, oude_kavel_id = coalesce($4, oude_kavel_id) WHERE id = $1 AND version = $2`,
      [id, version, w.status, oudeKavel]);
    if (!upd.rowCount) throw await versieConflict(client, 'match', id, m.version);
    await stap(client, actor, id, van, w.status, w);
  });
}

/**
 * The company moves: its new kavels become bezet (and are no longer held by the
 * match, so they can be matched again when they come free), its old kavel becomes
 * schuifruimte (vrijkomend from the step's date), and the request is gematcht.
 */
async function realiseer(client: Client, matchId: number, vraagId: number, datum: string): Promise<number | null> {
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

export async function haalMatch(db: Pick<pg.Pool, 'query'>, id: number) {
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
  return { ...rows[0], volgende_statussen: volgendeStatussen(rows[0].status) };
}

export async function lijstMatches(db: Pick<pg.Pool, 'query'>, filter: { ruimtevraag_id?: number; status?: string }) {
  const { rows } = await db.query(
    `SELECT m.id, m.ruimtevraag_id, m.status, m.score, m.version, m.oude_kavel_id, b.naam AS bedrijf_naam,
            ARRAY(SELECT mk.kavel_id FROM match_kavel mk WHERE mk.match_id = m.id ORDER BY mk.kavel_id) AS kavel_ids,
            EXISTS (SELECT 1 FROM match_kavel mk WHERE mk.match_id = m.id AND mk.actief) AS actief, m.updated_at
     FROM match m JOIN ruimtevraag r ON r.id = m.ruimtevraag_id JOIN bedrijf b ON b.id = r.bedrijf_id
     WHERE ($1::int IS NULL OR m.ruimtevraag_id = $1::int) AND ($2::text IS NULL OR m.status = $2::text)
     ORDER BY m.id`, [filter.ruimtevraag_id ?? null, filter.status ?? null]);
  return rows;
}
