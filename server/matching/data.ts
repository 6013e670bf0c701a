// SQL for matching: the facts the pure rules in server/domain/matching*.ts work on.
import type pg from 'pg';
import { ApiError, notFound } from '../http/errors.ts';
import { inTransaction } from '../db/database.ts';
import {
  instellingenUit, kandidatenVoor, type Instellingen, type KandidaatResultaat, type MatchKavel, type MatchVraag,
} from '../domain/matching.ts';
import type { Actor } from '../domain/roles.ts';
import { invoerVoorZicht, type KandidaatZicht } from '../domain/matching-zicht.ts';
import { today } from '../domain/dates.ts';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export async function laadInstellingen(db: Queryable): Promise<Instellingen> {
  const { rows } = await db.query<{ sleutel: string; waarde: number }>(`SELECT sleutel, waarde FROM matching_instelling`);
  return instellingenUit(Object.fromEntries(rows.map((r) => [r.sleutel, Number(r.waarde)])));
}

/** Today in the Netherlands as an ISO date (server/domain/dates.ts). */
export const vandaag = () => today();

const KAVEL_SQL = `
  SELECT k.id, k.naam, k.terrein_id, t.naam AS terrein, t.gemeente_id, g.naam AS gemeente, g.in_regio, k.status, k.planstatus,
         mn.volgorde AS mc_min, mx.volgorde AS mc_max, k.milieucategorie_min AS mc_min_code, k.milieucategorie_max AS mc_max_code,
         k.watergebonden, k.beschikbaar_vanaf, k.oppervlakte_ha AS ha,
         ST_X(ST_PointOnSurface(k.geom)) AS x, ST_Y(ST_PointOnSurface(k.geom)) AS y
  FROM kavel k JOIN terrein t ON t.id = k.terrein_id JOIN gemeente g ON g.id = t.gemeente_id
  JOIN milieucategorie mx ON mx.stelsel = k.milieucategorie_stelsel AND mx.code = k.milieucategorie_max
  LEFT JOIN milieucategorie mn ON mn.stelsel = k.milieucategorie_stelsel AND mn.code = k.milieucategorie_min`;

export type KavelRij = MatchKavel & { terrein: string; gemeente: string };

/** Kavels that may take part: free ones, plus (for the region model) those of requesting companies. */
export async function laadKavels(db: Queryable, metVoorwaardelijk: boolean): Promise<KavelRij[]> {
  const { rows } = await db.query(
    `${KAVEL_SQL}
     WHERE k.status IN ('beschikbaar', 'potentieel', 'vrijkomend')
        OR ($1::boolean AND k.id IN (SELECT b.huidige_kavel_id FROM bedrijf b JOIN ruimtevraag r ON r.bedrijf_id = b.id
                                      WHERE r.status IN ('open', 'in_behandeling') AND b.huidige_kavel_id IS NOT NULL))
     ORDER BY k.id`,
    [metVoorwaardelijk],
  );
  return rows.map((r) => ({ ...r, ha: Number(r.ha), x: Number(r.x), y: Number(r.y), mc_min: r.mc_min === null ? null : Number(r.mc_min), mc_max: Number(r.mc_max) }));
}

export async function laadKavelsOpId(db: Queryable, ids: number[]): Promise<KavelRij[]> {
  const { rows } = await db.query(`${KAVEL_SQL} WHERE k.id = ANY($1::int[]) ORDER BY k.id`, [ids]);
  return rows.map((r) => ({ ...r, ha: Number(r.ha), x: Number(r.x), y: Number(r.y), mc_min: r.mc_min === null ? null : Number(r.mc_min), mc_max: Number(r.mc_max) }));
}

/** Pairs of kavels on the same terrein that share an edge (not just a corner), both directions. */
export async function laadBuren(db: Queryable, ids: number[]): Promise<Map<number, number[]>> {
  const { rows } = await db.query<{ a: number; b: number }>(
    `SELECT a.id AS a, b.id AS b FROM kavel a JOIN kavel b ON b.terrein_id = a.terrein_id AND a.id < b.id
       AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, 'F***1****')
     WHERE a.id = ANY($1::int[]) AND b.id = ANY($1::int[]) ORDER BY a.id, b.id`,
    [ids],
  );
  const m = new Map<number, number[]>();
  for (const { a, b } of rows) {
    (m.get(a) ?? m.set(a, []).get(a)!).push(b);
    (m.get(b) ?? m.set(b, []).get(b)!).push(a);
  }
  return m;
}

export type VraagRij = MatchVraag & {
  bedrijf_id: number; bedrijf_naam: string; kvk_nummer: string | null; status: string; reden: string; milieucategorie: string; max_ha: number;
};

const VRAAG_SQL = `
  SELECT r.id, r.bedrijf_id, b.naam AS bedrijf_naam, b.kvk_nummer, r.min_ha, r.max_ha, r.milieucategorie, m.volgorde AS mc,
         r.milieucategorie AS mc_code, r.watergebonden, r.gewenste_gemeente_ids, r.gewenst_vanaf, r.gewenst_tot, r.voorrang,
         r.reden, r.status, b.arbeidsplaatsen, b.huidige_kavel_id
  FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id
  JOIN milieucategorie m ON m.stelsel = r.milieucategorie_stelsel AND m.code = r.milieucategorie`;

