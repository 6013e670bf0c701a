// A record's history from the audit trail, and restoring an earlier version as a
// new, audited change (the restore goes through the same checks as any write).
import type pg from 'pg';
import { ApiError, notFound } from '../http/errors.ts';
import { withAudit } from '../db/audit.ts';
import { herstelStatus } from '../domain/kavel-status.ts';
import type { WritableLayer } from './writable.ts';
import { ewktOfStoredGeoJson } from './geometry.ts';
import { applyUpdate, type WriteContext } from './records.ts';
import { auditedVersion, historyRows, lockCurrent, recordExists, type HistoryRow } from './queries.ts';

/** Every version of a record; `verborgen` names properties the reader may not see. */
export async function history(db: Pick<pg.Pool, 'query'>, layer: WritableLayer, id: number, verborgen: string[] = []): Promise<HistoryRow[]> {
  const rows = await historyRows(db, layer, id, verborgen);
  if (rows.length === 0 && !(await recordExists(db, layer, id))) throw notFound(layer.label, id);
  return rows;
}

/** Restores the attributes and geometry of an earlier version, as a new audited write. */
export async function restoreVersion(ctx: WriteContext, layer: WritableLayer, id: number, version: number, naarVersie: number) {
  await withAudit(ctx.pool, ctx.actor, `herstel van versie ${naarVersie}`, async (client) => {
    const na = await auditedVersion(client, layer, id, naarVersie);
    if (!na) throw new ApiError(404, 'versie_onbekend', `Versie ${naarVersie} van ${layer.label.toLowerCase()} ${id} bestaat niet.`);
    const editable = Object.keys(layer.schema.shape);
    const properties = Object.fromEntries(editable.filter((k) => k in na).map((k) => [k, na[k]]));
    if (layer.table === 'kavel') {
      // A kavel's option is the match workflow's: a restore neither brings it back nor undoes it.
      const huidig = await lockCurrent(client, layer, id);
      properties.status = herstelStatus(String(huidig.status ?? ''), properties.status);
      if (properties.status === undefined) delete properties.status;
    }
    const ewkt = await ewktOfStoredGeoJson(client, na.geom);
    await applyUpdate(client, ctx, layer, id, { version, properties, wat: `Versie ${naarVersie}` }, ewkt);
  });
}
