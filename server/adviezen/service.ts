// Signaleringen and adviezen of the regisseur and the stuurgroep's decisions: each write
// one transaction with the actor in the audit trail, version-checked; the records an
// advice concerns must exist; a decided advice keeps the text that was decided on.
import type pg from 'pg';
import { ApiError, notFound } from '../http/errors.ts';
import { versionConflict, withAudit } from '../db/audit.ts';
import { ADVIES_TABELLEN, ADVIES_TABEL_LABEL, besluitProbleem, type AdviesTabel, type Besluit } from '../domain/advies.ts';
import { today } from '../domain/dates.ts';
import type { Actor } from '../domain/roles.ts';
import {
  leesAdviezen, ontbrekendeObjecten, vergrendelAdvies, vergaderingDatum, verwijderAdvies, voegAdviesToe,
  wijzigAdviesKolommen, zetObjecten, type AdviesRij, type AdviesVelden,
} from './queries.ts';

type Client = pg.PoolClient;
interface Ctx { pool: pg.Pool; actor: Actor }

export interface AdviesInvoer extends Omit<AdviesVelden, 'vergadering_id' | 'escalatie'> {
  vergadering_id?: number | null;
  escalatie?: string | null;
  objecten?: { tabel: AdviesTabel; id: number }[];
}

export type AdviesWijziging = Partial<AdviesInvoer> & { version: number };

export interface BesluitInvoer {
  version: number;
  besluit: Besluit;
  toelichting?: string | null;
  datum?: string;
  escalatie?: string | null;
}

async function controleerObjecten(client: Client, objecten: { tabel: AdviesTabel; id: number }[]) {
  for (const tabel of ADVIES_TABELLEN) {
    const ontbreekt = await ontbrekendeObjecten(client, tabel, objecten.filter((o) => o.tabel === tabel).map((o) => o.id));
    if (ontbreekt.length) {
      throw new ApiError(422, 'onbekend_object',
        `${ADVIES_TABEL_LABEL[tabel]} ${ontbreekt.join(', ')} bestaat niet; kies de vlakken op de kaart of in de lijst.`,
        { tabel, ids: ontbreekt });
    }
  }
}

async function controleerVergadering(client: Client, id: number | null | undefined) {
  if (id == null) return null;
  const v = await vergaderingDatum(client, id);
  if (!v) throw new ApiError(422, 'onbekende_vergadering', `Vergadering ${id} bestaat niet.`, { vergadering_id: id });
  return v;
}

const uniek = (objecten: { tabel: AdviesTabel; id: number }[]) =>
  objecten.filter((o, i) => objecten.findIndex((p) => p.tabel === o.tabel && p.id === o.id) === i);

async function eenAdvies(client: Client, id: number): Promise<AdviesRij> {
  const [a] = await leesAdviezen(client, { ids: [id] });
  if (!a) throw notFound('Advies', id);
  return a;
}

export function lijstAdviezen(pool: pg.Pool, vergaderingId?: number) {
  return leesAdviezen(pool, { vergaderingId });
}

export async function toonAdvies(pool: pg.Pool, id: number) {
  const [a] = await leesAdviezen(pool, { ids: [id] });
  if (!a) throw notFound('Advies', id);
  return a;
}

export function maakAdvies(ctx: Ctx, invoer: AdviesInvoer): Promise<AdviesRij> {
  return withAudit(ctx.pool, ctx.actor, null, async (client) => {
    await controleerVergadering(client, invoer.vergadering_id);
    const objecten = uniek(invoer.objecten ?? []);
    await controleerObjecten(client, objecten);
    const id = await voegAdviesToe(client, {
      soort: invoer.soort, type: invoer.type, gevraagd: invoer.gevraagd, titel: invoer.titel, tekst: invoer.tekst,
      vergadering_id: invoer.vergadering_id ?? null, escalatie: invoer.escalatie ?? null,
    });
    await zetObjecten(client, id, objecten);
    return eenAdvies(client, id);
  });
}

const INHOUD = ['soort', 'type', 'gevraagd', 'titel', 'tekst', 'vergadering_id'] as const;

export function wijzigAdvies(ctx: Ctx, id: number, w: AdviesWijziging): Promise<AdviesRij> {
  return withAudit(ctx.pool, ctx.actor, null, async (client) => {
    const huidig = await vergrendelAdvies(client, id);
    if (!huidig) throw notFound('Advies', id);
    if (huidig.version !== w.version) throw await versionConflict(client, 'advies', id, huidig.version);
    const inhoudGewijzigd = INHOUD.some((k) => w[k] !== undefined) || w.objecten !== undefined;
    if (huidig.besluit && inhoudGewijzigd) {
      throw new ApiError(422, 'besluit_genomen',
        'De stuurgroep heeft over dit advies besloten: de tekst, het type, de vergadering en de vlakken blijven zoals ze zijn. Alleen de escalatie kan nog worden aangevuld.');
    }
    if (w.vergadering_id !== undefined) await controleerVergadering(client, w.vergadering_id);
    const kolommen: Record<string, unknown> = {};
    for (const k of [...INHOUD, 'escalatie'] as const) if (w[k] !== undefined) kolommen[k] = w[k];
    await wijzigAdviesKolommen(client, id, kolommen);
    if (w.objecten !== undefined) {
      const objecten = uniek(w.objecten);
      await controleerObjecten(client, objecten);
      await zetObjecten(client, id, objecten);
    }
    return eenAdvies(client, id);
  });
}

/** Records the stuurgroep's decision (again, to correct it: the audit trail keeps the earlier one). */
export function legBesluitVast(ctx: Ctx, id: number, b: BesluitInvoer): Promise<AdviesRij> {
  return withAudit(ctx.pool, ctx.actor, null, async (client) => {
    const huidig = await vergrendelAdvies(client, id);
    if (!huidig) throw notFound('Advies', id);
    if (huidig.version !== b.version) throw await versionConflict(client, 'advies', id, huidig.version);
    const vergadering = huidig.vergadering_id === null ? null : await vergaderingDatum(client, huidig.vergadering_id);
    const datum = b.datum ?? vergadering?.datum ?? today();
    const toelichting = b.toelichting?.trim() || null;
    const probleem = besluitProbleem({ besluit: b.besluit, toelichting, datum }, vergadering, today());
    if (probleem) throw new ApiError(422, probleem.code, probleem.melding, { reden: probleem.code });
    await wijzigAdviesKolommen(client, id, {
      besluit: b.besluit, besluit_toelichting: toelichting, besluit_datum: datum,
      ...(b.escalatie !== undefined ? { escalatie: b.escalatie?.trim() || null } : {}),
    });
    return eenAdvies(client, id);
  });
}

export function schrapAdvies(ctx: Ctx, id: number, version: number): Promise<{ id: number; verwijderd: true }> {
  return withAudit(ctx.pool, ctx.actor, null, async (client) => {
    const huidig = await vergrendelAdvies(client, id);
    if (!huidig) throw notFound('Advies', id);
    if (huidig.version !== version) throw await versionConflict(client, 'advies', id, huidig.version);
    if (huidig.besluit) {
      throw new ApiError(409, 'besluit_genomen', 'De stuurgroep heeft over dit advies besloten; het blijft bewaard.');
    }
    await verwijderAdvies(client, id);
    return { id, verwijderd: true as const };
  });
}
