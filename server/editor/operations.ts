// Editor geometry operations done by PostGIS (terra-draw has no holes, splits or
// unions): split by a line, merge two records, cut a hole. Each is one audited
// transaction with the version check and the werkgroep scope of every record it touches.
// All overlays use gridSize 0.001 (stored geometry lives on a 1 mm grid) and are
// guarded by area sums, so an overlay that silently drops rows cannot pass.
import { ApiError } from '../http/errors.ts';
import { assertVersion, versionConflict, withAudit } from '../db/audit.ts';
import { checkLineString, checkPolygonal, MIN_AREA_HA, teKleinMelding } from '../domain/geometry.ts';
import { deelNaam } from '../domain/editor-rules.ts';
import { WORKFLOW_STATUS } from '../domain/kavel-status.ts';
import { m2Nl } from '../domain/nl-tekst.ts';
import type { WritableLayer } from './writable.ts';
import { prepareGeometry } from './geometry.ts';
import { assertKavelInTerrein, assertMayEdit, assertPlaats, gekozenGemeente, gemeenteOfRecord } from './placement.ts';
import { applyUpdate, deleteInUse, type WriteContext } from './records.ts';
import { insertCopy, lockCurrent, moveReferences, updateRow, type Client } from './queries.ts';

/** Parts smaller than this (m²) are slivers; a split that makes one is refused. */
export const SLIVER_M2 = 1;
/** Allowed difference (m²) between the area before and the sum of areas after an operation. */
export const AREA_TOLERANCE_M2 = 1;

/** Locks a record for a geometry operation; `nietInOptie`: a kavel in optie may not take part (split, merge). */
async function lockForEdit(
  client: Client, ctx: WriteContext, layer: WritableLayer, id: number, version: number, opts: { nietInOptie?: boolean } = {},
) {
  const current = await lockCurrent(client, layer, id);
  assertMayEdit(ctx.actor, await gemeenteOfRecord(client, layer, current));
  await assertVersion(client, layer.table, id, current.version, version);
  if (layer.table === 'kavel' && current.status === WORKFLOW_STATUS && opts.nietInOptie) {
    throw new ApiError(409, 'kavel_in_optie', `Kavel ${id} is in optie voor een match. Splitsen of samenvoegen kan pas als de match is afgevallen of gerealiseerd.`, { reden: 'kavel_in_optie' });
  }
  if (layer.softDeleteStatus && current.status === layer.softDeleteStatus) {
    throw new ApiError(422, 'vervallen', `${layer.label} ${id} is vervallen en kan niet meer worden bewerkt.`, { reden: 'vervallen' });
  }
  return current;
}

export interface SplitResult {
  /** The record itself (first, the largest part), then the new records. */
  ids: number[];
}

