// Meetings and their snapshots. Freezing reads the balance, the series, the adviezen, the
// ruimtevragen aggregate and the records behind them in ONE repeatable-read transaction, so
// the figures and the records are of the same moment, and stores them as one new snapshot
// (the database refuses any later change). The live content of a meeting is the same
// reading without storing it.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ApiError, notFound } from '../http/errors.ts';
import { versionConflict, withAudit } from '../db/audit.ts';
import { computeBalans } from '../balans/service.ts';
import { computeReeks } from '../balans/reeks.ts';
import { leesAdviezen } from '../adviezen/queries.ts';
import { aggregaten as ruimtevragenAggregaat } from '../ruimtevragen/service.ts';
import { today } from '../domain/dates.ts';
import type { Actor } from '../domain/roles.ts';
import { peildatumProbleem, REEKS_TOT, REEKS_VAN, snapshotPeildatum, vorigeVergadering, type Gremium } from '../domain/vergadering.ts';
import { vergelijk, type BalansKern, type SnapshotRecord } from '../domain/vergelijking.ts';
import {
  bewaarRecords, bronnen, gebruik, kaart, leesSnapshot, leesVergaderingen, recordLijst, snapshotRecords, verwijderVergadering,
  vergelijkRecords, vergrendelVergadering, voegSnapshotToe, voegVergaderingToe, volgendVolgnummer, wijzigVergaderingKolommen,
  type RecordBron, type VergaderingRij,
} from './queries.ts';

type Queryable = pg.Pool | pg.PoolClient;
interface Ctx { pool: pg.Pool; actor: Actor }

export interface VergaderingInvoer {
  datum: string;
  gremium: Gremium;
  titel: string;
  peildatum?: string | null;
  locatie?: string | null;
}

async function regiobereik(db: Queryable): Promise<[number, number, number, number]> {
  const { rows } = await db.query<{ w: number; s: number; e: number; n: number }>(
    `SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n
     FROM (SELECT ST_Extent(ST_Transform(geom, 4326)) AS b FROM gemeente WHERE in_regio) x`);
  const r = rows[0];
  return r.w === null ? [4.35, 52.08, 4.6, 52.25] : [r.w, r.s, r.e, r.n];
}

/** What a snapshot holds, read now for the peildatum. */
async function leesInhoud(db: Queryable, v: { id: number; titel: string; datum: string; gremium: string; locatie: string | null }, peildatum: string) {
  // The history (current knowledge) also for today: exactly the version rows the snapshot refers to.
  const balans = await computeBalans(db, { soort: 'historie', peildatum });
  const reeks = await computeReeks(db, REEKS_VAN, REEKS_TOT);
  const adviezen = await leesAdviezen(db);
  const ruimtevragen = await ruimtevragenAggregaat(db);
  return {
    vergadering: { id: v.id, titel: v.titel, datum: v.datum, gremium: v.gremium as Gremium, locatie: v.locatie },
    peildatum,
    balans,
    reeks,
    adviezen,
    ruimtevragen,
    bronnen: await bronnen(db),
    kaartbereik: await regiobereik(db),
  };
}
export type Inhoud = Awaited<ReturnType<typeof leesInhoud>>;

/**
 * The snapshot's kenmerk: SHA-256 over the content as stored and one line per record
 * (tabel, id, version row, version, hash of a copied polygon, its properties), in order.
 */
export function kenmerkVan(inhoud: string, records: { tabel: string; record_id: number; versie_id: number | null; version: number | null; geom: string | null; eigenschappen: unknown }[]): string {
  const h = createHash('sha256');
  h.update(inhoud);
  for (const r of records) {
    h.update(`\n${r.tabel}:${r.record_id}:${r.versie_id ?? ''}:${r.version ?? ''}:${r.geom ?? ''}:${r.eigenschappen === null ? '' : JSON.stringify(r.eigenschappen)}`);
  }
  return h.digest('hex');
}

export const lijstVergaderingen = (db: Queryable) => leesVergaderingen(db);

async function eenVergadering(db: Queryable, id: number): Promise<VergaderingRij> {
  const [v] = await leesVergaderingen(db, id);
  if (!v) throw notFound('Vergadering', id);
  return v;
}

const snapshotIdVan = (v: VergaderingRij) => v.snapshots[0]?.id ?? null;

async function vorige(db: Queryable, v: VergaderingRij) {
  const alle = await leesVergaderingen(db);
  return vorigeVergadering(alle.map((x) => ({ ...x, snapshot_id: snapshotIdVan(x) })), { ...v, snapshot_id: snapshotIdVan(v) });
}

