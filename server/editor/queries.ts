// The SQL of the editable layers' rows: lock, insert, update, delete, copy, and the
// audit trail read back as their history. Table and column names come from
// writable.ts (never from a request); values are always parameters.
import type pg from 'pg';
import { notFound } from '../http/errors.ts';
import type { WritableLayer } from './writable.ts';

export type Client = pg.PoolClient;
type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** jsonb columns go in as JSON text. */
const param = (col: string, v: unknown) => (col === 'zittende_bedrijven' ? JSON.stringify(v) : v);

export type LockedRecord = Record<string, unknown> & { id: number; version: number; geom_ewkt: string };

/** The record, locked for this transaction, with its stored shape as EWKT; 404 when it does not exist. */
export async function lockCurrent(db: Queryable, layer: WritableLayer, id: number): Promise<LockedRecord> {
  const { rows } = await db.query(`SELECT *, ST_AsEWKT(geom) AS geom_ewkt FROM ${layer.table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw notFound(layer.label, id);
  return rows[0] as LockedRecord;
}

/** Inserts a record drawn by a user; returns its id. */
export async function insertRecord(db: Queryable, layer: WritableLayer, values: Record<string, unknown>, ewkt: string): Promise<number> {
  const cols = Object.keys(values);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO ${layer.table} (${[...cols, 'geom', 'bron'].join(', ')})
     VALUES (${[...cols.map((_, i) => `$${i + 1}`), `ST_GeomFromEWKT($${cols.length + 1})`, `'gebruiker'`].join(', ')})
     RETURNING id`,
    [...cols.map((c) => param(c, values[c])), ewkt],
  );
  return rows[0].id;
}

/**
 * Writes the values (and a new shape) when the row still has `version`; false when it
 * has moved on meanwhile. Nothing to write is no change (true).
 */
export async function updateRow(
  db: Queryable, layer: WritableLayer, id: number, version: number, values: Record<string, unknown>, ewkt?: string,
): Promise<boolean> {
  const sets: string[] = [];
  const params: unknown[] = [id, version];
  for (const [col, v] of Object.entries(values)) {
    params.push(param(col, v));
    sets.push(`${col} = $${params.length}`);
  }
  if (ewkt) {
    params.push(ewkt);
    sets.push(`geom = ST_GeomFromEWKT($${params.length})`);
  }
  if (sets.length === 0) return true;
  const { rowCount } = await db.query(`UPDATE ${layer.table} SET ${sets.join(', ')} WHERE id = $1 AND version = $2`, params);
  return !!rowCount;
}

/** Deletes the row at `version`; false when it has moved on. A foreign-key refusal (23503) is the caller's to word. */
export async function deleteRow(db: Queryable, layer: WritableLayer, id: number, version: number): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM ${layer.table} WHERE id = $1 AND version = $2`, [id, version]);
  return !!rowCount;
}

/** The columns a copy of a record takes over (everything but identity, geometry and bookkeeping). */
async function copyableColumns(db: Queryable, table: string): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
       AND column_name NOT IN ('id', 'geom', 'created_at', 'updated_at', 'version')
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/** A new record with the attributes of `fromId`, its own values and shape; returns the new id. */
export async function insertCopy(
  db: Queryable, layer: WritableLayer, fromId: number, own: Record<string, unknown>, ewkt: string,
): Promise<number> {
  const copied = (await copyableColumns(db, layer.table)).filter((c) => !(c in own));
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO ${layer.table} (${[...copied, ...Object.keys(own)].join(', ')}, geom)
     SELECT ${[...copied, ...Object.keys(own).map((_, j) => `$${j + 3}`)].join(', ')}, ST_GeomFromEWKT($2)
     FROM ${layer.table} WHERE id = $1 RETURNING id`,
    [fromId, ewkt, ...Object.entries(own).map(([c, v]) => param(c, v))],
  );
  return rows[0].id;
}

/** When two records merge, what referred to the one that goes refers to the one that stays. */
export async function moveReferences(db: Queryable, layer: WritableLayer, from: number, to: number): Promise<void> {
  if (layer.table === 'terrein') {
    await db.query(`UPDATE kavel SET terrein_id = $1 WHERE terrein_id = $2`, [to, from]);
    await db.query(`UPDATE kanszone SET terrein_id = $1 WHERE terrein_id = $2`, [to, from]);
  }
  if (layer.table === 'kavel') await db.query(`UPDATE bedrijf SET huidige_kavel_id = $1 WHERE huidige_kavel_id = $2`, [to, from]);
  if (layer.table === 'transformatie' || layer.table === 'compensatie') {
    await moveToewijzingen(db, layer.table === 'transformatie' ? 'transformatie_id' : 'compensatie_id', from, to);
  }
}

/**
 * Before records are deleted, the register's confidential notes that point at them let
 * go. A delete must answer alike whether or not the register knows of such a note: a
 * refusal would tell the werkgroep what the regisseur keeps from it.
 * - A company's current kavel becomes unknown (else: the company on this kavel asks
 *   for space elsewhere).
 * - A match the werkgroep has not seen (voorgesteld) lapses, with a step in its history
 *   naming the kavel and the person who removed it; a closed one (afgevallen) lets go of
 *   the kavel. (Else: someone is proposed this kavel.) A match the werkgroep has seen
 *   holds its kavel in optie, which everyone sees: that refusal tells nothing new.
 */
