// Writes to map layers: validated, scoped to the actor's gemeente, version-checked,
// and each in one transaction whose audit rows the database triggers add.
import type pg from 'pg';
import { inTransaction } from '../db/database.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { checkPolygonal, MIN_AREA_HA, teKleinMelding } from '../domain/geometry.ts';
import { mayEditGemeente, type Actor } from '../domain/roles.ts';
import type { WritableLayer } from './writable.ts';
import { assertToewijzingenPassen, enforceRules, judge, transformatieDatum } from './editor-checks.ts';
import type { Waarschuwing } from '../domain/editor-rules.ts';
import { herstelStatus, magStatusZetten } from '../domain/kavel-status.ts';
import { kavelBinnenTerrein, kiesGemeente, werkgroepMagTekenen, type GemeenteInVlak } from '../domain/gemeente-keuze.ts';
import { zetIngangsdatum } from '../balans/historie.ts';

export type Client = pg.PoolClient;

export interface WriteContext {
  pool: pg.Pool;
  actor: Actor;
}

/** Opens the write transaction with the actor (and reason) recorded for the audit trigger. */
export async function withAudit<T>(ctx: WriteContext, reden: string | null, fn: (client: Client) => Promise<T>) {
  return inTransaction(ctx.pool, async (client) => {
    await client.query(`SELECT set_config('app.account_id', $1, true), set_config('app.audit_reden', $2, true)`, [
      String(ctx.actor.id), reden ?? '',
    ]);
    // Database errors are mapped to API errors by the global handler (server/http/db-errors.ts).
    return fn(client);
  });
}

export const GEOM_FROM_PARAM = (p: string) => `ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${p}), 4326), 28992)`;

/** Checks a WGS84 polygon and returns it as a valid MultiPolygon in RD New (as EWKT) plus its area. */
export async function prepareGeometry(client: Client, geometry: unknown, wat: 'vlak' | 'gat' = 'vlak'): Promise<{ ewkt: string; ha: number }> {
  const problem = checkPolygonal(geometry);
  if (problem) throw new ApiError(422, problem.code, problem.message, { reden: problem.code, locatie: problem.locatie });
  const { rows } = await client.query(
    `WITH g AS (SELECT ${GEOM_FROM_PARAM('$1')} AS geom),
          d AS (SELECT (ST_IsValidDetail(geom)).* FROM g)
     SELECT d.valid, d.reason, ST_AsGeoJSON(ST_Transform(ST_SetSRID(d.location, 28992), 4326), 7)::json AS location,
            CASE WHEN d.valid THEN ST_AsEWKT(ST_Multi(ST_CollectionExtract(ST_ReducePrecision(g.geom, 0.001), 3))) END AS ewkt
     FROM g, d`,
    [JSON.stringify(geometry)],
  );
  const r = rows[0];
  if (!r) throw new ApiError(422, 'ongeldige_geometrie', 'De geometrie kon niet worden gelezen.');
  if (!r.valid) {
    const selfIntersection = /self-intersection|ring self-intersection/i.test(r.reason ?? '');
    const locatie = r.location?.coordinates as [number, number] | undefined;
    throw new ApiError(
      422,
      selfIntersection ? 'zelfdoorsnijding' : 'ongeldige_geometrie',
      selfIntersection
        ? 'De lijnen van het vlak kruisen zichzelf. Pas de punten bij de gemarkeerde plek aan.'
        : `De geometrie is ongeldig: ${r.reason}.`,
      { reden: selfIntersection ? 'zelfdoorsnijding' : 'ongeldige_geometrie', postgis: r.reason, locatie },
    );
  }
  const area = await client.query<{ ha: number; empty: boolean }>(
    `SELECT ST_Area(g) / 10000 AS ha, ST_IsEmpty(g) AS empty FROM ST_GeomFromEWKT($1) g`,
    [r.ewkt],
  );
  if (area.rows[0].empty || area.rows[0].ha < MIN_AREA_HA) {
    const code = wat === 'gat' ? 'gat_te_klein' : 'te_klein';
    const m2 = area.rows[0].empty ? 0 : area.rows[0].ha * 10_000;
    throw new ApiError(422, code, teKleinMelding(m2, wat), { reden: code, m2, min_ha: MIN_AREA_HA });
  }
  return { ewkt: r.ewkt, ha: area.rows[0].ha };
}

