// Editor geometry operations done by PostGIS (terra-draw has no holes, splits or
// unions): split by a line, merge two records, cut a hole. Each is one audited
// transaction with the version check and the werkgroep scope of every record it touches.
// All overlays use gridSize 0.001 (stored geometry lives on a 1 mm grid) and are
// guarded by area sums, so an overlay that silently drops rows cannot pass.
import { ApiError } from '../http/errors.ts';
import { checkLineString, checkPolygonal, MIN_AREA_HA, teKleinMelding } from '../domain/geometry.ts';
import { deelNaam } from '../domain/editor-rules.ts';
import { WORKFLOW_STATUS } from '../domain/kavel-status.ts';
import { m2Nl } from '../domain/nl-tekst.ts';
import type { WritableLayer } from './writable.ts';
import {
  applyUpdate, assertKavelInTerrein, assertMayEdit, assertPlaats, conflict, gekozenGemeente, gemeenteOfRecord, lockCurrent,
  prepareGeometry, withAudit,
  type Client, type WriteContext,
} from './writes.ts';

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
  if (current.version !== version) throw await conflict(client, layer, id, current.version);
  if (layer.table === 'kavel' && current.status === WORKFLOW_STATUS && opts.nietInOptie) {
    throw new ApiError(409, 'kavel_in_optie', `Kavel ${id} is in optie voor een match. Splitsen of samenvoegen kan pas als de match is afgevallen of gerealiseerd.`, { reden: 'kavel_in_optie' });
  }
  if (layer.softDeleteStatus && current.status === layer.softDeleteStatus) {
    throw new ApiError(422, 'vervallen', `${layer.label} ${id} is vervallen en kan niet meer worden bewerkt.`, { reden: 'vervallen' });
  }
  return current;
}

/** The columns a copy of a record takes over (everything but identity, geometry and bookkeeping). */
async function copyableColumns(client: Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
       AND column_name NOT IN ('id', 'geom', 'created_at', 'updated_at', 'version')
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
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
  return withAudit(ctx, `splitsing van ${layer.label.toLowerCase()} ${id}`, async (client) => {
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
    const cols = await copyableColumns(client, layer.table);
    const ids = [id];
    for (const [i, part] of parts.slice(1).entries()) {
      const onder = await assertPlaats(client, ctx.actor, part.ewkt, `Deel ${i + 2} van de splitsing`);
      if (layer.table === 'kavel') await assertKavelInTerrein(client, part.ewkt, current.terrein_id);
      const eigen: Record<string, unknown> = {
        ...naam(i + 2),
        ...(layer.gemeente === 'column' ? { gemeente_id: gekozenGemeente(onder, undefined, current.gemeente_id as number) } : {}),
      };
      const copied = cols.filter((c) => !(c in eigen));
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO ${layer.table} (${[...copied, ...Object.keys(eigen)].join(', ')}, geom)
         SELECT ${[...copied, ...Object.keys(eigen).map((_, j) => `$${j + 3}`)].join(', ')}, ST_GeomFromEWKT($2)
         FROM ${layer.table} WHERE id = $1 RETURNING id`,
        [id, part.ewkt, ...Object.values(eigen)],
      );
      ids.push(rows[0].id);
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
  return withAudit(ctx, `samenvoeging van ${layer.label.toLowerCase()} ${metId} met ${id}`, async (client) => {
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
    if (layer.table === 'terrein') {
      await client.query(`UPDATE kavel SET terrein_id = $1 WHERE terrein_id = $2`, [id, metId]);
      await client.query(`UPDATE kanszone SET terrein_id = $1 WHERE terrein_id = $2`, [id, metId]);
    }
    if (layer.table === 'kavel') {
      await client.query(`UPDATE bedrijf SET huidige_kavel_id = $1 WHERE huidige_kavel_id = $2`, [id, metId]);
    }
    if (layer.table === 'transformatie' || layer.table === 'compensatie') {
      await moveToewijzingen(client, layer.table === 'transformatie' ? 'transformatie_id' : 'compensatie_id', metId, id);
    }

    await applyUpdate(client, ctx, layer, id, { version, wat: 'Het samengevoegde vlak' }, r.ewkt);

    if (layer.softDeleteStatus) {
      const { rowCount } = await client.query(`UPDATE ${layer.table} SET status = $2 WHERE id = $1 AND version = $3`, [metId, layer.softDeleteStatus, metVersion]);
      if (!rowCount) throw await conflict(client, layer, metId, other.version);
    } else {
      try {
        await client.query(`DELETE FROM ${layer.table} WHERE id = $1 AND version = $2`, [metId, metVersion]);
      } catch (err) {
        if ((err as { code?: string }).code === '23503') {
          throw new ApiError(409, 'in_gebruik', `${layer.label} ${metId} wordt nog gebruikt door andere gegevens (bijvoorbeeld een match) en kan niet worden samengevoegd.`);
        }
        throw err;
      }
    }
    return { id, met_id: metId, met_status: layer.softDeleteStatus ? 'vervallen' : 'verwijderd', aaneengesloten: r.delen === 1 };
  });
}

/** Moves toewijzingen from one transformatie/compensatie to another, adding hectares where the pair already exists. */
async function moveToewijzingen(client: Client, column: 'transformatie_id' | 'compensatie_id', from: number, to: number) {
  const pair = column === 'transformatie_id' ? 'compensatie_id' : 'transformatie_id';
  const { rows } = await client.query<{ id: number; partner: number; hectares: number }>(
    `SELECT id, ${pair} AS partner, hectares FROM compensatie_toewijzing WHERE ${column} = $1 ORDER BY id`, [from],
  );
  for (const t of rows) {
    const existing = await client.query<{ id: number }>(
      `SELECT id FROM compensatie_toewijzing WHERE ${column} = $1 AND ${pair} = $2`, [to, t.partner],
    );
    if (existing.rows[0]) {
      await client.query(`UPDATE compensatie_toewijzing SET hectares = hectares + $2::double precision WHERE id = $1`, [existing.rows[0].id, t.hectares]);
      await client.query(`DELETE FROM compensatie_toewijzing WHERE id = $1`, [t.id]);
    } else {
      await client.query(`UPDATE compensatie_toewijzing SET ${column} = $2 WHERE id = $1`, [t.id, to]);
    }
  }
}

export async function cutHole(
  ctx: WriteContext, layer: WritableLayer, id: number, version: number, hole: unknown,
): Promise<{ id: number; gat_ha: number }> {
  const problem = checkPolygonal(hole);
  if (problem) throw new ApiError(422, problem.code, problem.message, { reden: problem.code, locatie: problem.locatie });
  if ((hole as { type: string }).type !== 'Polygon') {
    throw new ApiError(422, 'ongeldig_type', 'Een gat is één Polygon.', { reden: 'ongeldig_type' });
  }
  return withAudit(ctx, `gat in ${layer.label.toLowerCase()} ${id}`, async (client) => {
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