/** A meeting with its latest snapshot (or the one asked for), exactly as frozen. */
export async function toonVergadering(db: Queryable, id: number, snapshotId?: number) {
  const v = await eenVergadering(db, id);
  const s = await leesSnapshot(db, id, snapshotId);
  if (snapshotId !== undefined && !s) throw new ApiError(404, 'niet_gevonden', `Momentopname ${snapshotId} hoort niet bij vergadering ${id}.`);
  const p = await vorige(db, v);
  return {
    ...v,
    snapshot: s && {
      id: s.id, volgnummer: s.volgnummer, peildatum: s.peildatum, bevroren_op: s.bevroren_op, bevroren_door: s.bevroren_door, kenmerk: s.kenmerk,
      inhoud: s.inhoud as Inhoud, records: await snapshotRecords(db, s.id),
    },
    vorige: p && { id: p.id, titel: p.titel, datum: p.datum },
  };
}

export function maakVergadering(ctx: Ctx, invoer: VergaderingInvoer) {
  return withAudit(ctx.pool, ctx.actor, null, async (client) => {
    const id = await voegVergaderingToe(client, {
      datum: invoer.datum, gremium: invoer.gremium, titel: invoer.titel, peildatum: invoer.peildatum ?? null, locatie: invoer.locatie ?? null,
    });
    return eenVergadering(client, id);
  });
}

const VELDEN = ['datum', 'gremium', 'titel', 'peildatum', 'locatie'] as const;

export function wijzigVergadering(ctx: Ctx, id: number, w: Partial<VergaderingInvoer> & { version: number }) {
  return withAudit(ctx.pool, ctx.actor, null, async (client) => {
    const huidig = await vergrendelVergadering(client, id);
    if (!huidig) throw notFound('Vergadering', id);
    if (huidig.version !== w.version) throw await versionConflict(client, 'vergadering', id, huidig.version);
    const kolommen: Record<string, unknown> = {};
    for (const k of VELDEN) if (w[k] !== undefined) kolommen[k] = w[k];
    await wijzigVergaderingKolommen(client, id, kolommen);
    return eenVergadering(client, id);
  });
}

export function schrapVergadering(ctx: Ctx, id: number, version: number) {
  return withAudit(ctx.pool, ctx.actor, null, async (client) => {
    const huidig = await vergrendelVergadering(client, id);
    if (!huidig) throw notFound('Vergadering', id);
    if (huidig.version !== version) throw await versionConflict(client, 'vergadering', id, huidig.version);
    const g = await gebruik(client, id);
    if (g.snapshots > 0) {
      throw new ApiError(409, 'bevroren', 'Van deze vergadering is een momentopname bevroren; die blijft bewaard, en de vergadering dus ook.');
    }
    if (g.adviezen > 0) {
      throw new ApiError(409, 'in_gebruik', `Er ${g.adviezen === 1 ? 'hoort 1 advies' : `horen ${g.adviezen} adviezen`} bij deze vergadering; koppel ze eerst aan een andere vergadering.`);
    }
    await verwijderVergadering(client, id);
    return { id, verwijderd: true as const };
  });
}

/** Freezes the figures of the meeting's peildatum as a new snapshot. */
export async function bevries(ctx: Ctx, id: number, gevraagd?: string) {
  // One consistent view of the database (repeatable read) for the figures and the records behind them.
  const snapshotId = await withAudit(ctx.pool, ctx.actor, 'momentopname bevroren', async (client) => {
    const v = await vergrendelVergadering(client, id);
    if (!v) throw notFound('Vergadering', id);
    const vandaag = today();
    const peildatum = snapshotPeildatum(v, gevraagd, vandaag);
    const probleem = peildatumProbleem(peildatum, vandaag);
    if (probleem) throw new ApiError(422, 'peildatum_in_toekomst', probleem, { peildatum });
    const inhoud = JSON.stringify(await leesInhoud(client, v, peildatum));
    const kenmerk = kenmerkVan(inhoud, await recordLijst(client, { soort: 'live', peildatum }));
    const nieuw = await voegSnapshotToe(client, {
      vergaderingId: id, volgnummer: await volgendVolgnummer(client, id), peildatum, door: ctx.actor.id, inhoud, kenmerk,
    });
    await bewaarRecords(client, nieuw, peildatum);
    return nieuw;
  }, 'BEGIN ISOLATION LEVEL REPEATABLE READ');
  return toonVergadering(ctx.pool, id, snapshotId);
}