/** Region gemeenten under a geometry, largest share first (migration 007). */
export async function gemeentenInVlak(client: Client, ewkt: string): Promise<GemeenteInVlak[]> {
  const { rows } = await client.query<{ g: GemeenteInVlak[] }>(`SELECT gemeenten_onder(ST_GeomFromEWKT($1)) AS g`, [ewkt]);
  return rows[0].g;
}

/** The gemeente holding most of a geometry; 422 when it lies outside the six. */
export async function gemeenteOfGeometry(client: Client, ewkt: string): Promise<number> {
  return gekozenGemeente(await gemeentenInVlak(client, ewkt));
}

/**
 * Where a new or reshaped polygon may lie: in the region, and for a werkgroep member
 * where its own gemeente holds the largest part (server/domain/gemeente-keuze.ts).
 * `wat` names the shape in the message ("Dit vlak", "Deel 2 van de splitsing", …).
 * Returns the gemeenten under it, largest first.
 */
export async function assertPlaats(client: Client, actor: Actor, ewkt: string, wat?: string): Promise<GemeenteInVlak[]> {
  const onder = await gemeentenInVlak(client, ewkt);
  if (onder.length === 0) gekozenGemeente(onder); // throws buiten_regio
  if (actor.rol === 'werkgroep') {
    const recht = werkgroepMagTekenen(onder, actor.gemeente_id ?? -1, wat);
    if (!recht.ok) throw new ApiError(403, recht.code, recht.message, { reden: recht.code, gemeenten: onder });
  }
  return onder;
}

/** A kavel's in_optie belongs to the match workflow (server/domain/kavel-status.ts). */
function assertStatus(huidig: string | undefined, gevraagd: unknown) {
  const oordeel = magStatusZetten(huidig, gevraagd);
  if (!oordeel.ok) throw new ApiError(422, oordeel.code, oordeel.message, { reden: oordeel.code });
}

/** A kavel lies within its terrein (every role); 422 kavel_buiten_terrein with the hectares outside. */
export async function assertKavelInTerrein(client: Client, ewkt: string, terreinId: unknown): Promise<void> {
  const { rows } = await client.query<{ id: number; naam: string | null; a_m2: number; binnen_m2: number; buiten_m2: number }>(
    `SELECT t.id, t.naam, ST_Area(k.g) AS a_m2,
            coalesce(ST_Area(ST_Intersection(k.g, t.geom, 0.001)), 0) AS binnen_m2,
            coalesce(ST_Area(ST_Difference(k.g, t.geom, 0.001)), 0) AS buiten_m2
     FROM terrein t, (SELECT ST_GeomFromEWKT($1) AS g) k WHERE t.id = $2`,
    [ewkt, terreinId],
  );
  const r = rows[0];
  if (!r) throw new ApiError(422, 'terrein_onbekend', `Terrein ${String(terreinId)} bestaat niet.`, { reden: 'terrein_onbekend' });
  // Guard: inside and outside must add up (an overlay of the embedded PostGIS can come back empty).
  if (Math.abs(r.binnen_m2 + r.buiten_m2 - r.a_m2) > 1) {
    throw new ApiError(422, 'meting_mislukt', 'Of de kavel binnen zijn terrein ligt, kon niet worden berekend. Vereenvoudig het vlak en probeer het opnieuw.');
  }
  const plaats = kavelBinnenTerrein(r.buiten_m2, r);
  if (!plaats.ok) {
    throw new ApiError(422, plaats.code, plaats.message, { reden: plaats.code, terrein_id: r.id, buiten_ha: r.buiten_m2 / 10_000 });
  }
}

/** The gemeente a drawn record belongs to (server/domain/gemeente-keuze.ts), or the 422 why not. */
export function gekozenGemeente(onder: GemeenteInVlak[], gevraagd?: number, huidig?: number): number {
  const keuze = kiesGemeente(onder, gevraagd, huidig);
  if (!keuze.ok) {
    throw new ApiError(422, keuze.code, keuze.message, {
      reden: keuze.code, ...(keuze.code === 'gemeente_buiten_vlak' ? { gemeenten: onder } : {}),
    });
  }
  return keuze.gemeente_id;
}

