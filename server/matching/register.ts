// Writes to the ruimtevragen register (with their bedrijf), audited and version-checked.
import type pg from 'pg';
import { ApiError, notFound } from '../http/errors.ts';
import type { Actor } from '../domain/roles.ts';
import {
  kruisFouten, leesRuimtevragenCsv, type ImportFout, type Opzoek, type RuimtevraagNieuwT, type RuimtevraagWijzigingT,
} from '../domain/matching-register.ts';
import { AUDIT_REDEN, metAudit, versieConflict, type AuditReden } from './data.ts';

type Client = pg.PoolClient;

async function controleerGemeenten(client: Client, ids: number[] | undefined) {
  if (!ids?.length) return;
  const { rows } = await client.query<{ id: number }>(`SELECT id FROM gemeente WHERE id = ANY($1::int[])`, [ids]);
  const known = new Set(rows.map((r) => r.id));
  const unknown = ids.filter((i) => !known.has(i));
  if (unknown.length) throw new ApiError(422, 'onbekende_gemeente', `Onbekende gemeente-id: ${unknown.join(', ')}.`, { gewenste_gemeente_ids: unknown });
}

const VRAAG_KOLOMMEN = ['min_ha', 'max_ha', 'milieucategorie', 'watergebonden', 'gewenste_gemeente_ids', 'gewenst_vanaf', 'gewenst_tot',
  'reden', 'voorrang', 'status', 'accountmanager', 'notities'] as const;
const BEDRIJF_KOLOMMEN = ['naam', 'kvk_nummer', 'sector', 'arbeidsplaatsen', 'huidige_kavel_id', 'gebruikspositie', 'milieucategorie_activiteit'] as const;

async function insertVraag(client: Client, invoer: RuimtevraagNieuwT, bron: string, bestaandBedrijf?: number): Promise<number> {
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
  return rows[0].id;
}

export async function maakRuimtevraag(pool: pg.Pool, actor: Actor, invoer: RuimtevraagNieuwT): Promise<number> {
  return metAudit(pool, actor, null, async (client) => {
    await controleerGemeenten(client, invoer.gewenste_gemeente_ids);
    return insertVraag(client, invoer, 'gebruiker');
  });
}

export async function wijzigRuimtevraag(pool: pg.Pool, actor: Actor, id: number, version: number, w: RuimtevraagWijzigingT, reden: AuditReden | null = null) {
  await metAudit(pool, actor, reden, async (client) => {
    const { rows } = await client.query(`SELECT * FROM ruimtevraag WHERE id = $1 FOR UPDATE`, [id]);
    const cur = rows[0];
    if (!cur) throw notFound('Ruimtevraag', id);
    if (cur.version !== version) throw await versieConflict(client, 'ruimtevraag', id, cur.version);
    const merged = { ...cur, ...w, min_ha: w.min_ha ?? Number(cur.min_ha), max_ha: w.max_ha ?? Number(cur.max_ha) };
    const kruis = kruisFouten(merged);
    if (kruis.length) throw new ApiError(422, 'ongeldige_invoer', kruis[0].melding, kruis.map((f) => ({ pad: f.veld, melding: f.melding })));
    await controleerGemeenten(client, w.gewenste_gemeente_ids);

    if (w.bedrijf && Object.keys(w.bedrijf).length) {
      const entries = Object.entries(w.bedrijf);
      await client.query(
        `UPDATE bedrijf SET ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`,
        [cur.bedrijf_id, ...entries.map(([, v]) => v)],
      );
    }
    const sets = VRAAG_KOLOMMEN.filter((k) => (w as Record<string, unknown>)[k] !== undefined);
    // A change to the company alone still moves the request's version, so the next edit sees it.
    const assignments = sets.length ? sets.map((k, i) => `${k} = $${i + 3}${k === 'gewenste_gemeente_ids' ? '::int[]' : ''}`) : ['status = status'];
    const { rowCount } = await client.query(
      `UPDATE ruimtevraag SET ${assignments.join(', ')} WHERE id = $1 AND version = $2`,
      [id, version, ...sets.map((k) => (w as Record<string, unknown>)[k])],
    );
    if (!rowCount) throw await versieConflict(client, 'ruimtevraag', id, cur.version);
  });
}

export async function opzoekLijsten(db: Pick<pg.Pool, 'query'> | Client): Promise<Opzoek> {
  const mc = await db.query<{ code: string }>(`SELECT code FROM milieucategorie WHERE stelsel = 'VNG2009'`);
  const gm = await db.query<{ id: number; naam: string }>(`SELECT id, naam FROM gemeente`);
  const kv = await db.query<{ id: number }>(`SELECT id FROM kavel`);
  return {
    milieucategorieen: new Set(mc.rows.map((r) => r.code)),
    gemeenten: new Map(gm.rows.map((r) => [r.naam.toLowerCase(), r.id])),
    kavelIds: new Set(kv.rows.map((r) => r.id)),
  };
}

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
  const opzoek = await opzoekLijsten(pool);
  const { rijen, fouten, aantal } = leesRuimtevragenCsv(text, opzoek);
  if (fouten.length || proefdraai) {
    return { geldig: fouten.length === 0, proefdraai, aantal_rijen: aantal, aangemaakt: [], fouten };
  }
  const aangemaakt = await metAudit(pool, actor, AUDIT_REDEN.csvImport, async (client) => {
    const out: ImportRapport['aangemaakt'] = [];
    const kvkIds = new Map<string, number>();
    const kvks = rijen.map((r) => r.invoer.bedrijf.kvk_nummer).filter((k): k is string => !!k);
    if (kvks.length) {
      const { rows } = await client.query<{ id: number; kvk_nummer: string }>(
        `SELECT DISTINCT ON (kvk_nummer) id, kvk_nummer FROM bedrijf WHERE kvk_nummer = ANY($1::text[]) ORDER BY kvk_nummer, id`, [kvks]);
      for (const r of rows) kvkIds.set(r.kvk_nummer, r.id);
    }
    for (const r of rijen) {
      const kvk = r.invoer.bedrijf.kvk_nummer ?? null;
      const bestaand = kvk ? kvkIds.get(kvk) : undefined;
      const id = await insertVraag(client, r.invoer, 'import', bestaand);
      if (kvk && bestaand === undefined) {
        const { rows } = await client.query<{ bedrijf_id: number }>(`SELECT bedrijf_id FROM ruimtevraag WHERE id = $1`, [id]);
        kvkIds.set(kvk, rows[0].bedrijf_id);
      }
      out.push({ rij: r.rij, ruimtevraag_id: id, bestaand_bedrijf: bestaand !== undefined });
    }
    return out;
  });
  return { geldig: true, proefdraai: false, aantal_rijen: aantal, aangemaakt, fouten: [] };
}