export async function splitRecord(
  ctx: WriteContext, layer: WritableLayer, id: number, version: number, line: unknown,
): Promise<SplitResult> {
  const lineProblem = checkLineString(line);
  if (lineProblem) throw new ApiError(422, lineProblem.code, lineProblem.message, { reden: lineProblem.code, locatie: lineProblem.locatie });
  return withAudit(ctx.pool, ctx.actor, `splitsing van ${layer.label.toLowerCase()} ${id}`, async (client) => {
    const current = await lockForEdit(client, ctx, layer, id, version, { nietInOptie: true });
    const { rows: parts } = await client.query<{ ewkt: string; m2: number; origineel_m2: number }>(
      `WITH src AS (SELECT geom FROM ${layer.table} WHERE id = $1),
            l AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326), 28992) AS g),
            d AS (SELECT ST_ReducePrecision((ST_Dump(ST_Split(src.geom, l.g))).geom, 0.001) AS g FROM src, l)
       SELECT ST_AsEWKT(ST_Multi(ST_CollectionExtract(d.g, 3))) AS ewkt, ST_Area(d.g) AS m2,
              (SELECT ST_Area(geom) FROM src) AS origineel_m2
       FROM d WHERE NOT ST_IsEmpty(ST_CollectionExtract(d.g, 3))
       ORDER BY ST_Area(d.g) DESC`,
      [id, JSON.stringify(line)],
    );
    if (parts.length < 2) {
      throw new ApiError(422, 'lijn_splitst_niet', 'De lijn deelt het vlak niet in stukken. Trek de lijn helemaal over het vlak heen.', { reden: 'lijn_splitst_niet' });
    }
    const som = parts.reduce((s, p) => s + p.m2, 0);
    if (Math.abs(som - parts[0].origineel_m2) > AREA_TOLERANCE_M2) {
      throw new ApiError(422, 'splitsing_mislukt', `De delen tellen niet op tot het oorspronkelijke vlak (verschil ${m2Nl(Math.abs(som - parts[0].origineel_m2))}). Probeer een eenvoudiger lijn.`, { reden: 'splitsing_mislukt' });
    }
    const smallest = parts[parts.length - 1];
    if (smallest.m2 < SLIVER_M2) {
      throw new ApiError(422, 'snipper', `De lijn maakt een snipper van ${m2Nl(smallest.m2)}. Leg de lijn zo dat elk deel een echt vlak is.`, { reden: 'snipper', m2: smallest.m2 });
    }
    if (smallest.m2 / 10_000 < MIN_AREA_HA) {
      throw new ApiError(422, 'te_klein', teKleinMelding(smallest.m2, 'deel'), { reden: 'te_klein', m2: smallest.m2, min_ha: MIN_AREA_HA });
    }

    // Each part is placed like a new polygon (werkgroep scope, its own gemeente, a kavel in its terrein)
    // and named "… (deel n)", so the parts can be told apart; the record itself is part 1.
    const naam = (deel: number) => (layer.schema.shape.naam ? { naam: deelNaam(current.naam, deel) } : {});
    await applyUpdate(client, ctx, layer, id, { version, properties: naam(1), wat: 'Deel 1 van de splitsing' }, parts[0].ewkt);
    const ids = [id];
    for (const [i, part] of parts.slice(1).entries()) {
      const onder = await assertPlaats(client, ctx.actor, part.ewkt, `Deel ${i + 2} van de splitsing`);
      if (layer.table === 'kavel') await assertKavelInTerrein(client, part.ewkt, current.terrein_id);
      ids.push(await insertCopy(client, layer, id, {
        ...naam(i + 2),
        ...(layer.gemeente === 'column' ? { gemeente_id: gekozenGemeente(onder, undefined, current.gemeente_id as number) } : {}),
      }, part.ewkt));
    }
    return { ids };
  });
}

export interface MergeResult {
  id: number;
  /** The other record: deleted, or kept with status vervallen. */
  met_id: number;
  met_status: 'verwijderd' | 'vervallen';
  /** Whether the result is one polygon (false: a MultiPolygon of separate parts). */
  aaneengesloten: boolean;
}

export async function mergeRecords(
  ctx: WriteContext, layer: WritableLayer, id: number, version: number, metId: number, metVersion: number,
): Promise<MergeResult> {
  if (id === metId) throw new ApiError(422, 'zelfde_record', 'Kies twee verschillende vlakken om samen te voegen.', { reden: 'zelfde_record' });
  return withAudit(ctx.pool, ctx.actor, `samenvoeging van ${layer.label.toLowerCase()} ${metId} met ${id}`, async (client) => {
    // Lock in id order so two opposite merges cannot deadlock.
    const [first, second] = id < metId ? [[id, version], [metId, metVersion]] : [[metId, metVersion], [id, version]];
    const a = await lockForEdit(client, ctx, layer, first[0], first[1], { nietInOptie: true });
    const b = await lockForEdit(client, ctx, layer, second[0], second[1], { nietInOptie: true });
    const [current, other] = a.id === id ? [a, b] : [b, a];
    if (layer.table === 'kavel' && current.terrein_id !== other.terrein_id) {
      throw new ApiError(422, 'ander_terrein', 'Alleen kavels op hetzelfde terrein kunnen worden samengevoegd.', { reden: 'ander_terrein' });
    }

    const { rows } = await client.query<{ ewkt: string | null; m2: number | null; delen: number | null; a_m2: number; b_m2: number; overlap_m2: number | null }>(
      `WITH a AS (SELECT geom FROM ${layer.table} WHERE id = $1), b AS (SELECT geom FROM ${layer.table} WHERE id = $2),
            u AS (SELECT ST_Multi(ST_CollectionExtract(ST_Union(a.geom, b.geom, 0.001), 3)) AS g FROM a, b)
       SELECT ST_AsEWKT(u.g) AS ewkt, ST_Area(u.g) AS m2, ST_NumGeometries(u.g) AS delen,
              ST_Area(a.geom) AS a_m2, ST_Area(b.geom) AS b_m2,
              (SELECT ST_Area(ST_Intersection(a.geom, b.geom, 0.001))) AS overlap_m2
       FROM a, b LEFT JOIN u ON true`,
      [id, metId],
    );
    const r = rows[0];
    if (!r?.ewkt || r.m2 === null || r.overlap_m2 === null || Math.abs(r.m2 - (r.a_m2 + r.b_m2 - r.overlap_m2)) > AREA_TOLERANCE_M2) {
      throw new ApiError(422, 'samenvoegen_mislukt', 'De vlakken konden niet worden samengevoegd tot één (Multi)Polygon.', { reden: 'samenvoegen_mislukt' });
    }

    // References to the other record move to the one that stays.
    await moveReferences(client, layer, metId, id);

    await applyUpdate(client, ctx, layer, id, { version, wat: 'Het samengevoegde vlak' }, r.ewkt);

    if (layer.softDeleteStatus) {
      if (!(await updateRow(client, layer, metId, metVersion, { status: layer.softDeleteStatus }))) {
        throw await versionConflict(client, layer.table, metId, other.version);
      }
    } else {
      await deleteInUse(client, layer, metId, metVersion,
        `${layer.label} ${metId} wordt nog gebruikt door andere gegevens (bijvoorbeeld een match) en kan niet worden samengevoegd.`);
    }
    return { id, met_id: metId, met_status: layer.softDeleteStatus ? 'vervallen' : 'verwijderd', aaneengesloten: r.delen === 1 };
  });
}