export async function gemeenteOfRecord(client: Client, layer: WritableLayer, values: Record<string, unknown>): Promise<number> {
  if (layer.gemeente === 'column') return values.gemeente_id as number;
  const { rows } = await client.query<{ gemeente_id: number }>(`SELECT gemeente_id FROM terrein WHERE id = $1`, [values.terrein_id]);
  if (!rows[0]) throw new ApiError(422, 'terrein_onbekend', `Terrein ${String(values.terrein_id)} bestaat niet.`);
  return rows[0].gemeente_id;
}

export function assertMayEdit(actor: Actor, gemeenteId: number) {
  if (!mayEditGemeente(actor, gemeenteId)) {
    throw new ApiError(403, 'andere_gemeente', 'U mag alleen gegevens van uw eigen gemeente wijzigen.');
  }
}

export interface WriteResult {
  id: number;
  /** Editor-rule warnings (e.g. a compensatie overlapping a terrein); the write went through. */
  waarschuwingen: Waarschuwing[];
}

/** Editor rules apply to live records only: a vervallen transformatie/compensatie is history. */
const rulesApply = (status: unknown) => status !== 'vervallen';
/** Attributes R-T1 looks at besides the geometry. */
const R_T1_FIELDS = ['datum_vaststelling', 'datum_terinzagelegging', 'status'];