/** The meeting's content read now (not stored): to present live or to check before freezing. */
export async function live(db: Queryable, id: number, gevraagd?: string) {
  const v = await eenVergadering(db, id);
  const vandaag = today();
  const peildatum = snapshotPeildatum(v, gevraagd, vandaag);
  const probleem = peildatumProbleem(peildatum, vandaag);
  if (probleem) throw new ApiError(422, 'peildatum_in_toekomst', probleem, { peildatum });
  return { peildatum, inhoud: await leesInhoud(db, v, peildatum) };
}

/** Where the map of a meeting comes from: a snapshot (default its latest), or live. */
export async function kaartBron(db: Queryable, id: number, keuze: { snapshotId?: number; live?: boolean }): Promise<RecordBron> {
  const v = await eenVergadering(db, id);
  if (!keuze.live) {
    const s = await leesSnapshot(db, id, keuze.snapshotId);
    if (s) return { soort: 'snapshot', snapshotId: s.id };
    if (keuze.snapshotId !== undefined) throw new ApiError(404, 'niet_gevonden', `Momentopname ${keuze.snapshotId} hoort niet bij vergadering ${id}.`);
  }
  const vandaag = today();
  const peildatum = snapshotPeildatum(v, undefined, vandaag);
  return { soort: 'live', peildatum: peildatum > vandaag ? vandaag : peildatum };
}

export async function vergaderKaart(db: Queryable, id: number, keuze: { snapshotId?: number; live?: boolean }) {
  return kaart(db, await kaartBron(db, id, keuze));
}

/** What changed between the latest snapshots of an earlier meeting (`met`, default the previous one) and this one. */
export async function vergelijkVergaderingen(db: Queryable, id: number, met?: number) {
  const naar = await eenVergadering(db, id);
  const van = met === undefined ? await vorige(db, naar) : await eenVergadering(db, met);
  if (!van) {
    throw new ApiError(422, 'geen_vorige_vergadering',
      `Er is geen eerdere vergadering van de ${naar.gremium} met een bevroren momentopname om mee te vergelijken.`);
  }
  if (van.id === naar.id) throw new ApiError(422, 'zelfde_vergadering', 'Kies een andere vergadering om mee te vergelijken.');
  const sNaar = await leesSnapshot(db, naar.id);
  const sVan = await leesSnapshot(db, van.id);
  for (const [v, s] of [[naar, sNaar], [van, sVan]] as const) {
    if (!s) throw new ApiError(422, 'geen_momentopname', `Van "${v.titel}" is nog geen momentopname bevroren; bevries die eerst.`, { vergadering_id: v.id });
  }
  const a = sVan!;
  const b = sNaar!;
  const [recordsA, recordsB] = [await vergelijkRecords(db, a.id), await vergelijkRecords(db, b.id)];
  const uitkomst = vergelijk(
    { balans: (a.inhoud as Inhoud).balans as BalansKern, records: recordsA as SnapshotRecord[] },
    { balans: (b.inhoud as Inhoud).balans as BalansKern, records: recordsB as SnapshotRecord[] },
  );
  const sleutels = (rs: { tabel: string; id: number }[]) => rs.map((r) => `${r.tabel}:${r.id}`);
  const { toegevoegd, gewijzigd, verwijderd } = uitkomst.records;
  const meta = (s: typeof a) => ({ id: s.id, volgnummer: s.volgnummer, peildatum: s.peildatum, bevroren_op: s.bevroren_op, bevroren_door: s.bevroren_door, kenmerk: s.kenmerk });
  return {
    van: { vergadering: { id: van.id, titel: van.titel, datum: van.datum }, snapshot: meta(a) },
    naar: { vergadering: { id: naar.id, titel: naar.titel, datum: naar.datum }, snapshot: meta(b) },
    ...uitkomst,
    kaart: {
      voor: await kaart(db, { soort: 'snapshot', snapshotId: a.id }, sleutels([...gewijzigd, ...verwijderd])),
      na: await kaart(db, { soort: 'snapshot', snapshotId: b.id }, sleutels([...gewijzigd, ...toegevoegd])),
    },
  };
}

/** Checks that the meeting (and the snapshot, when given) exist and have something to print. */
export async function rapportBron(db: Queryable, id: number, snapshotId?: number) {
  await eenVergadering(db, id);
  const s = await leesSnapshot(db, id, snapshotId);
  if (!s) {
    throw new ApiError(422, 'geen_momentopname', snapshotId === undefined
      ? 'Van deze vergadering is nog geen momentopname bevroren: bevries eerst de stand, dan volgt het rapport daaruit.'
      : `Momentopname ${snapshotId} hoort niet bij vergadering ${id}.`);
  }
  return s;
}