export async function cutHole(
  ctx: WriteContext, layer: WritableLayer, id: number, version: number, hole: unknown,
): Promise<{ id: number; gat_ha: number }> {
  const problem = checkPolygonal(hole);
  if (problem) throw new ApiError(422, problem.code, problem.message, { reden: problem.code, locatie: problem.locatie });
  if ((hole as { type: string }).type !== 'Polygon') {
    throw new ApiError(422, 'ongeldig_type', 'Een gat is één Polygon.', { reden: 'ongeldig_type' });
  }
  return withAudit(ctx.pool, ctx.actor, `gat in ${layer.label.toLowerCase()} ${id}`, async (client) => {
    await lockForEdit(client, ctx, layer, id, version);
    const { ewkt: holeEwkt } = await prepareGeometry(client, hole, 'gat');
    const { rows } = await client.query<{ binnen: boolean; a_m2: number; h_m2: number; ewkt: string | null; m2: number | null }>(
      `WITH x AS (SELECT geom FROM ${layer.table} WHERE id = $1), h AS (SELECT ST_GeomFromEWKT($2) AS g),
            r AS (SELECT ST_Multi(ST_CollectionExtract(ST_Difference(x.geom, h.g, 0.001), 3)) AS g FROM x, h)
       SELECT ST_ContainsProperly(x.geom, h.g) AS binnen, ST_Area(x.geom) AS a_m2, ST_Area(h.g) AS h_m2,
              ST_AsEWKT(r.g) AS ewkt, ST_Area(r.g) AS m2
       FROM x, h LEFT JOIN r ON true`,
      [id, holeEwkt],
    );
    const r = rows[0];
    if (!r.binnen) {
      throw new ApiError(422, 'gat_niet_binnen', 'Het gat moet helemaal binnen het vlak liggen (niet op of over de rand, niet in een bestaand gat).', { reden: 'gat_niet_binnen' });
    }
    if (!r.ewkt || r.m2 === null || Math.abs(r.m2 - (r.a_m2 - r.h_m2)) > AREA_TOLERANCE_M2) {
      throw new ApiError(422, 'gat_mislukt', 'Het gat kon niet worden uitgesneden.', { reden: 'gat_mislukt' });
    }
    if (r.m2 / 10_000 < MIN_AREA_HA) {
      throw new ApiError(422, 'te_klein', teKleinMelding(r.m2, 'rest'), { reden: 'te_klein', m2: r.m2, min_ha: MIN_AREA_HA });
    }
    await applyUpdate(client, ctx, layer, id, { version, wat: 'Wat na het gat overblijft' }, r.ewkt);
    return { id, gat_ha: r.h_m2 / 10_000 };
  });
}