export async function createRecord(
  ctx: WriteContext, layer: WritableLayer, geometry: unknown, properties: Record<string, unknown>,
): Promise<WriteResult> {
  return withAudit(ctx, null, async (client) => {
    const { ewkt } = await prepareGeometry(client, geometry);
    const values = { ...properties };
    await zetIngangsdatum(client, values);
    // Scope first: a werkgroep member asking for another gemeente hears 403, not where to draw.
    if (layer.gemeente === 'column' && values.gemeente_id !== undefined) assertMayEdit(ctx.actor, values.gemeente_id as number);
    const onder = await assertPlaats(client, ctx.actor, ewkt);
    if (layer.gemeente === 'column') values.gemeente_id = gekozenGemeente(onder, values.gemeente_id as number | undefined);
    assertMayEdit(ctx.actor, await gemeenteOfRecord(client, layer, values));
    if (layer.table === 'kavel') {
      assertStatus(undefined, values.status);
      await assertKavelInTerrein(client, ewkt, values.terrein_id);
    }
    const waarschuwingen = rulesApply(values.status) ? await enforceRules(client, layer.path, ewkt, { datum: transformatieDatum(values) }) : [];
    const cols = Object.keys(values);
    const params = cols.map((c) => (c === 'zittende_bedrijven' ? JSON.stringify(values[c]) : values[c]));
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO ${layer.table} (${[...cols, 'geom', 'bron'].join(', ')})
       VALUES (${[...cols.map((_, i) => `$${i + 1}`), `ST_GeomFromEWKT($${cols.length + 1})`, `'gebruiker'`].join(', ')})
       RETURNING id`,
      [...params, ewkt],
    );
    return { id: rows[0].id, waarschuwingen };
  });
}

export async function conflict(client: Client, layer: WritableLayer, id: number, current: number): Promise<ApiError> {
  const { rows } = await client.query<{ naam: string | null; tijdstip: string }>(
    `SELECT a.naam, l.tijdstip FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
     WHERE l.tabel = $1 AND l.record_id = $2 ORDER BY l.id DESC LIMIT 1`,
    [layer.table, id],
  );
  const who = rows[0]?.naam ?? 'het systeem';
  const when = rows[0]?.tijdstip ? new Date(rows[0].tijdstip) : null;
  const hhmm = when?.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
  return new ApiError(409, 'versieconflict', `Gewijzigd door ${who}${hhmm ? ` om ${hhmm}` : ''}. Laad de nieuwste versie en probeer het opnieuw.`, {
    huidige_versie: current, gewijzigd_door: who, gewijzigd_op: when?.toISOString() ?? null,
  });
}

export async function lockCurrent(client: Client, layer: WritableLayer, id: number) {
  // The stored shape as EWKT too, for the rules and the gemeente choice.
  const { rows } = await client.query(`SELECT *, ST_AsEWKT(geom) AS geom_ewkt FROM ${layer.table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw notFound(layer.label, id);
  return rows[0] as Record<string, unknown> & { version: number; geom_ewkt: string };
}

export interface Change {
  version: number;
  geometry?: unknown;
  properties?: Record<string, unknown>;
  /** How messages name the new shape ("Het samengevoegde vlak", …); "Dit vlak" by default. */
  wat?: string;
}

export async function applyUpdate(
  client: Client, ctx: WriteContext, layer: WritableLayer, id: number, change: Change, geomEwkt?: string,
): Promise<Waarschuwing[]> {
  const current = await lockCurrent(client, layer, id);
  assertMayEdit(ctx.actor, await gemeenteOfRecord(client, layer, current));
  if (current.version !== change.version) throw await conflict(client, layer, id, current.version);

  const values: Record<string, unknown> = { ...(change.properties ?? {}) };
  if (layer.table === 'kavel') assertStatus(current.status as string, values.status);
  await zetIngangsdatum(client, values, current.geldig_vanaf as string | undefined);
  let ewkt = geomEwkt;
  if (change.geometry !== undefined) ewkt = (await prepareGeometry(client, change.geometry)).ewkt;
  if (layer.gemeente === 'column' && values.gemeente_id !== undefined) assertMayEdit(ctx.actor, values.gemeente_id as number);
  if (ewkt) {
    // A new shape (a redraw, a geometry operation or a restore) is placed like a new record;
    // the record keeps its gemeente while the shape still lies in it.
    const onder = await assertPlaats(client, ctx.actor, ewkt, change.wat);
    if (layer.gemeente === 'column') {
      values.gemeente_id = gekozenGemeente(onder, values.gemeente_id as number | undefined, current.gemeente_id as number);
    }
  } else if (layer.gemeente === 'column' && values.gemeente_id !== undefined) {
    values.gemeente_id = gekozenGemeente(await gemeentenInVlak(client, current.geom_ewkt), values.gemeente_id as number, current.gemeente_id as number);
  }
  assertMayEdit(ctx.actor, await gemeenteOfRecord(client, layer, { ...current, ...values }));
  if (layer.table === 'kavel' && (ewkt || (values.terrein_id !== undefined && values.terrein_id !== current.terrein_id))) {
    await assertKavelInTerrein(client, ewkt ?? current.geom_ewkt, values.terrein_id ?? current.terrein_id);
  }
  // A redrawn polygon is judged by the editor rules like a new one (not a restore of history).
  const live = rulesApply(values.status ?? current.status);
  const datum = transformatieDatum({ ...current, ...values });
  let waarschuwingen = change.geometry !== undefined && ewkt && live
    ? await enforceRules(client, layer.path, ewkt, { excludeId: id, datum }) : [];
  // R-T1 depends on the transformatie's dates and status too: a changed date (or a
  // revived record) on the unchanged shape is judged again, as warnings only; the
  // shape's own fouten were settled when it was drawn.
  if (change.geometry === undefined && !geomEwkt && live && layer.path === 'transformaties'
      && R_T1_FIELDS.some((f) => f in values)) {
    waarschuwingen = (await judge(client, layer.path, current.geom_ewkt, { excludeId: id, datum })).waarschuwingen;
  }

  const sets: string[] = [];
  const params: unknown[] = [id, change.version];
  for (const [col, v] of Object.entries(values)) {
    params.push(col === 'zittende_bedrijven' ? JSON.stringify(v) : v);
    sets.push(`${col} = $${params.length}`);
  }
  if (ewkt) {
    params.push(ewkt);
    sets.push(`geom = ST_GeomFromEWKT($${params.length})`);
  }
  if (sets.length === 0) return waarschuwingen;
  const { rowCount } = await client.query(
    `UPDATE ${layer.table} SET ${sets.join(', ')} WHERE id = $1 AND version = $2`,
    params,
  );
  if (!rowCount) throw await conflict(client, layer, id, current.version);
  if (ewkt && layer.table === 'compensatie') await assertToewijzingenPassen(client, id);
  return waarschuwingen;
}

export async function updateRecord(ctx: WriteContext, layer: WritableLayer, id: number, change: Change): Promise<Waarschuwing[]> {
  return withAudit(ctx, null, (client) => applyUpdate(client, ctx, layer, id, change));
}

export async function deleteRecord(ctx: WriteContext, layer: WritableLayer, id: number, version: number) {
  await withAudit(ctx, null, async (client) => {
    if (layer.softDeleteStatus) {
      await applyUpdate(client, ctx, layer, id, { version, properties: { status: layer.softDeleteStatus } });
      return;
    }
    const current = await lockCurrent(client, layer, id);
    assertMayEdit(ctx.actor, await gemeenteOfRecord(client, layer, current));
    if (current.version !== version) throw await conflict(client, layer, id, current.version);
    try {
      await client.query(`DELETE FROM ${layer.table} WHERE id = $1 AND version = $2`, [id, version]);
    } catch (err) {
      if ((err as { code?: string }).code === '23503') {
        throw new ApiError(409, 'in_gebruik', `${layer.label} ${id} wordt nog gebruikt door andere gegevens en kan niet worden verwijderd.`);
      }
      throw err;
    }
  });
}

export interface HistoryEntry {
  versie: number | null;
  actie: string;
  tijdstip: string;
  door: string;
  reden: string | null;
  eigenschappen: Record<string, unknown> | null;
  geometry: unknown;
}

/** Every version of a record; `verborgen` names properties the reader may not see. */
export async function history(pool: pg.Pool, layer: WritableLayer, id: number, verborgen: string[] = []): Promise<HistoryEntry[]> {
  const { rows } = await pool.query(
    `SELECT l.version AS versie, l.actie, l.tijdstip, coalesce(a.naam, 'systeem') AS door, l.reden,
            (coalesce(l.na, l.voor) - 'geom' - $3::text[]) AS eigenschappen,
            CASE WHEN jsonb_typeof(coalesce(l.na, l.voor)->'geom') = 'object' THEN
              ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(coalesce(l.na, l.voor)->'geom'), 28992), 4326), 7)::json
            END AS geometry
     FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
     WHERE l.tabel = $1 AND l.record_id = $2 ORDER BY l.id`,
    [layer.table, id, verborgen],
  );
  if (rows.length === 0) {
    const exists = await pool.query(`SELECT 1 FROM ${layer.table} WHERE id = $1`, [id]);
    if (!exists.rowCount) throw notFound(layer.label, id);
  }
  return rows;
}

/** Restores the attributes and geometry of an earlier version, as a new audited write. */
export async function restoreVersion(ctx: WriteContext, layer: WritableLayer, id: number, version: number, naarVersie: number) {
  await withAudit(ctx, `herstel van versie ${naarVersie}`, async (client) => {
    const { rows } = await client.query<{ na: Record<string, unknown> }>(
      `SELECT na FROM audit_log WHERE tabel = $1 AND record_id = $2 AND version = $3 AND na IS NOT NULL
       ORDER BY id DESC LIMIT 1`,
      [layer.table, id, naarVersie],
    );
    if (!rows[0]) throw new ApiError(404, 'versie_onbekend', `Versie ${naarVersie} van ${layer.label.toLowerCase()} ${id} bestaat niet.`);
    const editable = Object.keys(layer.schema.shape);
    const properties = Object.fromEntries(editable.filter((k) => k in rows[0].na).map((k) => [k, rows[0].na[k]]));
    if (layer.table === 'kavel') {
      // A kavel's option is the match workflow's: a restore neither brings it back nor undoes it.
      const huidig = await client.query<{ status: string }>(`SELECT status FROM kavel WHERE id = $1 FOR UPDATE`, [id]);
      properties.status = herstelStatus(huidig.rows[0]?.status ?? '', properties.status);
      if (properties.status === undefined) delete properties.status;
    }
    const geom = await client.query<{ ewkt: string }>(
      `SELECT ST_AsEWKT(ST_SetSRID(ST_GeomFromGeoJSON($1), 28992)) AS ewkt`,
      [JSON.stringify(rows[0].na.geom)],
    );
    await applyUpdate(client, ctx, layer, id, { version, properties, wat: `Versie ${naarVersie}` }, geom.rows[0].ewkt);
  });
}
