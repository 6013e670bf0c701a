// The register of company space requests (ruimtevragen), shown per zicht: in full
// to regie, anonymised to the werkgroep, as aggregates to the stuurgroep. Writes
// are audited and version-checked; the CSV import is all or nothing.
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import type { Actor } from '../domain/roles.ts';
import {
  kruisFouten, leesRuimtevragenCsv, type ImportFout, type RuimtevraagNieuwT, type RuimtevraagWijzigingT,
} from '../domain/matching-register.ts';
import { vraagVoorZicht, type KandidaatZicht } from '../domain/matching-zicht.ts';
import { AUDIT_REDEN, metAudit, type AuditReden } from '../matching/audit.ts';
import { versionConflict } from '../db/audit.ts';
import { MINIMUM_CEL, STANDEN, schermAf, schermAfOverAlles, schermTotaalAf, type Cel } from '../domain/ruimtevraag-aggregaat.ts';
import * as q from './queries.ts';
import type { Aggregaat } from './schemas.ts';

type Client = pg.PoolClient;

export async function lijst(pool: pg.Pool, zicht: KandidaatZicht, filter: q.RegisterFilter) {
  return (await q.registerRijen(pool, filter)).map((r) => vraagVoorZicht(zicht, r));
}

/** One request as the zicht may see it, with its version (for the ETag). */
export async function eenVraag(pool: pg.Pool, zicht: KandidaatZicht, id: number) {
  const rij = await q.registerRij(pool, id);
  return { versie: rij.version, vraag: vraagVoorZicht(zicht, rij) };
}

/** The aggregate for the stuurgroep: small cells withheld so that no company can be read from it. */
export async function aggregaten(db: Pick<pg.Pool, 'query'>): Promise<Aggregaat> {
  const a = await q.aggregaten(db);
  const stand = new Map(a.per_stand.map((s) => [s.stand, s]));
  // Each breakdown on its own: small cells withheld, and another where one alone would follow from the rest.
  const delen = {
    totaal: [schermTotaalAf(a.totaal)],
    per_milieucategorie: schermAf(a.per_milieucategorie),
    per_gemeente: schermAf(a.per_gemeente),
    per_reden: schermAf(a.per_reden),
    per_stand: schermAf(STANDEN.map((s) => stand.get(s) ?? { stand: s, aantal: 0, min_ha: 0, max_ha: 0, leden: [] })),
  };
  // Then all together: nothing small may follow from cells of different breakdowns either.
  const alle: (Cel & { leden: number[] })[] = Object.values(delen).flat();
  const toon = schermAfOverAlles(alle.map((c) => c.leden), alle.map((c) => !c.afgeschermd));
  const uit = <C extends Cel & { leden: number[] }>(cel: C) => {
    const { leden: _l, ...c } = cel;
    return toon[alle.indexOf(cel)] ? c : { ...c, min_ha: null, max_ha: null, afgeschermd: true };
  };
  return {
    minimum_cel: MINIMUM_CEL,
    totaal: uit(delen.totaal[0]),
    per_milieucategorie: delen.per_milieucategorie.map(uit).map(({ volgorde: _v, ...c }) => c),
    per_gemeente: delen.per_gemeente.map(uit),
    per_reden: delen.per_reden.map(uit),
    per_stand: delen.per_stand.map(uit),
  };
}

async function controleerGemeenten(client: Client, ids: number[] | undefined) {
  if (!ids?.length) return;
  const known = await q.bestaandeGemeenten(client, ids);
  const unknown = ids.filter((i) => !known.has(i));
  if (unknown.length) throw new ApiError(422, 'onbekende_gemeente', `Onbekende gemeente-id: ${unknown.join(', ')}.`, { gewenste_gemeente_ids: unknown });
}

export async function maakRuimtevraag(pool: pg.Pool, actor: Actor, invoer: RuimtevraagNieuwT): Promise<number> {
  return metAudit(pool, actor, null, async (client) => {
    await controleerGemeenten(client, invoer.gewenste_gemeente_ids);
    return (await q.insertVraag(client, invoer, 'gebruiker')).id;
  });
}

export async function wijzigRuimtevraag(pool: pg.Pool, actor: Actor, id: number, version: number, w: RuimtevraagWijzigingT, reden: AuditReden | null = null) {
  await metAudit(pool, actor, reden, async (client) => {
    const cur = await q.vergrendelVraag(client, id);
    if (cur.version !== version) throw await versionConflict(client, 'ruimtevraag', id, cur.version);
    const merged = { ...cur, ...w, min_ha: w.min_ha ?? Number(cur.min_ha), max_ha: w.max_ha ?? Number(cur.max_ha) };
    const kruis = kruisFouten(merged);
    if (kruis.length) throw new ApiError(422, 'ongeldige_invoer', kruis[0].melding, kruis.map((f) => ({ pad: f.veld, melding: f.melding })));
    await controleerGemeenten(client, w.gewenste_gemeente_ids);
    if (w.bedrijf) await q.wijzigBedrijf(client, cur.bedrijf_id, w.bedrijf);
    if (!(await q.wijzigVraag(client, id, version, w as Record<string, unknown>))) throw await versionConflict(client, 'ruimtevraag', id, cur.version);
  });
}

export const trekIn = (pool: pg.Pool, actor: Actor, id: number, version: number) =>
  wijzigRuimtevraag(pool, actor, id, version, { status: 'ingetrokken' }, AUDIT_REDEN.ruimtevraagIngetrokken);

export interface ImportRapport {
  geldig: boolean;
  proefdraai: boolean;
  aantal_rijen: number;
  aangemaakt: { rij: number; ruimtevraag_id: number; bestaand_bedrijf: boolean }[];
  fouten: ImportFout[];
}

/**
 * Imports all rows in one transaction: nothing is written when any row fails.
 * A company whose KvK-nummer is already known (or repeats in the file) is reused.
 */
export async function importeerCsv(pool: pg.Pool, actor: Actor, text: string, proefdraai: boolean): Promise<ImportRapport> {
  const opzoek = await q.opzoekLijsten(pool);
  const { rijen, fouten, aantal } = leesRuimtevragenCsv(text, opzoek);
  if (fouten.length || proefdraai) {
    return { geldig: fouten.length === 0, proefdraai, aantal_rijen: aantal, aangemaakt: [], fouten };
  }
  const aangemaakt = await metAudit(pool, actor, AUDIT_REDEN.csvImport, async (client) => {
    const out: ImportRapport['aangemaakt'] = [];
    const kvkIds = await q.bedrijvenOpKvk(client, rijen.map((r) => r.invoer.bedrijf.kvk_nummer).filter((k): k is string => !!k));
    for (const r of rijen) {
      const kvk = r.invoer.bedrijf.kvk_nummer ?? null;
      const bestaand = kvk ? kvkIds.get(kvk) : undefined;
      const { id, bedrijf_id } = await q.insertVraag(client, r.invoer, 'import', bestaand);
      if (kvk && bestaand === undefined) kvkIds.set(kvk, bedrijf_id);
      out.push({ rij: r.rij, ruimtevraag_id: id, bestaand_bedrijf: bestaand !== undefined });
    }
    return out;
  });
  return { geldig: true, proefdraai: false, aantal_rijen: aantal, aangemaakt, fouten: [] };
}
