// Create, change and delete records of the editable layers: validated, placed and
// scoped to the actor's gemeente (placement.ts), version-checked, judged by the
// editor rules (checks.ts), each in one audited transaction (db/audit.ts).
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import { assertVersion, versionConflict, withAudit } from '../db/audit.ts';
import type { Actor, Role } from '../domain/roles.ts';
import type { Waarschuwing } from '../domain/editor-rules.ts';
import { magStatusZetten } from '../domain/kavel-status.ts';
import { VERVALLEN } from '../domain/layer-values.ts';
import type { EditablePath, WritableLayer } from './writable.ts';
import { prepareGeometry } from './geometry.ts';
import { assertKavelInTerrein, assertMayEdit, assertPlaats, gekozenGemeente, gemeenteOfRecord, gemeentenInVlak } from './placement.ts';
import { assertToewijzingenPassen, enforceRules, judge, transformatieDatum } from './checks.ts';
import { deleteRow, insertRecord, lockCurrent, releaseConfidentialReferences, updateRow, type Client } from './queries.ts';
import { milieuruimteVanTransformatie } from './milieuruimte.ts';
import { zetIngangsdatum } from '../balans/historie.ts';
import { layerDefinition } from '../layers/definitions.ts';
import { getFeature, type LayerFeature } from '../layers/queries.ts';

export interface WriteContext {
  pool: pg.Pool;
  actor: Actor;
}

export interface WriteResult {
  id: number;
  /** Editor-rule warnings (e.g. a compensatie overlapping a terrein); the write went through. */
  waarschuwingen: Waarschuwing[];
}

/** A kavel's in_optie belongs to the match workflow (server/domain/kavel-status.ts). */
function assertStatus(huidig: string | undefined, gevraagd: unknown) {
  const oordeel = magStatusZetten(huidig, gevraagd);
  if (!oordeel.ok) throw new ApiError(422, oordeel.code, oordeel.message, { reden: oordeel.code });
}

/** Editor rules apply to live records only: a vervallen transformatie/compensatie is history. */
const rulesApply = (status: unknown) => status !== VERVALLEN;
/** Attributes R-T1 looks at besides the geometry. */
const R_T1_FIELDS = ['datum_vaststelling', 'datum_terinzagelegging', 'status'];

export async function createRecord(
  ctx: WriteContext, layer: WritableLayer, geometry: unknown, properties: Record<string, unknown>,
): Promise<WriteResult> {
  return withAudit(ctx.pool, ctx.actor, null, async (client) => {
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
    return { id: await insertRecord(client, layer, values, ewkt), waarschuwingen };
  });
}

export interface Change {
  version: number;
  geometry?: unknown;
  properties?: Record<string, unknown>;
  /** How messages name the new shape ("Het samengevoegde vlak", …); "Dit vlak" by default. */
  wat?: string;
}

/**
 * Applies a change inside a transaction that is already open (a save, or a step of a
 * geometry operation or restore). `geomEwkt`: a shape computed by the server (split,
 * merge, hole, restore) instead of a drawn one.
 */
export async function applyUpdate(
  client: Client, ctx: WriteContext, layer: WritableLayer, id: number, change: Change, geomEwkt?: string,
): Promise<Waarschuwing[]> {
  const current = await lockCurrent(client, layer, id);
  assertMayEdit(ctx.actor, await gemeenteOfRecord(client, layer, current));
  await assertVersion(client, layer.table, id, current.version, change.version);

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

  if (!(await updateRow(client, layer, id, change.version, values, ewkt))) throw await versionConflict(client, layer.table, id, current.version);
  if (ewkt && layer.table === 'compensatie') await assertToewijzingenPassen(client, id);
  return waarschuwingen;
}

export async function updateRecord(ctx: WriteContext, layer: WritableLayer, id: number, change: Change): Promise<Waarschuwing[]> {
  return withAudit(ctx.pool, ctx.actor, null, (client) => applyUpdate(client, ctx, layer, id, change));
}

/** Deletes a record, or for transformaties and compensaties lets it lapse (status vervallen; R-T4). */
export async function deleteRecord(ctx: WriteContext, layer: WritableLayer, id: number, version: number) {
  await withAudit(ctx.pool, ctx.actor, null, async (client) => {
    if (layer.softDeleteStatus) {
      await applyUpdate(client, ctx, layer, id, { version, properties: { status: layer.softDeleteStatus } });
      return;
    }
    const current = await lockCurrent(client, layer, id);
    assertMayEdit(ctx.actor, await gemeenteOfRecord(client, layer, current));
    await assertVersion(client, layer.table, id, current.version, version);
    await deleteInUse(client, layer, id, version, `${layer.label} ${id} wordt nog gebruikt door andere gegevens en kan niet worden verwijderd.`);
  });
}

/** Deletes the row; one that other data still refers to is a 409 in_gebruik in `message`'s words. */
export async function deleteInUse(client: Client, layer: WritableLayer, id: number, version: number, message: string): Promise<void> {
  await releaseConfidentialReferences(client, layer, [id]);
  try {
    if (!(await deleteRow(client, layer, id, version))) throw await versionConflict(client, layer.table, id, version);
  } catch (err) {
    if ((err as { code?: string }).code === '23503') throw new ApiError(409, 'in_gebruik', message);
    throw err;
  }
}

/** A record as its layer's GET answers it to `rol` (after a write); 404 when it is gone. */
export async function featureOf<P extends EditablePath>(
  db: Pick<pg.Pool, 'query'>, layer: WritableLayer & { path: P }, id: number, rol: Role,
): Promise<LayerFeature<P>> {
  const feature = await getFeature(db, layerDefinition(layer.path), id, rol);
  if (!feature) throw new ApiError(404, 'niet_gevonden', `${layer.label} ${id} bestaat niet.`);
  return feature;
}

/** The saved record plus the editor's findings: waarschuwingen, and for housing the milieuruimte check. */
export async function savedFeature<P extends EditablePath>(
  db: Pick<pg.Pool, 'query'>, layer: WritableLayer & { path: P }, id: number, rol: Role, waarschuwingen: Waarschuwing[],
) {
  const feature = await featureOf(db, layer, id, rol);
  const milieuruimte = layer.table === 'transformatie' ? await milieuruimteVanTransformatie(db, id) : undefined;
  return { ...feature, waarschuwingen, ...(milieuruimte ? { milieuruimte } : {}) };
}