const toVraag = (r: Record<string, any>): VraagRij => ({
  ...r, min_ha: Number(r.min_ha), max_ha: Number(r.max_ha), mc: Number(r.mc),
  gewenste_gemeente_ids: (r.gewenste_gemeente_ids ?? []).map(Number),
  arbeidsplaatsen: r.arbeidsplaatsen === null ? null : Number(r.arbeidsplaatsen),
} as VraagRij);

export async function laadVraag(db: Queryable, id: number): Promise<VraagRij> {
  const { rows } = await db.query(`${VRAAG_SQL} WHERE r.id = $1`, [id]);
  if (!rows[0]) throw notFound('Ruimtevraag', id);
  return toVraag(rows[0]);
}

export async function laadOpenVragen(db: Queryable): Promise<VraagRij[]> {
  const { rows } = await db.query(`${VRAAG_SQL} WHERE r.status IN ('open', 'in_behandeling') ORDER BY r.id`);
  return rows.map(toVraag);
}

/**
 * Candidates for one request as a zicht may see them: free kavels only (kavels of
 * other requesters appear in the regional model). For the werkgroep the request's
 * confidential facts are blanked first (server/domain/matching-zicht.ts), so the
 * company's current kavel is not even loaded.
 */
export async function kandidatenVanVraag(db: Queryable, id: number, inst: Instellingen, zicht: KandidaatZicht = 'volledig', datum = vandaag()) {
  const invoer = invoerVoorZicht(zicht, await laadVraag(db, id), inst);
  const { vraag } = invoer;
  const kavels = await laadKavels(db, false);
  // The requester's current location, for the distance criterion.
  if (vraag.huidige_kavel_id !== null && !kavels.some((k) => k.id === vraag.huidige_kavel_id)) {
    kavels.push(...(await laadKavelsOpId(db, [vraag.huidige_kavel_id])));
  }
  const buren = await laadBuren(db, kavels.map((k) => k.id));
  const resultaat: KandidaatResultaat = kandidatenVoor(vraag, { kavels, buren, inst: invoer.inst, vandaag: datum });
  return { vraag, inst: invoer.inst, kavels: new Map(kavels.map((k) => [k.id, k])), resultaat };
}

/**
 * The audit reasons matching writes, as fixed texts. The audit trail is read through
 * every history route by every role (a kavel's history shows the step that put it in
 * optie), so free text about a company — a match step's reason, its person — never
 * goes there: it stays in match_stap, which only regie reads. `metAudit` takes only
 * these texts, so the compiler refuses a note passed by mistake.
 */
export const AUDIT_REDEN = {
  match: {
    voorgesteld: 'Matchworkflow: voorgesteld',
    besproken_werkgroep: 'Matchworkflow: besproken in de werkgroep, kavels in optie',
    warme_overdracht: 'Matchworkflow: warme overdracht',
    gerealiseerd: 'Matchworkflow: gerealiseerd, verhuizing vastgelegd',
    afgevallen: 'Matchworkflow: afgevallen, optie vervalt',
  },
  regioVoorstellen: 'Matchworkflow: voorstellen uit de regionale optimalisatie',
  ruimtevraagIngetrokken: 'Ruimtevraag ingetrokken',
  csvImport: 'CSV-import ruimtevragen',
  instellingen: 'Matching-instellingen gewijzigd',
} as const;
type Teksten<T> = T extends string ? T : { [K in keyof T]: Teksten<T[K]> }[keyof T];
export type AuditReden = Teksten<typeof AUDIT_REDEN>;

/** One write transaction with the actor (and one of the fixed reasons) recorded for the audit trigger. */
export async function metAudit<T>(pool: pg.Pool, actor: Actor, reden: AuditReden | null, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT set_config('app.account_id', $1, true), set_config('app.audit_reden', $2, true)`, [String(actor.id), reden ?? '']);
    // Database errors are mapped to API errors by the global handler (server/http/db-errors.ts).
    return fn(client);
  });
}

/** 409 in the shape of the layer writes: who changed it last, and when. */
export async function versieConflict(db: Queryable, tabel: string, id: number, current: number): Promise<ApiError> {
  const { rows } = await db.query<{ naam: string | null; tijdstip: string }>(
    `SELECT a.naam, l.tijdstip FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
     WHERE l.tabel = $1 AND l.record_id = $2 ORDER BY l.id DESC LIMIT 1`,
    [tabel, id],
  );
  const who = rows[0]?.naam ?? 'het systeem';
  const when = rows[0]?.tijdstip ? new Date(rows[0].tijdstip) : null;
  const hhmm = when?.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
  return new ApiError(409, 'versieconflict', `Gewijzigd door ${who}${hhmm ? ` om ${hhmm}` : ''}. Laad de nieuwste versie en probeer het opnieuw.`, {
    huidige_versie: current, gewijzigd_door: who, gewijzigd_op: when?.toISOString() ?? null,
  });
}