export async function releaseConfidentialReferences(db: Queryable, layer: WritableLayer, ids: readonly number[]): Promise<void> {
  if (layer.table !== 'kavel') return;
  await db.query(`UPDATE bedrijf SET huidige_kavel_id = NULL WHERE huidige_kavel_id = ANY($1::int[])`, [ids]);
  await db.query(
    `WITH los AS (
       DELETE FROM match_kavel mk USING match m
       WHERE mk.match_id = m.id AND mk.kavel_id = ANY($1::int[]) AND m.status IN ('voorgesteld', 'afgevallen')
       RETURNING m.id AS match_id, m.status, mk.kavel_id),
     vervallen AS (
       UPDATE match m SET status = 'afgevallen'
       FROM (SELECT match_id, string_agg(kavel_id::text, ', ' ORDER BY kavel_id) AS kavels, count(*) AS n
             FROM los WHERE status = 'voorgesteld' GROUP BY match_id) l
       WHERE m.id = l.match_id
       RETURNING m.id, l.kavels, l.n)
     INSERT INTO match_stap (match_id, van_status, naar_status, datum, persoon, reden, account_id)
     SELECT v.id, 'voorgesteld', 'afgevallen', (now() AT TIME ZONE 'Europe/Amsterdam')::date, coalesce(a.naam, 'Schuifruimte071'),
            CASE WHEN v.n = 1 THEN 'Kavel ' ELSE 'Kavels ' END || v.kavels || CASE WHEN v.n = 1 THEN ' is' ELSE ' zijn' END
              || ' verwijderd; het voorstel vervalt.', a.id
     FROM vervallen v LEFT JOIN account a ON a.id = nullif(current_setting('app.account_id', true), '')::int`,
    [ids]);
}

/** Moves toewijzingen from one transformatie/compensatie to another, adding hectares where the pair already exists. */
async function moveToewijzingen(db: Queryable, column: 'transformatie_id' | 'compensatie_id', from: number, to: number) {
  const pair = column === 'transformatie_id' ? 'compensatie_id' : 'transformatie_id';
  const { rows } = await db.query<{ id: number; partner: number; hectares: number }>(
    `SELECT id, ${pair} AS partner, hectares FROM compensatie_toewijzing WHERE ${column} = $1 ORDER BY id`, [from],
  );
  for (const t of rows) {
    const existing = await db.query<{ id: number }>(
      `SELECT id FROM compensatie_toewijzing WHERE ${column} = $1 AND ${pair} = $2`, [to, t.partner],
    );
    if (existing.rows[0]) {
      await db.query(`UPDATE compensatie_toewijzing SET hectares = hectares + $2::double precision WHERE id = $1`, [existing.rows[0].id, t.hectares]);
      await db.query(`DELETE FROM compensatie_toewijzing WHERE id = $1`, [t.id]);
    } else {
      await db.query(`UPDATE compensatie_toewijzing SET ${column} = $2 WHERE id = $1`, [t.id, to]);
    }
  }
}

/** A record's gemeente column, when it has one (for the draft check of a redrawn record). */
export async function gemeenteIdOf(db: Queryable, layer: WritableLayer, id: number): Promise<number | undefined> {
  if (layer.gemeente !== 'column') return undefined;
  const { rows } = await db.query<{ gemeente_id: number }>(`SELECT gemeente_id FROM ${layer.table} WHERE id = $1`, [id]);
  return rows[0]?.gemeente_id;
}

export interface HistoryRow {
  versie: number | null;
  actie: 'insert' | 'update' | 'delete';
  tijdstip: string;
  door: string;
  reden: string | null;
  eigenschappen: Record<string, unknown> | null;
  /** WGS84; null for a version without a shape. */
  geometry: unknown;
}

/** Every audited version of a record, oldest first; `verborgen` names properties left out. */
export async function historyRows(db: Queryable, layer: WritableLayer, id: number, verborgen: string[]): Promise<HistoryRow[]> {
  const { rows } = await db.query<HistoryRow>(
    `SELECT l.version AS versie, l.actie, l.tijdstip, coalesce(a.naam, 'systeem') AS door, l.reden,
            (coalesce(l.na, l.voor) - 'geom' - $3::text[]) AS eigenschappen,
            CASE WHEN jsonb_typeof(coalesce(l.na, l.voor)->'geom') = 'object' THEN
              ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(coalesce(l.na, l.voor)->'geom'), 28992), 4326), 7)::json
            END AS geometry
     FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
     WHERE l.tabel = $1 AND l.record_id = $2 ORDER BY l.id`,
    [layer.table, id, verborgen],
  );
  return rows;
}

export async function recordExists(db: Queryable, layer: WritableLayer, id: number): Promise<boolean> {
  return !!(await db.query(`SELECT 1 FROM ${layer.table} WHERE id = $1`, [id])).rowCount;
}

/** The stored state of a record at one of its versions (the audit trail's `na`), or null. */
export async function auditedVersion(db: Queryable, layer: WritableLayer, id: number, version: number): Promise<Record<string, unknown> | null> {
  const { rows } = await db.query<{ na: Record<string, unknown> }>(
    `SELECT na FROM audit_log WHERE tabel = $1 AND record_id = $2 AND version = $3 AND na IS NOT NULL
     ORDER BY id DESC LIMIT 1`,
    [layer.table, id, version],
  );
  return rows[0]?.na ?? null;
}
